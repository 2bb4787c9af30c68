package com.rtx.bus;

/**
 * A bus request that cannot be read: {@code field} is missing or wrong. The edge that decoded it
 * answers its client 400 naming the field; nothing was sent or applied.
 */
public final class InvalidRequest extends IllegalArgumentException {

  private final String field;

  public InvalidRequest(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
