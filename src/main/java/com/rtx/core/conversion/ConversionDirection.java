package com.rtx.core.conversion;

import java.math.BigDecimal;

/**
 * Which side of a conversion quote to use: the side conservative for the broker.
 *
 * <p>This is MetaTrader 5's rule for converting profit into the deposit currency (a profit is
 * converted at the rate that gives the client less, a loss at the rate that costs the client
 * more; MT5 Help, "Trading account: profit calculation"), generalised to every amount:
 * <ul>
 *   <li>{@link #CREDIT}: an amount owed <em>to</em> the client (a profit, a positive swap). The
 *       conversion takes the rate giving the <em>smaller</em> magnitude.</li>
 *   <li>{@link #DEBIT}: an amount owed <em>by</em> the client or required of them (a loss, a
 *       commission, a negative swap, a margin requirement, a notional checked against a limit).
 *       The rate giving the <em>larger</em> magnitude.</li>
 * </ul>
 * For a pair BASE/QUOTE converting BASE → QUOTE multiplies: CREDIT uses the bid, DEBIT the ask.
 * Converting QUOTE → BASE divides: CREDIT uses the ask, DEBIT the bid. Both legs of a cross use
 * the same direction, so the cross is conservative too.
 */
public enum ConversionDirection {
  CREDIT,
  DEBIT;

  /** CREDIT for a profit (or zero), DEBIT for a loss. */
  public static ConversionDirection forSigned(BigDecimal amount) {
    return amount.signum() >= 0 ? CREDIT : DEBIT;
  }
}
