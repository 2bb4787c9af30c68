package com.rtx.platform.health;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A probe for the public port: {@code {"status":"UP"}} with 200 or {@code {"status":"DOWN"}} with
 * 503, nothing else. The checks behind it name database targets, roles and errors; those are for
 * operators and are served only on the management port ({@link ManagementServer}).
 */
public final class PublicHealthHandler implements Handler<RoutingContext> {

  private final EngineHealth health;
  private final String group;

  /** @param group {@link EngineHealth#LIVE} or {@link EngineHealth#READY} */
  public PublicHealthHandler(EngineHealth health, String group) {
    this.health = health;
    this.group = group;
  }

  @Override
  public void handle(RoutingContext rc) {
    health.checks().checkStatus(group)
      .map(result -> result.getUp())
      .otherwise(false)
      .onSuccess(up -> rc.response()
        .setStatusCode(up ? 200 : 503)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("status", up ? "UP" : "DOWN").encode()));
  }
}
