/** Tool plugins (Slack, e-mail...): what each integration is called and which credentials it needs. */
package io.cronium.tools;
