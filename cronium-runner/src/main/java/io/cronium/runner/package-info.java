/**
 * The runner deployed next to scripts. Its shell runner and the {@code cronium} helper libraries for bash, python
 * and node live under {@code src/main/resources/runner}; this package will hold the code that packs them into
 * payloads for the container and SSH executors.
 */
package io.cronium.runner;
