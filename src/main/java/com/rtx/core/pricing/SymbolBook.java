package com.rtx.core.pricing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latest quote of every liquidity provider for one symbol, and the aggregated best price
 * built from them.
 *
 * <p>Aggregation ({@link #aggregate}) takes the highest bid and the lowest ask among
 * <em>fresh</em> quotes (received at or after {@code now - staleMs}), remembering which LP gave
 * each side (and that LP quote's id for the side, if it sent one). Ties go to the quote received
 * earlier, then to the LP whose name sorts first, so the result never depends on map iteration order.
 *
 * <p>If the best bid is at or above the best ask across different LPs (a crossed or locked
 * aggregate, which happens when one LP lags the market), the book does not publish it. Instead
 * both sides come from the single fresh LP with the tightest own spread (same tie-break). Each
 * stored quote is itself uncrossed, so the published price never is.
 *
 * <p>Not thread-safe: owned by the pricing loop of one symbol.
 */
public final class SymbolBook {

  private static final Comparator<LpQuote> EARLIER_FIRST =
    Comparator.comparingLong(LpQuote::receivedMillis).thenComparing(LpQuote::lp);

  private final String symbol;
  // TreeMap: deterministic iteration by LP name.
  private final Map<String, LpQuote> latest = new TreeMap<>();
  private AggregatedQuote lastFresh;

  public SymbolBook(String symbol) {
    Objects.requireNonNull(symbol, "symbol");
    if (symbol.isBlank()) {
      throw new IllegalArgumentException("symbol must not be blank");
    }
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /**
   * Replaces the LP's previous quote. The quote must be of this symbol and pass
   * {@link QuoteCheck} (callers drop rejected quotes before they get here).
   *
   * @throws IllegalArgumentException if the quote is for another symbol or fails the check
   */
  public void update(LpQuote q) {
    Objects.requireNonNull(q, "q");
    if (!symbol.equals(q.symbol())) {
      throw new IllegalArgumentException("book of " + symbol + " got a quote of " + q.symbol());
    }
    QuoteCheck.Rejection rejection = QuoteCheck.check(q);
    if (rejection != QuoteCheck.Rejection.NONE) {
      throw new IllegalArgumentException("quote failed QuoteCheck (" + rejection + "), drop it before the book: " + q);
    }
    latest.put(q.lp(), q);
  }

  /** Forgets the LP's quote, e.g. when its session logs out. */
  public void remove(String lp) {
    latest.remove(lp);
  }

  /** The LP's latest quote, fresh or not. */
  public Optional<LpQuote> quoteOf(String lp) {
    return Optional.ofNullable(latest.get(lp));
  }

  /** LPs whose latest quote was received before {@code now - staleMs}, by name. */
  public List<String> staleLps(long nowMillis, long staleMs) {
    List<String> stale = new ArrayList<>();
    for (LpQuote q : latest.values()) {
      if (!isFresh(q, nowMillis, staleMs)) {
        stale.add(q.lp());
      }
    }
    return stale;
  }

  /**
   * The price to publish now.
   *
   * <ul>
   *   <li>At least one fresh quote: best bid / best ask as described on the class, status
   *       {@link QuoteStatus#OK}, or {@link QuoteStatus#CLOSED} if {@code sessionOpen} is false.</li>
   *   <li>No fresh quote: the prices (and LPs and LP time) of the last aggregate that had fresh
   *       quotes, with status {@link QuoteStatus#STALE} ({@code CLOSED} if the session is closed,
   *       which is the more useful reason to show). If no aggregate ever had fresh quotes, the
   *       stored quotes are aggregated ignoring their age.</li>
   *   <li>Empty only if the book has never been able to price: no quote stored and none
   *       aggregated before.</li>
   * </ul>
   * {@code sequence} and {@code engineTimeMillis = nowMillis} are always the caller's.
   *
   * @param staleMs a quote received before {@code nowMillis - staleMs} is not fresh; {@code >= 0}
   */
  public Optional<AggregatedQuote> aggregate(long nowMillis, long staleMs, boolean sessionOpen, long sequence) {
    if (staleMs < 0) {
      throw new IllegalArgumentException("staleMs must be >= 0, got " + staleMs);
    }
    List<LpQuote> fresh = new ArrayList<>(latest.size());
    for (LpQuote q : latest.values()) {
      if (isFresh(q, nowMillis, staleMs)) {
        fresh.add(q);
      }
    }
    if (!fresh.isEmpty()) {
      lastFresh = best(fresh, sessionOpen ? QuoteStatus.OK : QuoteStatus.CLOSED, sequence, nowMillis);
      return Optional.of(lastFresh);
    }
    QuoteStatus status = sessionOpen ? QuoteStatus.STALE : QuoteStatus.CLOSED;
    if (lastFresh != null) {
      return Optional.of(new AggregatedQuote(symbol, lastFresh.bid(), lastFresh.ask(), lastFresh.bidLp(), lastFresh.askLp(),
        status, sequence, lastFresh.lpTimeMillis(), nowMillis, lastFresh.bidQuoteId(), lastFresh.askQuoteId()));
    }
    if (!latest.isEmpty()) {
      return Optional.of(best(new ArrayList<>(latest.values()), status, sequence, nowMillis));
    }
    return Optional.empty();
  }

  private AggregatedQuote best(List<LpQuote> quotes, QuoteStatus status, long sequence, long nowMillis) {
    LpQuote bestBid = quotes.get(0);
    LpQuote bestAsk = quotes.get(0);
    for (LpQuote q : quotes) {
      if (q.bid() > bestBid.bid() || (q.bid() == bestBid.bid() && EARLIER_FIRST.compare(q, bestBid) < 0)) {
        bestBid = q;
      }
      if (q.ask() < bestAsk.ask() || (q.ask() == bestAsk.ask() && EARLIER_FIRST.compare(q, bestAsk) < 0)) {
        bestAsk = q;
      }
    }
    if (bestBid.bid() >= bestAsk.ask()) {
      LpQuote tightest = quotes.get(0);
      for (LpQuote q : quotes) {
        if (q.spread() < tightest.spread() || (q.spread() == tightest.spread() && EARLIER_FIRST.compare(q, tightest) < 0)) {
          tightest = q;
        }
      }
      bestBid = tightest;
      bestAsk = tightest;
    }
    return new AggregatedQuote(symbol, bestBid.bid(), bestAsk.ask(), bestBid.lp(), bestAsk.lp(), status, sequence,
      Math.max(bestBid.lpTimeMillis(), bestAsk.lpTimeMillis()), nowMillis, bestBid.bidQuoteId(), bestAsk.askQuoteId());
  }

  private static boolean isFresh(LpQuote q, long nowMillis, long staleMs) {
    // Written as a difference so that huge staleMs cannot underflow now - staleMs.
    return nowMillis - q.receivedMillis() <= staleMs;
  }
}
