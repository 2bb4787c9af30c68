package com.rtx.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * What a verified access token says: the trader (or, for a staff token, the staff member: then
 * {@code traderId} is the staff id), the login session it belongs to, which logout revokes, and
 * whether the trader logged in with a temporary password that must be changed first ({@code pwc}).
 */
public record AccessClaims(long traderId, String username, UUID sessionId, Instant expiresAt,
                           boolean mustChangePassword) {

  public AccessClaims(long traderId, String username, UUID sessionId, Instant expiresAt) {
    this(traderId, username, sessionId, expiresAt, false);
  }
}
