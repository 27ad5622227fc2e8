/**
 * Scheduling: the database is the coordinator. A schedule slot (event, instant) exists at most once, written in the
 * transaction that enqueues its job; EJB timers only wake the scheduler.
 */
package io.cronium.scheduling;
