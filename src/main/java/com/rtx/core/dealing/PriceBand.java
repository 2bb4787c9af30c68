package com.rtx.core.dealing;

import com.rtx.core.pricing.AggregatedQuote;

import java.util.Objects;

/**
 * The prices of one symbol between which an account's {@link QuoteBand} holds: bid in
 * {@code [bidLo, bidHi]} and ask in {@code [askLo, askHi]}, all inclusive, in price units.
 *
 * @param symbol the symbol
 * @param bidLo lowest bid, {@code >= 1}
 * @param bidHi highest bid
 * @param askLo lowest ask, {@code >= 1}
 * @param askHi highest ask
 */
public record PriceBand(String symbol, long bidLo, long bidHi, long askLo, long askHi) {

  public PriceBand {
    Objects.requireNonNull(symbol, "symbol");
  }

  /** The band of exactly {@code q}'s prices. */
  static PriceBand at(AggregatedQuote q) {
    return new PriceBand(q.symbol(), q.bid(), q.bid(), q.ask(), q.ask());
  }

  /** Any positive price. */
  static PriceBand unbounded(String symbol) {
    return new PriceBand(symbol, 1, Long.MAX_VALUE, 1, Long.MAX_VALUE);
  }

  public boolean contains(AggregatedQuote q) {
    return q.bid() >= bidLo && q.bid() <= bidHi && q.ask() >= askLo && q.ask() <= askHi;
  }

  /** Whether some quote lies in the band. */
  boolean isEmpty() {
    return bidLo > bidHi || askLo > askHi;
  }

  /** The common part of the two bands (possibly empty). */
  PriceBand intersect(PriceBand o) {
    return new PriceBand(symbol, Math.max(bidLo, o.bidLo), Math.min(bidHi, o.bidHi), Math.max(askLo, o.askLo),
      Math.min(askHi, o.askHi));
  }

  /** Bid at least {@code lo}. */
  PriceBand bidAtLeast(long lo) {
    return new PriceBand(symbol, Math.max(bidLo, lo), bidHi, askLo, askHi);
  }

  PriceBand bidAtMost(long hi) {
    return new PriceBand(symbol, bidLo, Math.min(bidHi, hi), askLo, askHi);
  }

  PriceBand askAtLeast(long lo) {
    return new PriceBand(symbol, bidLo, bidHi, Math.max(askLo, lo), askHi);
  }

  PriceBand askAtMost(long hi) {
    return new PriceBand(symbol, bidLo, bidHi, askLo, Math.min(askHi, hi));
  }

  /** {@code q}'s prices each widened by {@code points} either way (never below 1). */
  static PriceBand around(AggregatedQuote q, long points) {
    return new PriceBand(q.symbol(), Math.max(1, q.bid() - points), saturatedAdd(q.bid(), points),
      Math.max(1, q.ask() - points), saturatedAdd(q.ask(), points));
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }
}
