/**
 * Traders' authentication: password hashing (Argon2id), access tokens (JWT, ES256/RS256 keys with
 * rotation), rotating refresh tokens stored hashed in PostgreSQL, login throttling in Redis, and
 * the demo users' passwords. No HTTP here: the gateway maps these results onto the REST API.
 */
package com.rtx.auth;
