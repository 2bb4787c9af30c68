package com.rtx.core.routing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What routing looks at.
 *
 * @param volume in {@link com.rtx.core.market.Lots} units
 * @param toxicity the account's toxicity score (0 until one is computed)
 */
public record RoutingRequest(String group, long accountId, String symbol, long volume, BigDecimal toxicity) {
  public RoutingRequest {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(toxicity, "toxicity");
  }
}
