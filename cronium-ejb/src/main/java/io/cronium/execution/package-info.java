/**
 * The executor SPI and its implementations. An executor runs one execution request to the end and reports
 * output lines as they come; it never touches the database (the job runner records what it reports).
 */
package io.cronium.execution;
