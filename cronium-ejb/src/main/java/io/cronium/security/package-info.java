/**
 * API tokens: RS256 JSON Web Tokens with the MicroProfile JWT claim set (iss, sub, upn, groups, exp, iat, jti),
 * signed with a key pair from configuration, so any MP-JWT verifier with the public key accepts them.
 */
package io.cronium.security;
