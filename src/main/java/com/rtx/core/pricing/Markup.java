package com.rtx.core.pricing;

import java.util.Objects;

/**
 * Turns an LP (aggregated) price into the client price of a {@link MarkupProfile}.
 *
 * <p>For the symbol's {@link MarkupRule}: {@code bid -= bidPoints}, {@code ask += askPoints};
 * then, if the spread is still below {@code minSpreadPoints}, the missing points are split
 * between the sides, half each, with an odd point going to the ask. A fixed rule keeps the result
 * deterministic, and keeping the bid nearer the market moves the closing price of long positions
 * (and so their stops and stop-outs) as little as possible.
 *
 * <p>Example, EURUSD (5 digits) 1.08123 / 1.08125 with 3/3 points and a 10 point minimum:
 * 1.08120 / 1.08128 is 8 points wide, 2 are missing, so 1.08119 / 1.08129.
 */
public final class Markup {

  private Markup() {
  }

  /**
   * The client price of {@code symbol} under profile {@code p}.
   *
   * @throws ArithmeticException if the result would overflow a {@code long} (nonsense input)
   */
  public static ClientPrice apply(MarkupProfile p, String symbol, long bid, long ask) {
    MarkupRule rule = Objects.requireNonNull(p, "p").ruleFor(Objects.requireNonNull(symbol, "symbol"));
    long clientBid = Math.subtractExact(bid, rule.bidPoints());
    long clientAsk = Math.addExact(ask, rule.askPoints());
    long missing = rule.minSpreadPoints() - Math.subtractExact(clientAsk, clientBid);
    if (missing > 0) {
      long toBid = missing / 2;
      clientBid = Math.subtractExact(clientBid, toBid);
      clientAsk = Math.addExact(clientAsk, missing - toBid);
    }
    return new ClientPrice(clientBid, clientAsk);
  }

  /**
   * {@code q} with its prices replaced by the client prices; everything else is kept, except that
   * a markup wider than the price itself (a client bid at or below zero) leaves nothing to deal
   * at: that quote is {@link QuoteStatus#STALE}, so orders are refused and stop-outs wait for a
   * dealable price instead of failing on a non-positive fill price (found by the contract fuzzer:
   * a markup profile of 100,000 bid points on USDJPY made every SELL and every stop-out close of
   * its accounts throw).
   */
  public static AggregatedQuote apply(MarkupProfile p, AggregatedQuote q) {
    ClientPrice price = apply(p, q.symbol(), q.bid(), q.ask());
    if (price.bid() <= 0 && q.status() == QuoteStatus.OK) {
      return q.withPrices(price.bid(), price.ask()).withStatus(QuoteStatus.STALE);
    }
    return q.withPrices(price.bid(), price.ask());
  }
}
