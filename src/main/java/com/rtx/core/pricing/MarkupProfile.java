package com.rtx.core.pricing;

import java.util.Map;
import java.util.Objects;

/**
 * A named set of markups assigned to a group of client accounts: one default rule and optional
 * per-symbol overrides.
 *
 * @param name the profile's name, e.g. {@code standard}
 * @param defaults the rule for symbols without an override
 * @param perSymbol overrides by symbol (copied, immutable)
 */
public record MarkupProfile(String name, MarkupRule defaults, Map<String, MarkupRule> perSymbol) {

  public MarkupProfile {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("markup profile name must not be blank");
    }
    Objects.requireNonNull(defaults, "defaults");
    perSymbol = Map.copyOf(Objects.requireNonNull(perSymbol, "perSymbol"));
  }

  /** A profile that leaves every price unchanged. */
  public static MarkupProfile zero(String name) {
    return new MarkupProfile(name, MarkupRule.ZERO, Map.of());
  }

  /** The override for {@code symbol}, else the default rule. */
  public MarkupRule ruleFor(String symbol) {
    return perSymbol.getOrDefault(symbol, defaults);
  }
}
