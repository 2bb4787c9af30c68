package com.rtx.core.market;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The symbols a dealing shard knows, by name, with a lookup of FX-style pairs by their two
 * currencies (for currency conversion). Immutable; rebuild it when reference data changes.
 *
 * @param bySymbol terms by symbol name (copied)
 */
public record SymbolCatalog(Map<String, SymbolTerms> bySymbol) {

  public SymbolCatalog {
    bySymbol = Map.copyOf(Objects.requireNonNull(bySymbol, "bySymbol"));
    bySymbol.forEach((name, terms) -> {
      if (!name.equals(terms.symbol())) {
        throw new IllegalArgumentException("catalog key " + name + " holds terms of " + terms.symbol());
      }
    });
  }

  /** A catalog of the given terms. */
  public static SymbolCatalog of(SymbolTerms... terms) {
    Map<String, SymbolTerms> map = new HashMap<>();
    for (SymbolTerms t : terms) {
      if (map.put(t.symbol(), t) != null) {
        throw new IllegalArgumentException("symbol listed twice: " + t.symbol());
      }
    }
    return new SymbolCatalog(map);
  }

  public Optional<SymbolTerms> find(String symbol) {
    // No symbol (a command on an order or position the account does not have) finds nothing.
    return symbol == null ? Optional.empty() : Optional.ofNullable(bySymbol.get(symbol));
  }

  /**
   * The terms of a symbol that must exist.
   *
   * @throws IllegalStateException if it does not (a caller's bug: positions and orders only
   *     exist on known symbols)
   */
  public SymbolTerms get(String symbol) {
    SymbolTerms t = bySymbol.get(symbol);
    if (t == null) {
      throw new IllegalStateException("unknown symbol " + symbol);
    }
    return t;
  }

  /**
   * The symbol quoting {@code base} in {@code quote} (e.g. EUR, USD → EURUSD), if any. Only FX and
   * metal instruments serve as conversion pairs; when several match, the name sorting first wins,
   * so the choice is deterministic.
   */
  public Optional<SymbolTerms> pair(String base, String quote) {
    SymbolTerms best = null;
    for (SymbolTerms t : bySymbol.values()) {
      Instrument i = t.instrument();
      boolean convertible = i.assetClass() == AssetClass.FX || i.assetClass() == AssetClass.METAL;
      if (convertible && i.baseCurrency().equals(base) && i.quoteCurrency().equals(quote)
        && (best == null || t.symbol().compareTo(best.symbol()) < 0)) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }
}
