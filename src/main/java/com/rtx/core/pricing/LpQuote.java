package com.rtx.core.pricing;

import java.util.Objects;

/**
 * One top-of-book price from a liquidity provider, as received.
 *
 * <p>Bid and ask are scaled units of the instrument's digits (see
 * {@link com.rtx.core.market.Prices}). The record does not judge the prices: run
 * {@link QuoteCheck#check(LpQuote)} before using them.
 *
 * @param lp the liquidity provider's id
 * @param symbol the engine's symbol, e.g. {@code EURUSD}
 * @param bid bid in price units
 * @param ask ask in price units
 * @param lpTimeMillis the LP's own timestamp (epoch millis), for latency reporting
 * @param receivedMillis when the engine received it (epoch millis); freshness is judged on this
 * @param bidQuoteId the LP's QuoteEntryID (299) of the bid, or null when it sent none
 * @param askQuoteId the LP's QuoteEntryID (299) of the ask (offer), or null when it sent none
 */
public record LpQuote(String lp, String symbol, long bid, long ask, long lpTimeMillis, long receivedMillis,
                      String bidQuoteId, String askQuoteId) {

  /** A quote whose entries carried no QuoteEntryID. */
  public LpQuote(String lp, String symbol, long bid, long ask, long lpTimeMillis, long receivedMillis) {
    this(lp, symbol, bid, ask, lpTimeMillis, receivedMillis, null, null);
  }

  public LpQuote {
    Objects.requireNonNull(lp, "lp");
    Objects.requireNonNull(symbol, "symbol");
    if (lp.isBlank() || symbol.isBlank()) {
      throw new IllegalArgumentException("lp and symbol must not be blank");
    }
  }

  /** {@code ask - bid}. */
  public long spread() {
    return ask - bid;
  }
}
