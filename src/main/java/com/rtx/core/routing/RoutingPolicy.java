package com.rtx.core.routing;

import com.rtx.core.account.ExecutionMode;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Decides per order between the B-Book, an LP or a split: the first rule by priority whose
 * criteria all match, else the group's execution setting (its default rule). A SPLIT's LP share
 * is rounded down to the volume step; a share that rounds to nothing (or to everything) becomes a
 * plain B_BOOK (or A_BOOK) decision, so no order is sent with zero volume.
 */
public final class RoutingPolicy {

  private final List<RoutingRule> rules;

  public RoutingPolicy(List<RoutingRule> rules) {
    this.rules = rules.stream().sorted(Comparator.comparingInt(RoutingRule::priority)).toList();
  }

  public static RoutingPolicy none() {
    return new RoutingPolicy(List.of());
  }

  public RoutingDecision route(RoutingRequest request, ExecutionMode groupDefault, long volumeStep) {
    Objects.requireNonNull(request, "request");
    for (RoutingRule rule : rules) {
      if (rule.matches(request)) {
        return decide(rule.action(), rule.id(), rule.version(), rule.describe(), rule.aBookPercent(), rule.lps(),
          request.volume(), volumeStep);
      }
    }
    RoutingAction action = groupDefault == ExecutionMode.A_BOOK ? RoutingAction.A_BOOK : RoutingAction.B_BOOK;
    return decide(action, null, null, "group " + request.group() + " default (" + groupDefault + ")", 100, List.of(),
      request.volume(), volumeStep);
  }

  private static RoutingDecision decide(RoutingAction action, Long ruleId, Long version, String reason, int percent,
                                        List<String> lps, long volume, long step) {
    return switch (action) {
      case B_BOOK -> new RoutingDecision(action, ruleId, reason, 0, volume, List.of(), version);
      case A_BOOK -> new RoutingDecision(action, ruleId, reason, volume, 0, lps, version);
      case SPLIT -> {
        long toLp = volume * percent / 100 / step * step;
        if (toLp <= 0) {
          yield new RoutingDecision(RoutingAction.B_BOOK, ruleId, reason + ": split share rounds to nothing", 0, volume,
            List.of(), version);
        }
        if (toLp >= volume) {
          yield new RoutingDecision(RoutingAction.A_BOOK, ruleId, reason + ": split share is everything", volume, 0, lps,
            version);
        }
        yield new RoutingDecision(action, ruleId, reason, toLp, volume - toLp, lps, version);
      }
    };
  }
}
