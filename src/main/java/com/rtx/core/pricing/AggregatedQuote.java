package com.rtx.core.pricing;

import java.util.Objects;

/**
 * The engine's price for one symbol at one moment: best bid and ask across liquidity providers
 * (or, after {@link Markup}, the client price), never crossed or locked.
 *
 * @param symbol the symbol
 * @param bid bid in price units
 * @param ask ask in price units; always greater than {@code bid}
 * @param bidLp the LP whose quote gave the bid
 * @param askLp the LP whose quote gave the ask
 * @param status whether the price can be dealt on
 * @param sequence the caller's publication counter, to detect gaps and reordering downstream
 * @param lpTimeMillis the newer of the two sides' LP timestamps
 * @param engineTimeMillis when the engine computed this price
 * @param bidQuoteId the QuoteEntryID of {@code bidLp}'s quote that gave the bid, or null (none sent):
 *                   what an order against that LP's own quote (40=D) must name
 * @param askQuoteId the same for the ask
 */
public record AggregatedQuote(
  String symbol,
  long bid,
  long ask,
  String bidLp,
  String askLp,
  QuoteStatus status,
  long sequence,
  long lpTimeMillis,
  long engineTimeMillis,
  String bidQuoteId,
  String askQuoteId) {

  /** A quote whose LPs sent no quote ids. */
  public AggregatedQuote(String symbol, long bid, long ask, String bidLp, String askLp, QuoteStatus status, long sequence,
                         long lpTimeMillis, long engineTimeMillis) {
    this(symbol, bid, ask, bidLp, askLp, status, sequence, lpTimeMillis, engineTimeMillis, null, null);
  }

  public AggregatedQuote {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(bidLp, "bidLp");
    Objects.requireNonNull(askLp, "askLp");
    Objects.requireNonNull(status, "status");
    if (bid >= ask) {
      throw new IllegalArgumentException("a published price must not be crossed or locked: " + symbol + " " + bid + "/" + ask);
    }
  }

  /** {@code ask - bid}. */
  public long spread() {
    return ask - bid;
  }

  /** This quote with other prices, e.g. after markup. */
  public AggregatedQuote withPrices(long newBid, long newAsk) {
    return new AggregatedQuote(symbol, newBid, newAsk, bidLp, askLp, status, sequence, lpTimeMillis, engineTimeMillis,
      bidQuoteId, askQuoteId);
  }

  /** This quote with another status (a markup that leaves no price, a quote turned stale). */
  public AggregatedQuote withStatus(QuoteStatus newStatus) {
    return new AggregatedQuote(symbol, bid, ask, bidLp, askLp, newStatus, sequence, lpTimeMillis, engineTimeMillis,
      bidQuoteId, askQuoteId);
  }
}
