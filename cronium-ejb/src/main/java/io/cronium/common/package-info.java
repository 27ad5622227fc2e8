/**
 * What every business component shares: failures reported the same way (the API turns them into problem+json), and
 * JSON builders and readers from a provider looked up once.
 */
package io.cronium.common;
