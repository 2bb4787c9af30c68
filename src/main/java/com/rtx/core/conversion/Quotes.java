package com.rtx.core.conversion;

import com.rtx.core.pricing.AggregatedQuote;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest client quotes (after the account group's markup) by symbol, as the dealing shard
 * holds them when it applies a command. Immutable snapshot.
 *
 * @param bySymbol latest quote of each symbol (copied)
 */
public record Quotes(Map<String, AggregatedQuote> bySymbol) {

  public Quotes {
    bySymbol = Map.copyOf(Objects.requireNonNull(bySymbol, "bySymbol"));
    bySymbol.forEach((symbol, q) -> {
      if (!symbol.equals(q.symbol())) {
        throw new IllegalArgumentException("quotes key " + symbol + " holds a quote of " + q.symbol());
      }
    });
  }

  /** A snapshot of the given quotes; a later quote of the same symbol replaces an earlier one. */
  public static Quotes of(AggregatedQuote... quotes) {
    Map<String, AggregatedQuote> map = new HashMap<>();
    for (AggregatedQuote q : quotes) {
      map.put(q.symbol(), q);
    }
    return new Quotes(map);
  }

  public Optional<AggregatedQuote> find(String symbol) {
    return Optional.ofNullable(bySymbol.get(symbol));
  }

  /**
   * The quote of a symbol that must have one.
   *
   * @throws PriceUnavailableException if there is none (no quote since the engine started)
   */
  public AggregatedQuote get(String symbol) {
    AggregatedQuote q = bySymbol.get(symbol);
    if (q == null) {
      throw PriceUnavailableException.noQuote(symbol);
    }
    return q;
  }

  /** This snapshot with {@code q} replacing its symbol's quote. */
  public Quotes with(AggregatedQuote q) {
    Map<String, AggregatedQuote> map = new HashMap<>(bySymbol);
    map.put(q.symbol(), q);
    return new Quotes(map);
  }
}
