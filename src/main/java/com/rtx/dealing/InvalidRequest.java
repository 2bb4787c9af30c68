package com.rtx.dealing;

/** A dealing request that cannot be turned into a command: {@code field} is wrong (HTTP 400). */
final class InvalidRequest extends RuntimeException {

  final String field;

  InvalidRequest(String field, String message) {
    super(message);
    this.field = field;
  }
}
