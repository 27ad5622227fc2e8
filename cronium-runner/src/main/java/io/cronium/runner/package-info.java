/**
 * What runs next to scripts on the other side: the shell runner deployed to remote servers (and, with the helpers
 * issue, the {@code cronium} helper libraries for bash, python and node) under {@code src/main/resources/runner},
 * and the archive format that carries a run's files to containers and servers.
 */
package io.cronium.runner;
