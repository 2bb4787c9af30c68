package com.rtx.core.routing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One routing rule. Every criterion left null matches anything; a rule matches an order when all
 * of its set criteria do.
 *
 * @param id rule id (recorded on each order it routes)
 * @param priority lower runs first
 * @param group client group, or null
 * @param accountId account, or null
 * @param symbol symbol, or null
 * @param minVolume least order volume in {@link com.rtx.core.market.Lots} units, inclusive, or null
 * @param maxVolume largest order volume, inclusive, or null
 * @param minToxicity least client toxicity score, inclusive, or null
 * @param maxToxicity largest client toxicity score, inclusive, or null
 * @param action where matching orders go
 * @param aBookPercent SPLIT: the share sent to an LP, 0–100
 * @param lps A_BOOK/SPLIT: LPs in order of preference; empty means any connected LP
 * @param version the rule's settings version (recorded on each order it routes; 1 = as seeded)
 */
public record RoutingRule(long id, int priority, String group, Long accountId, String symbol, Long minVolume,
                          Long maxVolume, BigDecimal minToxicity, BigDecimal maxToxicity, RoutingAction action,
                          int aBookPercent, List<String> lps, long version) {

  public RoutingRule {
    Objects.requireNonNull(action, "action");
    if (aBookPercent < 0 || aBookPercent > 100) {
      throw new IllegalArgumentException("aBookPercent must be 0..100, got " + aBookPercent);
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, got " + version);
    }
    lps = List.copyOf(lps);
  }

  /** A rule at its first version. */
  public RoutingRule(long id, int priority, String group, Long accountId, String symbol, Long minVolume,
                     Long maxVolume, BigDecimal minToxicity, BigDecimal maxToxicity, RoutingAction action,
                     int aBookPercent, List<String> lps) {
    this(id, priority, group, accountId, symbol, minVolume, maxVolume, minToxicity, maxToxicity, action, aBookPercent,
      lps, 1);
  }

  boolean matches(RoutingRequest r) {
    return (group == null || group.equals(r.group()))
      && (accountId == null || accountId == r.accountId())
      && (symbol == null || symbol.equals(r.symbol()))
      && (minVolume == null || r.volume() >= minVolume)
      && (maxVolume == null || r.volume() <= maxVolume)
      && (minToxicity == null || r.toxicity().compareTo(minToxicity) >= 0)
      && (maxToxicity == null || r.toxicity().compareTo(maxToxicity) <= 0);
  }

  /** The criteria that matched, for the order's routing reason. */
  String describe() {
    StringBuilder s = new StringBuilder("rule ").append(id).append(" (priority ").append(priority);
    if (group != null) {
      s.append(", group ").append(group);
    }
    if (accountId != null) {
      s.append(", account ").append(accountId);
    }
    if (symbol != null) {
      s.append(", symbol ").append(symbol);
    }
    if (minVolume != null || maxVolume != null) {
      s.append(", volume ").append(minVolume == null ? "" : minVolume).append("..").append(maxVolume == null ? "" : maxVolume);
    }
    if (minToxicity != null || maxToxicity != null) {
      s.append(", toxicity ").append(minToxicity == null ? "" : minToxicity.toPlainString()).append("..")
        .append(maxToxicity == null ? "" : maxToxicity.toPlainString());
    }
    return s.append(")").toString();
  }
}
