/**
 * Container-managed authentication. Jakarta Security 3 (EE 10) allows one authentication mechanism per
 * application, so one mechanism serves both doors: bearer tokens (MP-JWT claim set, RS256) for the API and a
 * form login with a session for the console.
 */
package io.cronium.web.security;
