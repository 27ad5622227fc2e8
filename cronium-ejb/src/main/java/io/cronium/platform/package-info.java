/** Cross-cutting platform wiring: database migrations at start-up, node identity, JPA converters. */
package io.cronium.platform;
