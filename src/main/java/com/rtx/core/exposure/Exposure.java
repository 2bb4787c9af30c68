package com.rtx.core.exposure;

import com.rtx.core.trading.Deal;
import com.rtx.core.trading.Position;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The house's net position per symbol, in {@link com.rtx.core.market.Lots} units, signed from the
 * house's point of view: when clients are net long 5 lots of EURUSD, the house is short,
 * {@code -500}. In a B-Book every client deal is the house's opposite deal, so the exposure is
 * minus the sum of client positions; it is maintained incrementally from deals
 * ({@link #plus(Deal)}) and can be checked against positions ({@link #ofPositions}). Symbols at
 * zero are dropped. Immutable.
 *
 * @param bySymbol house net volume per symbol (non-zero entries only)
 */
public record Exposure(Map<String, Long> bySymbol) {

  private static final Exposure EMPTY = new Exposure(Map.of());

  public Exposure {
    TreeMap<String, Long> copy = new TreeMap<>();
    Objects.requireNonNull(bySymbol, "bySymbol").forEach((symbol, volume) -> {
      if (volume != 0) {
        copy.put(symbol, volume);
      }
    });
    bySymbol = Collections.unmodifiableMap(copy);
  }

  public static Exposure empty() {
    return EMPTY;
  }

  /** Minus the sum of the signed client positions, per symbol. */
  public static Exposure ofPositions(Iterable<Position> clientPositions) {
    TreeMap<String, Long> map = new TreeMap<>();
    for (Position p : clientPositions) {
      map.merge(p.symbol(), -p.signedVolume(), Math::addExact);
    }
    return new Exposure(map);
  }

  /** The exposure after the house took the other side of {@code clientDeal}. */
  public Exposure plus(Deal clientDeal) {
    TreeMap<String, Long> map = new TreeMap<>(bySymbol);
    map.merge(clientDeal.symbol(), -clientDeal.signedVolume(), Math::addExact);
    return new Exposure(map);
  }

  /** The house's net volume in {@code symbol}; 0 when flat. */
  public long of(String symbol) {
    return bySymbol.getOrDefault(symbol, 0L);
  }
}
