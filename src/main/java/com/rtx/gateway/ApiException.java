package com.rtx.gateway;

/** A handler's way to fail a request with a specific {@link ApiError}. */
public final class ApiException extends RuntimeException {

  private final transient ApiError error;

  public ApiException(ApiError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }
}
