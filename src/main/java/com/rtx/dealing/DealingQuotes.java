package com.rtx.dealing;

import com.rtx.core.conversion.Quotes;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.Markup;
import com.rtx.core.pricing.MarkupProfile;
import com.rtx.core.pricing.QuoteStatus;

import java.util.HashMap;
import java.util.Map;

/**
 * The latest LP (aggregated) quote per symbol as published by pricing, and the client quotes a
 * group deals on: its markup applied, and a quote older than {@code staleMs} marked STALE, so
 * that a silent pricing role can never leave dealing filling on an old price.
 */
final class DealingQuotes {

  private final Map<String, AggregatedQuote> latest = new HashMap<>();
  private final long staleMs;
  /** Client quotes per markup profile, kept until a quote changes or one of them turns stale. */
  private final Map<MarkupProfile, Cached> cache = new java.util.IdentityHashMap<>();
  private long version;

  private record Cached(long version, long validUntil, Quotes quotes) {
  }

  DealingQuotes(long staleMs) {
    this.staleMs = staleMs;
  }

  /**
   * Keeps {@code q} unless a quote of its symbol computed later is already here (sequences restart
   * with a pricing role, its clock does not).
   */
  boolean update(AggregatedQuote q) {
    AggregatedQuote previous = latest.get(q.symbol());
    if (previous != null && previous.engineTimeMillis() > q.engineTimeMillis()) {
      return false;
    }
    latest.put(q.symbol(), q);
    version++;
    return true;
  }

  /** The LPs' latest quote of {@code symbol} before markup, or null: what an order to an LP is priced from. */
  AggregatedQuote raw(String symbol) {
    return latest.get(symbol);
  }

  /**
   * The client quotes of {@code profile} at {@code nowMillis}; computed again only after a quote
   * moved or the moment the oldest live one turns stale (every batch of every shard asks).
   */
  Quotes forProfile(MarkupProfile profile, long nowMillis) {
    Cached cached = cache.get(profile);
    if (cached != null && cached.version() == version && nowMillis <= cached.validUntil()) {
      return cached.quotes();
    }
    if (cache.size() > 64) {
      cache.clear(); // profiles replaced by reference-data reloads
    }
    long validUntil = Long.MAX_VALUE;
    for (AggregatedQuote q : latest.values()) {
      if (q.status() == QuoteStatus.OK && nowMillis - q.engineTimeMillis() <= staleMs) {
        validUntil = Math.min(validUntil, q.engineTimeMillis() + staleMs);
      }
    }
    Quotes quotes = compute(profile, nowMillis);
    cache.put(profile, new Cached(version, validUntil, quotes));
    return quotes;
  }

  private Quotes compute(MarkupProfile profile, long nowMillis) {
    Map<String, AggregatedQuote> client = new HashMap<>();
    latest.forEach((symbol, q) -> {
      AggregatedQuote marked = Markup.apply(profile, q);
      if (marked.bid() <= 0) {
        // A markup wider than the price: no price to deal or value on (a negative bid would turn P/L,
        // margin and conversions negative), so the symbol counts as unpriced for this profile.
        return;
      }
      if (marked.status() == QuoteStatus.OK && nowMillis - q.engineTimeMillis() > staleMs) {
        marked = marked.withStatus(QuoteStatus.STALE);
      }
      client.put(symbol, marked);
    });
    return new Quotes(client);
  }
}
