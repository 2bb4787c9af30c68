package com.rtx.gateway;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose target has a broken percent escape ({@code %}, {@code %zz},
 * {@code %u0041}) with 400 naming {@code path} or {@code query}: Netty's and Vert.x Web's decoders
 * throw on those when a handler first reads a parameter, which answered 500 (found by the contract
 * fuzzer; SECURITY.md invariant 8).
 */
final class PercentEncodingCheck implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext rc) {
    String uri = rc.request().uri();
    int query = uri.indexOf('?');
    int broken = firstBrokenEscape(uri);
    if (broken < 0) {
      rc.next();
      return;
    }
    String field = query >= 0 && broken > query ? "query" : "path";
    ApiError error = ApiError.of(ApiErrorCode.VALIDATION_INVALID_VALUE, "the " + field
      + " has a '%' not followed by two hex digits", field);
    // Answered here, not through rc.fail: routing the failure matches routes with path parameters,
    // and matching one decodes the parameters again (an ERROR "Unhandled exception in router").
    rc.response().setStatusCode(400).putHeader("Content-Type", "application/json").end(error.toJson().encode());
  }

  /** Index of the first {@code %} not followed by two hex digits, or -1. */
  static int firstBrokenEscape(String uri) {
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0 || Character.digit(uri.charAt(i + 2), 16) < 0) {
        return i;
      }
    }
    return -1;
  }
}
