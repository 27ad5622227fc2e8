/** Failures every business component reports the same way; the API turns them into problem+json. */
package io.cronium.common;
