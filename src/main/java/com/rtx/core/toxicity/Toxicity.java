package com.rtx.core.toxicity;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An account's toxicity and its parts, each rounded half-even to 4 decimals.
 *
 * @param score 0 (harmless) .. 1 (toxic)
 * @param markout1 volume-weighted markout at the first horizon, points per lot (client's favour positive)
 * @param markout5 at the second horizon
 * @param markout60 at the third horizon
 * @param shortWinShare share of closing deals that won and were held less than the short hold
 * @param pnlPerLot realized P&amp;L per closed lot, account currency
 * @param deals deals the score is based on
 */
public record Toxicity(BigDecimal score, BigDecimal markout1, BigDecimal markout5, BigDecimal markout60,
                       BigDecimal shortWinShare, BigDecimal pnlPerLot, int deals) {
  public Toxicity {
    Objects.requireNonNull(score, "score");
  }
}
