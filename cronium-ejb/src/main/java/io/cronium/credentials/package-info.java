/** Credentials of tool plugins (Slack, email...), stored encrypted as one JSON blob per credential. */
package io.cronium.credentials;
