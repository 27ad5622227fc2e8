/** Events: what to run (script, HTTP request, tool action), where, when, and with which limits. */
package io.cronium.events;
