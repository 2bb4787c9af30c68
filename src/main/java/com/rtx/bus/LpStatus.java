package com.rtx.bus;

import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * One LP trade session's state, as the router publishes it on {@link RouterAddresses#LP_STATUS}:
 * {@code {"lp", "state": "LOGGED_ON|LOGGED_OUT|DISABLED", "node"}}, on every change and every
 * {@code router.status-publish-ms}. Dealing reads it to know which LPs can take A-Book orders.
 *
 * @param node the router node holding the session (every router node for DISABLED)
 */
public record LpStatus(String lp, String state, String node) {

  public static final String LOGGED_ON = "LOGGED_ON";
  public static final String LOGGED_OUT = "LOGGED_OUT";
  public static final String DISABLED = "DISABLED";

  public boolean loggedOn() {
    return LOGGED_ON.equals(state);
  }

  public JsonObject toJson() {
    return new JsonObject().put("lp", lp).put("state", state).put("node", node);
  }

  /** The status in {@code json}; empty when it names no LP or no state (a message to ignore). */
  public static Optional<LpStatus> fromJson(JsonObject json) {
    String lp = json.getString("lp");
    String state = json.getString("state");
    if (lp == null || state == null) {
      return Optional.empty();
    }
    return Optional.of(new LpStatus(lp, state, json.getString("node")));
  }
}
