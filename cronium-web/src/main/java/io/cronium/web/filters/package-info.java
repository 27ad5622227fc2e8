/** Servlet filters that apply to every request: origin for the audit trail, security headers, body size limit. */
package io.cronium.web.filters;
