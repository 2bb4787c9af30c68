package com.rtx.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * What a verified access token says: the trader (or, for a staff token, the staff member: then
 * {@code traderId} is the staff id), and the login session it belongs to, which logout revokes.
 */
public record AccessClaims(long traderId, String username, UUID sessionId, Instant expiresAt) {
}
