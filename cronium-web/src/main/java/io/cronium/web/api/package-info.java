/** The public REST API v1 (see docs/api.md): thin resources that translate JSON to business calls and back. */
package io.cronium.web.api;
