package com.rtx.core.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * How one LP names symbols and counts quantities on its FIX sessions, both for market data and for
 * trading (one mapping, so a quote and the order placed on it always mean the same instrument):
 * per-symbol LP names ({@code EURUSD} ↔ {@code EUR/USD}; a symbol not listed keeps its platform
 * name) and the unit of OrderQty, LastQty, CumQty and LeavesQty ({@link QuantityUnit}).
 *
 * <p>Immutable and pure: no I/O, safe to share between threads. A mapping that breaks its rules
 * cannot be built ({@link IllegalArgumentException}); {@link #check} tells the admin API which
 * field is wrong before anything is stored.
 *
 * @param quantityUnit what the LP's quantities count
 * @param symbolNames  the LP's name of each platform symbol it names differently
 */
public record LpDialect(QuantityUnit quantityUnit, Map<String, String> symbolNames) {

  /** What an LP's FIX quantities count. */
  public enum QuantityUnit {
    /** Units of the base currency or instrument: lots × the symbol's contract size (FIX's usual meaning). */
    UNITS,
    /** Lots of the platform's contract size: the lot count itself. */
    LOTS
  }

  /** Longest LP symbol name accepted (the platform's own symbol names are at most 32 too). */
  public static final int MAX_NAME_LENGTH = 32;

  /** Platform names, quantities in units: what an LP without settings speaks. */
  public static final LpDialect STANDARD = new LpDialect(QuantityUnit.UNITS, Map.of());

  /** Decimals kept when units become lots: exact for any contract size down to 1e-6 lots. */
  private static final int LOT_SCALE = 8;

  /** A rule the mapping breaks: {@code field} is the setting's JSON path ({@code symbolNames.EURUSD}). */
  public record Problem(String field, String message) {
  }

  public LpDialect {
    Objects.requireNonNull(quantityUnit, "quantityUnit");
    Objects.requireNonNull(symbolNames, "symbolNames");
    Optional<Problem> problem = check(symbolNames, null);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get().field() + ": " + problem.get().message());
    }
    symbolNames = Collections.unmodifiableMap(new TreeMap<>(symbolNames));
  }

  /**
   * What is wrong with {@code symbolNames}, if anything: an empty, blank-edged, overlong or
   * non-printable name (NUL or SOH would break the FIX wire), a platform symbol not in
   * {@code knownSymbols} (skipped when null), or two platform symbols the LP would call by the same
   * name — including a name that is another platform symbol this LP keeps unrenamed, since its
   * quotes and reports could then not be told apart.
   */
  public static Optional<Problem> check(Map<String, String> symbolNames, Set<String> knownSymbols) {
    Map<String, String> byLpName = new HashMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(symbolNames).entrySet()) {
      String symbol = e.getKey();
      String name = e.getValue();
      String field = "symbolNames." + symbol;
      if (knownSymbols != null && !knownSymbols.contains(symbol)) {
        return Optional.of(new Problem(field, "no symbol named " + symbol));
      }
      String bad = badName(name);
      if (bad != null) {
        return Optional.of(new Problem(field, bad));
      }
      String other = byLpName.putIfAbsent(name, symbol);
      if (other != null) {
        return Optional.of(new Problem(field, "the LP name " + name + " is already the name of " + other));
      }
    }
    if (knownSymbols != null) {
      for (Map.Entry<String, String> e : new TreeMap<>(symbolNames).entrySet()) {
        String name = e.getValue();
        if (!name.equals(e.getKey()) && knownSymbols.contains(name) && !symbolNames.containsKey(name)) {
          return Optional.of(new Problem("symbolNames." + e.getKey(), "the LP name " + name
            + " is the platform name of another symbol this LP keeps unrenamed"));
        }
      }
    }
    return Optional.empty();
  }

  private static String badName(String name) {
    if (name == null || name.isEmpty()) {
      return "an LP symbol name must not be empty";
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return "an LP symbol name has at most " + MAX_NAME_LENGTH + " characters";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return "an LP symbol name is printable ASCII only (no control characters such as NUL)";
      }
    }
    if (!name.strip().equals(name)) {
      return "an LP symbol name must not start or end with a space";
    }
    return null;
  }

  /** The LP's name of platform symbol {@code symbol}. */
  public String lpSymbol(String symbol) {
    return symbolNames.getOrDefault(symbol, symbol);
  }

  /**
   * The platform symbol of the LP's name {@code lpSymbol}, or empty when it names nothing of ours
   * (a platform name this LP renamed, or null: a report without Symbol).
   */
  public Optional<String> symbol(String lpSymbol) {
    if (lpSymbol == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> e : symbolNames.entrySet()) {
      if (e.getValue().equals(lpSymbol)) {
        return Optional.of(e.getKey());
      }
    }
    return symbolNames.containsKey(lpSymbol) ? Optional.empty() : Optional.of(lpSymbol);
  }

  /** The LP's quantity of {@code lots} of a symbol whose lot is {@code contractSize} units, exact. */
  public BigDecimal toLp(BigDecimal lots, BigDecimal contractSize) {
    BigDecimal quantity = quantityUnit == QuantityUnit.LOTS ? lots : lots.multiply(contractSize);
    return quantity.stripTrailingZeros();
  }

  /**
   * Lots of the LP's {@code quantity} of a symbol whose lot is {@code contractSize} units; units
   * are divided to {@value #LOT_SCALE} decimals, half-even (the caller checks the lot scale it needs).
   */
  public BigDecimal toLots(BigDecimal quantity, BigDecimal contractSize) {
    BigDecimal lots = quantityUnit == QuantityUnit.LOTS ? quantity
      : quantity.divide(contractSize, LOT_SCALE, RoundingMode.HALF_EVEN);
    return lots.stripTrailingZeros();
  }

  /** Whether this LP speaks exactly as the platform does. */
  public boolean isStandard() {
    return quantityUnit == QuantityUnit.UNITS && symbolNames.isEmpty();
  }
}
