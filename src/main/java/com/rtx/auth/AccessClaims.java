package com.rtx.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * What a verified access token says: the trader, and the login session (refresh-token family) it
 * belongs to, which logout revokes.
 */
public record AccessClaims(long traderId, String username, UUID sessionId, Instant expiresAt) {
}
