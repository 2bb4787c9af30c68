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
 * name), the unit of OrderQty, LastQty, CumQty and LeavesQty ({@link QuantityUnit}) and, for an LP
 * counting lots, the size of its lot per symbol where it differs from the platform's (an LP whose
 * XAUUSD lot is 100 oz where the platform's is 1 oz).
 *
 * <p>Quantities sent are exact or not sent: platform lots that are not a whole number of the LP's
 * quantity step ({@value #LOT_SCALE} decimals of its lot) raise {@link InexactQuantity} rather than
 * go out rounded, since a rounded order would leave the house hedged for another amount than the
 * client dealt.
 *
 * <p>Immutable and pure: no I/O, safe to share between threads. A mapping that breaks its rules
 * cannot be built ({@link IllegalArgumentException}); {@link #check} tells the admin API which
 * field is wrong before anything is stored.
 *
 * @param quantityUnit  what the LP's quantities count
 * @param symbolNames   the LP's name of each platform symbol it names differently
 * @param contractSizes units in one of the LP's lots, per platform symbol whose LP lot differs from
 *                      the platform's contract size (LOTS only; a symbol not listed: the platform's)
 */
public record LpDialect(QuantityUnit quantityUnit, Map<String, String> symbolNames,
                        Map<String, BigDecimal> contractSizes) {

  /** What an LP's FIX quantities count. */
  public enum QuantityUnit {
    /** Units of the base currency or instrument: lots × the symbol's contract size (FIX's usual meaning). */
    UNITS,
    /** Lots: of the LP's contract size where {@link #contractSizes} gives one, else of the platform's. */
    LOTS
  }

  /** A quantity the LP cannot be sent exactly: the order is not sent rather than sent rounded. */
  public static final class InexactQuantity extends ArithmeticException {
    public InexactQuantity(String message) {
      super(message);
    }
  }

  /** Longest LP symbol name accepted (the platform's own symbol names are at most 32 too). */
  public static final int MAX_NAME_LENGTH = 32;

  /** Platform names, quantities in units: what an LP without settings speaks. */
  public static final LpDialect STANDARD = new LpDialect(QuantityUnit.UNITS, Map.of());

  /**
   * Decimals of a quantity in lots, both ways: lots sent to an LP counting lots of its own size have
   * at most this many (else not sent), and units read back become lots rounded to this many.
   */
  public static final int LOT_SCALE = 8;

  /** Digits before the point of an LP contract size: a trillion units is no lot of anything. */
  public static final int CONTRACT_SIZE_INTEGER_DIGITS = 12;
  /** Decimals of an LP contract size. */
  public static final int CONTRACT_SIZE_DECIMALS = 8;

  /** A rule the mapping breaks: {@code field} is the setting's JSON path ({@code symbolNames.EURUSD}). */
  public record Problem(String field, String message) {
  }

  public LpDialect {
    Objects.requireNonNull(quantityUnit, "quantityUnit");
    Objects.requireNonNull(symbolNames, "symbolNames");
    Objects.requireNonNull(contractSizes, "contractSizes");
    Map<String, String> sizeTexts = new TreeMap<>();
    contractSizes.forEach((symbol, size) -> sizeTexts.put(symbol, size == null ? null : size.toPlainString()));
    Optional<Problem> problem = check(symbolNames, null).or(() -> checkContractSizes(quantityUnit, sizeTexts, null));
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get().field() + ": " + problem.get().message());
    }
    symbolNames = Collections.unmodifiableMap(new TreeMap<>(symbolNames));
    contractSizes = Collections.unmodifiableMap(new TreeMap<>(contractSizes));
  }

  /** A dialect whose lots, if it counts lots, are the platform's. */
  public LpDialect(QuantityUnit quantityUnit, Map<String, String> symbolNames) {
    this(quantityUnit, symbolNames, Map.of());
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

  /**
   * What is wrong with {@code contractSizes} (decimal text per platform symbol), if anything: sizes
   * given to an LP that counts units (its quantities do not depend on a lot), a symbol not in
   * {@code knownSymbols} (skipped when null), or a size that is not a plain positive decimal of at
   * most {@value #CONTRACT_SIZE_INTEGER_DIGITS} digits before the point and
   * {@value #CONTRACT_SIZE_DECIMALS} after it (no exponent, no NaN).
   */
  public static Optional<Problem> checkContractSizes(QuantityUnit unit, Map<String, String> contractSizes,
                                                     Set<String> knownSymbols) {
    if (contractSizes.isEmpty()) {
      return Optional.empty();
    }
    if (unit != QuantityUnit.LOTS) {
      return Optional.of(new Problem("contractSizes", "an LP's own contract sizes apply to quantityUnit LOTS only "
        + "(an LP counting units needs none; send {} to clear them)"));
    }
    for (Map.Entry<String, String> e : new TreeMap<>(contractSizes).entrySet()) {
      String field = "contractSizes." + e.getKey();
      if (knownSymbols != null && !knownSymbols.contains(e.getKey())) {
        return Optional.of(new Problem(field, "no symbol named " + e.getKey()));
      }
      String text = e.getValue();
      if (text == null || !text.matches("[0-9]{1," + CONTRACT_SIZE_INTEGER_DIGITS + "}(\\.[0-9]{1,"
        + CONTRACT_SIZE_DECIMALS + "})?")) {
        return Optional.of(new Problem(field, "a contract size is a plain decimal string with at most "
          + CONTRACT_SIZE_INTEGER_DIGITS + " digits before the point and " + CONTRACT_SIZE_DECIMALS + " after it"));
      }
      if (new BigDecimal(text).signum() <= 0) {
        return Optional.of(new Problem(field, "a contract size must be positive"));
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

  /**
   * Units in one of the LP's lots of {@code symbol}, whose platform lot is {@code contractSize}
   * units: its own size where given, else the platform's (also for an unknown, null symbol).
   */
  public BigDecimal lotSize(String symbol, BigDecimal contractSize) {
    BigDecimal own = symbol == null ? null : contractSizes.get(symbol);
    return own == null ? contractSize : own;
  }

  /**
   * The LP's quantity of {@code lots} of {@code symbol}, whose lot is {@code contractSize} units:
   * units (lots × contract size), or lots × contract size / the LP's lot size, exact.
   *
   * @throws InexactQuantity the LP's lots would need more than {@value #LOT_SCALE} decimals or an
   *                         endless fraction (1 lot of 100 oz at an LP whose lot is 300 oz)
   */
  public BigDecimal toLp(String symbol, BigDecimal lots, BigDecimal contractSize) {
    if (quantityUnit == QuantityUnit.UNITS) {
      return lots.multiply(contractSize).stripTrailingZeros();
    }
    BigDecimal lpLot = lotSize(symbol, contractSize);
    if (lpLot.compareTo(contractSize) == 0) {
      return lots.stripTrailingZeros();
    }
    BigDecimal units = lots.multiply(contractSize);
    try {
      return units.divide(lpLot, LOT_SCALE, RoundingMode.UNNECESSARY).stripTrailingZeros();
    } catch (ArithmeticException e) {
      throw new InexactQuantity(lots.toPlainString() + " lots of " + symbol + " (" + units.stripTrailingZeros()
        .toPlainString() + " units) is no exact quantity of the LP's lots of " + lpLot.stripTrailingZeros()
        .toPlainString() + " units (at most " + LOT_SCALE + " decimals): not sent rounded");
    }
  }

  /** Units of the LP's {@code quantity} of {@code symbol}, whose platform lot is {@code contractSize} units; exact. */
  public BigDecimal toUnits(String symbol, BigDecimal quantity, BigDecimal contractSize) {
    return quantityUnit == QuantityUnit.UNITS ? quantity : quantity.multiply(lotSize(symbol, contractSize));
  }

  /**
   * Lots of the LP's {@code quantity} of {@code symbol}, whose lot is {@code contractSize} units;
   * exact for lots of the platform's size, otherwise divided to {@value #LOT_SCALE} decimals,
   * half-even (the caller checks the lot scale it needs).
   */
  public BigDecimal toLots(String symbol, BigDecimal quantity, BigDecimal contractSize) {
    BigDecimal lots = quantityUnit == QuantityUnit.LOTS && lotSize(symbol, contractSize).compareTo(contractSize) == 0
      ? quantity : toUnits(symbol, quantity, contractSize).divide(contractSize, LOT_SCALE, RoundingMode.HALF_EVEN);
    return lots.stripTrailingZeros();
  }

  /** Whether this LP speaks exactly as the platform does. */
  public boolean isStandard() {
    return quantityUnit == QuantityUnit.UNITS && symbolNames.isEmpty() && contractSizes.isEmpty();
  }
}
