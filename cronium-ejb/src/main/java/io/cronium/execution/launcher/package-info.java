/**
 * The process launcher: a small JVM of the node that starts local scripts for the server (whose hundreds of open
 * files make each start from its own JVM cost milliseconds), speaking a framed protocol on its standard streams.
 * The classes it runs ({@link io.cronium.execution.launcher.ProcessLauncher#CLASSES}) use JDK classes only.
 */
package io.cronium.execution.launcher;
