package com.rtx.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.UUID;

/**
 * The authenticated trader of a request on a {@code bearerAuth} operation: set by the bearer
 * handler before validation and the operation's handlers run.
 */
public record TraderPrincipal(long traderId, String username, UUID sessionId) {

  /**
   * The request's trader. Only call on operations the contract secures with {@code bearerAuth};
   * elsewhere there is none and this throws (a bug, answered 500).
   */
  public static TraderPrincipal of(RoutingContext rc) {
    return optional(rc).orElseThrow(() -> new IllegalStateException(
      "no authenticated trader on " + rc.request().path() + ": is the operation secured with bearerAuth?"));
  }

  /** The trader when the request carried a valid access token (operations where it is optional). */
  public static Optional<TraderPrincipal> optional(RoutingContext rc) {
    User user = rc.user();
    if (user == null || !user.principal().containsKey("traderId")) {
      return Optional.empty();
    }
    JsonObject p = user.principal();
    return Optional.of(new TraderPrincipal(p.getLong("traderId"), p.getString("username"),
      UUID.fromString(p.getString("sessionId"))));
  }
}
