package com.rtx.core.pricing;

/**
 * How much to widen an LP price for clients, in points (units of 10^-digits of the symbol).
 *
 * @param bidPoints subtracted from the bid; {@code >= 0}
 * @param askPoints added to the ask; {@code >= 0}
 * @param minSpreadPoints the client spread is widened to at least this; {@code >= 0}
 */
public record MarkupRule(long bidPoints, long askPoints, long minSpreadPoints) {

  /** No markup: prices pass through unchanged. */
  public static final MarkupRule ZERO = new MarkupRule(0, 0, 0);

  public MarkupRule {
    if (bidPoints < 0 || askPoints < 0 || minSpreadPoints < 0) {
      throw new IllegalArgumentException(
        "markup points must be >= 0, got bid " + bidPoints + ", ask " + askPoints + ", min spread " + minSpreadPoints);
    }
  }
}
