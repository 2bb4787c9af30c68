package com.rtx.core.toxicity;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How the parts of the score are scaled and weighted; see {@link ToxicityScore}.
 *
 * @param markoutFullScale average markout (points per lot) that counts as fully toxic
 * @param pnlFullScale P&amp;L per lot (account currency) that counts as fully toxic
 * @param shortHoldMillis a winning trade held less than this is "short-held"
 * @param markoutWeight weight of the markout part
 * @param shortWinWeight weight of the short-held-winner share
 * @param pnlWeight weight of the P&amp;L-per-lot part; the three weights sum to 1
 */
public record ToxicityParams(BigDecimal markoutFullScale, BigDecimal pnlFullScale, long shortHoldMillis,
                             BigDecimal markoutWeight, BigDecimal shortWinWeight, BigDecimal pnlWeight) {

  public ToxicityParams {
    Objects.requireNonNull(markoutFullScale, "markoutFullScale");
    Objects.requireNonNull(pnlFullScale, "pnlFullScale");
    if (markoutFullScale.signum() <= 0 || pnlFullScale.signum() <= 0 || shortHoldMillis <= 0) {
      throw new IllegalArgumentException("scales and the short hold must be positive");
    }
    if (markoutWeight.add(shortWinWeight).add(pnlWeight).compareTo(BigDecimal.ONE) != 0) {
      throw new IllegalArgumentException("weights must sum to 1");
    }
  }

  /** 10 points, 100.00 per lot, 60 s; weights 0.5 / 0.25 / 0.25. */
  public static ToxicityParams defaults(long shortHoldMillis) {
    return new ToxicityParams(BigDecimal.TEN, BigDecimal.valueOf(100), shortHoldMillis, new BigDecimal("0.5"),
      new BigDecimal("0.25"), new BigDecimal("0.25"));
  }
}
