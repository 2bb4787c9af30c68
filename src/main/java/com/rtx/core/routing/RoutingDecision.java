package com.rtx.core.routing;

import java.util.List;
import java.util.Objects;

/**
 * Where one order goes and why.
 *
 * @param ruleId the rule that decided, or null for the group's default
 * @param reason human-readable: the rule and its criteria, or the group default
 * @param aBookVolume volume for an LP ({@link com.rtx.core.market.Lots} units)
 * @param bBookVolume volume filled internally
 * @param lps LPs in order of preference (empty: any connected LP)
 * @param ruleVersion the deciding rule's settings version, or null for the group's default
 */
public record RoutingDecision(RoutingAction action, Long ruleId, String reason, long aBookVolume, long bBookVolume,
                              List<String> lps, Long ruleVersion) {
  public RoutingDecision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    lps = List.copyOf(lps);
  }

  /** A decision with no rule version (the group's default, or a rule whose version is not known). */
  public RoutingDecision(RoutingAction action, Long ruleId, String reason, long aBookVolume, long bBookVolume,
                         List<String> lps) {
    this(action, ruleId, reason, aBookVolume, bBookVolume, lps, null);
  }
}
