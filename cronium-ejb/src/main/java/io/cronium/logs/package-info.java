/** What happened when events ran: the user-facing Log per run and one Execution per server and attempt. */
package io.cronium.logs;
