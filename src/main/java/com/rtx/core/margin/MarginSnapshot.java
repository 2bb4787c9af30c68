package com.rtx.core.margin;

import com.rtx.core.money.CurrencyDigits;
import com.rtx.core.money.Rounding;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's money at one set of prices, all in minor units of {@code currency}.
 *
 * <p>{@code equity = balance + credit + floatingPnl} and {@code freeMargin = equity − margin}
 * (MetaTrader 5 Help, "Trading account: equity, free margin"); margin level is
 * {@code equity / margin × 100} and undefined with no margin.
 *
 * @param currency account currency
 * @param balance balance
 * @param credit credit
 * @param floatingPnl sum of the open positions' P&amp;L at current prices, each rounded
 * @param margin margin required by the open positions
 */
public record MarginSnapshot(String currency, long balance, long credit, long floatingPnl, long margin) {

  public MarginSnapshot {
    CurrencyDigits.checkCode(currency);
    if (margin < 0) {
      throw new IllegalArgumentException("margin must be >= 0, got " + margin);
    }
  }

  public long equity() {
    return Math.addExact(Math.addExact(balance, credit), floatingPnl);
  }

  public long freeMargin() {
    return Math.subtractExact(equity(), margin);
  }

  /** Margin level in percent, 2 decimals rounded down; empty when no margin is used. */
  public Optional<BigDecimal> marginLevel() {
    return margin == 0 ? Optional.empty() : Optional.of(Rounding.marginLevelPercent(equity(), margin));
  }

  /**
   * Whether the margin level is at or below {@code levelPercent}, decided exactly
   * ({@code equity × 100 ≤ level × margin}, no rounded level in between). False with no margin.
   */
  public boolean isAtOrBelow(BigDecimal levelPercent) {
    Objects.requireNonNull(levelPercent, "levelPercent");
    if (margin == 0) {
      return false;
    }
    BigDecimal lhs = BigDecimal.valueOf(equity()).multiply(BigDecimal.valueOf(100));
    BigDecimal rhs = levelPercent.multiply(BigDecimal.valueOf(margin));
    return lhs.compareTo(rhs) <= 0;
  }
}
