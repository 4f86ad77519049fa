/**
 * What verifying one credential costs (JWT with RS256 against a JWKS, HS256, API key), without the cache of
 * verified tokens.
 */
package ai.hanzo.bench.iam;
