package com.rtx.lpsim;

/**
 * A fault switch the simulator refused, with a stable reason and the input it concerns. The
 * control endpoint maps the reason to an HTTP status and the JSON error shape.
 */
public final class LpSimException extends RuntimeException {

  /** Stable reason codes (they reach the control endpoint's {@code error.code}). */
  public enum Reason {
    /** No simulated LP has that name. */
    UNKNOWN_LP,
    /** The catalogue has no such instrument. */
    UNKNOWN_SYMBOL,
    /** The symbol is stale on that LP, so it sends no quote until resumed. */
    SYMBOL_STALE,
    /** The LP's session is not logged on. */
    NOT_LOGGED_ON,
    /** A spike of that size would take a price to zero or below. */
    PRICE_OUT_OF_RANGE
  }

  private final Reason reason;
  private final String field;

  public LpSimException(Reason reason, String field, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.field = field;
  }

  public Reason reason() {
    return reason;
  }

  /** The input the failure is about ({@code lp}, {@code symbol}, {@code points}), or null. */
  public String field() {
    return field;
  }
}
