package com.rtx.routing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares, per symbol, the house position an LP reports with the one the platform recorded for
 * that LP (the A-Book fills of orders sent to it). Pure: no I/O, no clock; every quantity in lots
 * as an exact {@link BigDecimal}, positive for a long house position.
 *
 * <p>Outcomes of one symbol:
 * <ul>
 *   <li>{@link Outcome#MATCH} — equal;</li>
 *   <li>{@link Outcome#ORPHAN} — the LP holds something the platform has no record of (the platform
 *       is flat, the LP holds more on the same side, or the other side);</li>
 *   <li>{@link Outcome#MISSING_HEDGE} — the platform recorded more than the LP holds (the LP is flat
 *       or holds less on the same side);</li>
 *   <li>{@link Outcome#IN_FLIGHT} — orders at the LP are still open: the numbers may be between two
 *       fills, so they are noted, never repaired, and compared again next run;</li>
 *   <li>{@link Outcome#UNREADABLE} — a quantity beyond {@link #MAX_LOTS} or finer than
 *       {@link #MAX_SCALE} decimals (a hostile or broken report): noted, never repaired.</li>
 * </ul>
 */
final class LpPositionCheck {

  enum Outcome { MATCH, ORPHAN, MISSING_HEDGE, IN_FLIGHT, UNREADABLE }

  /**
   * One symbol's comparison. {@code difference} is LP minus platform (null when unreadable); a
   * repair order of {@code -difference} lots (buy when positive) brings the LP to the platform.
   */
  record Line(String symbol, BigDecimal atLp, BigDecimal platform, BigDecimal difference, Outcome outcome,
              String note) {

    boolean isDifference() {
      return outcome == Outcome.ORPHAN || outcome == Outcome.MISSING_HEDGE;
    }
  }

  /** No house position of a broker is a billion lots: a larger number is a broken or hostile report. */
  static final BigDecimal MAX_LOTS = new BigDecimal("1000000000");
  /** Finest lot fraction compared (a unit of a 100,000-unit contract is 0.00001 lot). */
  static final int MAX_SCALE = 8;

  private LpPositionCheck() {
  }

  /**
   * @param atLp     lots per symbol the LP reported (absent: flat); a null value is unreadable
   * @param platform lots per symbol the platform recorded at this LP (absent: flat)
   * @param inFlight symbols with orders at this LP not yet final
   * @return one line per symbol either side names, by symbol
   */
  static List<Line> compare(Map<String, BigDecimal> atLp, Map<String, BigDecimal> platform, Set<String> inFlight) {
    Set<String> symbols = new TreeSet<>(atLp.keySet());
    symbols.addAll(platform.keySet());
    List<Line> lines = new ArrayList<>(symbols.size());
    for (String symbol : symbols) {
      lines.add(line(symbol, atLp.containsKey(symbol) ? atLp.get(symbol) : BigDecimal.ZERO,
        platform.containsKey(symbol) ? platform.get(symbol) : BigDecimal.ZERO, inFlight.contains(symbol)));
    }
    return lines;
  }

  private static Line line(String symbol, BigDecimal lp, BigDecimal platform, boolean inFlight) {
    if (!readable(lp) || !readable(platform)) {
      return new Line(symbol, readable(lp) ? lp : null, readable(platform) ? platform : null, null, Outcome.UNREADABLE,
        "quantity " + (readable(lp) ? "recorded" : "reported by the LP") + " is not a position (unreadable, a symbol "
          + "without a contract size, beyond " + MAX_LOTS.toPlainString() + " lots or " + MAX_SCALE + " decimals): "
          + describe(readable(lp) ? platform : lp));
    }
    BigDecimal difference = lp.subtract(platform);
    if (inFlight) {
      return new Line(symbol, lp, platform, difference, Outcome.IN_FLIGHT,
        "orders at the LP still open: compared again next run");
    }
    if (difference.signum() == 0) {
      return new Line(symbol, lp, platform, difference, Outcome.MATCH, null);
    }
    boolean orphan = platform.signum() == 0
      || (lp.signum() != 0 && lp.signum() != platform.signum())
      || (lp.signum() == platform.signum() && lp.abs().compareTo(platform.abs()) > 0);
    return orphan
      ? new Line(symbol, lp, platform, difference, Outcome.ORPHAN, "at the LP, not in the platform")
      : new Line(symbol, lp, platform, difference, Outcome.MISSING_HEDGE, "in the platform, not at the LP");
  }

  /** Within ±{@link #MAX_LOTS} and at most {@link #MAX_SCALE} decimals; decided without arithmetic on huge exponents. */
  static boolean readable(BigDecimal lots) {
    if (lots == null) {
      return false;
    }
    if (lots.signum() == 0) {
      return true;
    }
    // precision - scale = digits before the point; checked first so 1E+999999999 is never expanded.
    if (lots.precision() - lots.scale() > MAX_LOTS.precision()) {
      return false;
    }
    BigDecimal plain = lots.stripTrailingZeros();
    return plain.scale() <= MAX_SCALE && plain.abs().compareTo(MAX_LOTS) <= 0;
  }

  private static String describe(BigDecimal value) {
    if (value == null) {
      return "none";
    }
    String text = value.toString();
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  /**
   * Lots of {@code units} (FIX quantity) for a contract of {@code contractSize} units, rounded to
   * {@link #MAX_SCALE} decimals; empty when either is unreadable (a contract size must be positive).
   */
  static Optional<BigDecimal> lots(BigDecimal units, BigDecimal contractSize) {
    if (units == null || contractSize == null || contractSize.signum() <= 0
      || units.precision() - units.scale() > 24 || contractSize.precision() - contractSize.scale() > 24
      || units.stripTrailingZeros().scale() > 12) {
      return Optional.empty();
    }
    return Optional.of(units.divide(contractSize, MAX_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros());
  }

  /**
   * Whether {@code line} is repaired automatically: a difference (not in flight, not unreadable)
   * of at most {@code maxLots}; 0 repairs nothing.
   */
  static boolean repairable(Line line, BigDecimal maxLots) {
    return line.isDifference() && maxLots.signum() > 0 && line.difference().abs().compareTo(maxLots) <= 0;
  }
}
