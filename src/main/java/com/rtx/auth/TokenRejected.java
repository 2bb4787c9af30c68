package com.rtx.auth;

/**
 * An access token that does not authenticate: missing, malformed, forged, signed with an unknown
 * key, for another audience or issuer, or expired. The message is safe to show to the client.
 */
public final class TokenRejected extends RuntimeException {

  public TokenRejected(String message) {
    super(message, null, false, false);
  }
}
