package com.rtx.auth;

import java.time.Duration;

/**
 * A login, refresh or logout that is refused. {@link #code} is the stable reason the REST API
 * reports as {@code error.code}; the message is safe to show to the client.
 */
public final class AuthFailure extends RuntimeException {

  /** Why; the gateway maps each to its HTTP status. */
  public enum Code {
    /** Unknown user or wrong password: the same answer for both. 401 */
    INVALID_CREDENTIALS,
    /** Correct password, but the trader is LOCKED or DISABLED. 403 */
    LOGIN_DISABLED,
    /** Too many failed logins for the username or client IP; see {@link #retryAfter}. 429 */
    LOGIN_THROTTLED,
    /** Unknown, expired or revoked refresh token. 401 */
    INVALID_REFRESH_TOKEN,
    /** A refresh token that was already used: its whole session is revoked. 401 */
    REFRESH_TOKEN_REUSED,
    /** A password change to the same password (a temporary one must really be replaced). 422 */
    PASSWORD_UNCHANGED
  }

  private final Code code;
  private final transient Duration retryAfter;

  public AuthFailure(Code code, String message) {
    this(code, message, Duration.ZERO);
  }

  public AuthFailure(Code code, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public Code code() {
    return code;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
