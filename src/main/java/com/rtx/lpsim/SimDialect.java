package com.rtx.lpsim;

import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.Symbol;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one simulated LP speaks, switched on through the control API so that tests meet an LP that
 * names symbols its own way ({@code EUR/USD}) and counts quantities in lots: its name of each
 * simulator symbol, and whether MDEntrySize is in lots (the quote size divided by the symbol's lot
 * size, 100,000 unless given). The simulator stands for an independent LP, so this is its own
 * small mapping, not the engine's.
 *
 * <p>Orders are booked and reported in the quantity they arrive in: an LP counting lots gets lots
 * from a counterparty that speaks its dialect, and reports them back. An LP whose lot differs from
 * the platform's (the engine's {@code contractSizes}, XAUUSD 100 oz) is the same LP here: it gets,
 * holds and reports its own lots, and {@code lotSizes} gives that lot to its quote sizes too.
 *
 * <p>Immutable; replaced whole on the simulator's event loop.
 *
 * @param names     the LP's name of each simulator symbol it renames
 * @param lots      whether quote sizes are in lots
 * @param lotSizes  units in one lot per symbol, where not 100,000
 */
record SimDialect(Map<String, String> names, boolean lots, Map<String, BigDecimal> lotSizes) {

  static final SimDialect PLATFORM = new SimDialect(Map.of(), false, Map.of());
  private static final BigDecimal DEFAULT_LOT = new BigDecimal("100000");
  /** Marks a simulator symbol's own name sent to an LP that renamed it: no instrument matches it. */
  private static final String UNKNOWN = "?";

  SimDialect {
    names = Map.copyOf(new TreeMap<>(names));
    lotSizes = Map.copyOf(lotSizes);
  }

  /** The LP's name of simulator symbol {@code symbol} (a name {@link #symbol} marked unknown goes back as it came). */
  String wire(String symbol) {
    return symbol.startsWith(UNKNOWN) ? symbol.substring(UNKNOWN.length()) : names.getOrDefault(symbol, symbol);
  }

  /**
   * The simulator symbol of the LP's name {@code wire}; a name that means nothing to this LP comes
   * back as it is, so the simulator refuses it as an unknown symbol.
   */
  String symbol(String wire) {
    Map<String, String> reverse = new HashMap<>();
    names.forEach((symbol, name) -> reverse.put(name, symbol));
    String symbol = reverse.get(wire);
    if (symbol != null) {
      return symbol;
    }
    return names.containsKey(wire) ? UNKNOWN + wire : wire;
  }

  /** MDEntrySize of {@code instrument}: its quote size, in lots when this LP counts lots. */
  BigDecimal quoteSize(SimInstrument instrument) {
    BigDecimal units = BigDecimal.valueOf(instrument.quoteSize());
    return lots ? units.divide(lotSizes.getOrDefault(instrument.symbol(), DEFAULT_LOT), 8, RoundingMode.HALF_EVEN)
      .stripTrailingZeros() : units;
  }

  /** Renames the Symbol (55) of an outgoing message, when it has one, to the LP's name. */
  void rename(Message message) {
    try {
      if (message.isSetField(Symbol.FIELD)) {
        message.setString(Symbol.FIELD, wire(message.getString(Symbol.FIELD)));
      }
    } catch (FieldNotFound e) {
      throw new IllegalStateException(e);
    }
  }
}
