package com.rtx.auth;

import com.rtx.platform.http.ApiErrorCode;

import java.time.Duration;

/**
 * A login, refresh or logout that is refused. {@link #code} is the stable reason the REST API
 * reports as {@code error.code} (INVALID_CREDENTIALS, LOGIN_DISABLED, LOGIN_THROTTLED with
 * {@link #retryAfter}, INVALID_REFRESH_TOKEN, REFRESH_TOKEN_REUSED, PASSWORD_UNCHANGED); the message
 * is safe to show to the client.
 */
public final class AuthFailure extends RuntimeException {

  private final ApiErrorCode code;
  private final transient Duration retryAfter;

  public AuthFailure(ApiErrorCode code, String message) {
    this(code, message, Duration.ZERO);
  }

  public AuthFailure(ApiErrorCode code, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public ApiErrorCode code() {
    return code;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
