package com.rtx.core.margin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An account's daily equity snapshot: its money at the roll-over that ends {@code tradeDate},
 * after that roll-over's swaps. Used for statements, daily P&amp;L and drawdown reporting.
 *
 * @param accountId the account
 * @param tradeDate the trading day that ended
 * @param at the roll-over instant
 * @param snapshot balance, credit, floating P&amp;L, equity and margin at that instant
 */
public record EquitySnapshot(long accountId, LocalDate tradeDate, Instant at, MarginSnapshot snapshot) {
  public EquitySnapshot {
    Objects.requireNonNull(tradeDate, "tradeDate");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(snapshot, "snapshot");
  }
}
