/**
 * Cross-cutting platform wiring: database migrations at start-up, node identity, JPA converters.
 *
 * <p><b>Timer callouts.</b> Every EJB timer callout of Cronium (heartbeats, ticks, sweeps) runs outside a transaction
 * ({@code NOT_SUPPORTED}) and catches its failures: the work it calls commits in transactions of its own. A callout
 * whose container transaction rolls back counts as a failed delivery, and Payara cancels a timer, periodic ones
 * included, after its redelivery fails too (GlassFish's {@code max-redeliveries} = 1): a short database outage
 * could otherwise stop a node's scheduler or lease keeper for good, with nothing in the log above INFO.
 */
package io.cronium.platform;
