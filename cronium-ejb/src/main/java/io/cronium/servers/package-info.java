/** SSH servers that events run on: connection details, encrypted credentials, pinned host keys, health. */
package io.cronium.servers;
