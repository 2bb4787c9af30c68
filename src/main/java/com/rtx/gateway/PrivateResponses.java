package com.rtx.gateway;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Every {@code /api/v1} answer is data for one trader: {@code X-Content-Type-Options: nosniff}
 * (a browser never renders a JSON body, a trader's comment included, as markup or script) and
 * {@code Cache-Control: no-store} (no shared cache or browser disk keeps balances, positions or
 * tokens) unless the operation chose its own caching (the public JWKS). Set when the headers are
 * written, so error answers carry them too.
 */
final class PrivateResponses implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext rc) {
    rc.addHeadersEndHandler(v -> {
      var headers = rc.response().headers();
      headers.set("X-Content-Type-Options", "nosniff");
      if (!headers.contains(HttpHeaders.CACHE_CONTROL)) {
        headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
      }
    });
    rc.next();
  }
}
