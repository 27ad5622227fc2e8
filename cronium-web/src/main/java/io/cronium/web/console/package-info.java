/** The PrimeFaces console: view-scoped backing beans that call the same business boundaries as the API. */
package io.cronium.web.console;
