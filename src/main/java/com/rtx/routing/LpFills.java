package com.rtx.routing;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The house position at an LP that does not answer RequestForPositions, derived from what the LP
 * itself said it executed: the ExecutionReports it sent about our orders (kept in
 * {@code lp_execution}, quantities already in lots) and the fills of our repair orders. Pure: no
 * I/O; every quantity an exact {@link BigDecimal} in lots, positive for a long house position.
 *
 * <p>Per order the LP's filled quantity is its highest CumQty (the LP's own running total, so a fill
 * reported twice under two ExecIDs is not counted twice), or — when no report carried a CumQty —
 * the sum of the LastQty of its fills. This is the LP's number, not the platform's: the platform
 * books at most the order's volume in whole hundredths of a lot, so an LP that fills more (or a
 * fraction finer than 0.01 lot) shows as a difference here.
 */
final class LpFills {

  /** Execution types whose LastQty is a fill (as the router hands them to dealing). */
  private static final List<String> FILLS = List.of("FILL", "PARTIAL_FILL", "TRADE");

  /**
   * One report the LP sent about one order (or one repair's answer), quantities in lots; a null
   * quantity was left out; {@code readable} false when a quantity could not be read at all.
   */
  record Execution(String order, String symbol, boolean buy, String execType, BigDecimal lastQty, BigDecimal cumQty,
                   boolean readable) {
  }

  private LpFills() {
  }

  /**
   * @return net lots per symbol (symbols netting to zero are left out: flat); null for a symbol with
   *     an unreadable report (never compared as a number)
   */
  static Map<String, BigDecimal> positions(List<Execution> executions) {
    Map<String, BigDecimal> cum = new HashMap<>();
    Map<String, BigDecimal> summed = new HashMap<>();
    Map<String, Execution> first = new HashMap<>();
    Map<String, Boolean> unreadable = new TreeMap<>();
    for (Execution e : executions) {
      first.putIfAbsent(e.order(), e);
      if (!e.readable()) {
        unreadable.put(e.symbol(), true);
        continue;
      }
      if (e.cumQty() != null && e.cumQty().signum() > 0) {
        cum.merge(e.order(), e.cumQty(), BigDecimal::max);
      }
      if (FILLS.contains(e.execType()) && e.lastQty() != null && e.lastQty().signum() > 0) {
        summed.merge(e.order(), e.lastQty(), BigDecimal::add);
      }
    }
    Map<String, BigDecimal> net = new TreeMap<>();
    first.forEach((order, e) -> {
      BigDecimal filled = cum.getOrDefault(order, summed.getOrDefault(order, BigDecimal.ZERO));
      if (filled.signum() != 0) {
        net.merge(e.symbol(), e.buy() ? filled : filled.negate(), BigDecimal::add);
      }
    });
    net.replaceAll((symbol, lots) -> lots.stripTrailingZeros());
    net.values().removeIf(lots -> lots.signum() == 0);
    unreadable.keySet().forEach(symbol -> net.put(symbol, null));
    return net;
  }
}
