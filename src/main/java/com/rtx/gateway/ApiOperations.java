package com.rtx.gateway;

import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * A group of {@code /api/v1} operations: attaches its handlers to the contract's operations by
 * operationId ({@code rb.getRoute("listAccounts").addHandler(this::list)}). The contract
 * ({@code api/v1/openapi.yaml}) declares the path, parameters, body schema and security, so a
 * handler runs only for a request that is authenticated (when secured) and valid; the parsed body
 * is {@code rc.body().asJsonObject()}. An operation in the contract with no handler answers 503.
 */
@FunctionalInterface
public interface ApiOperations {

  void register(RouterBuilder rb);

  /** The route of {@code operationId}; fails at start when the contract lacks it. */
  static io.vertx.ext.web.openapi.router.OpenAPIRoute route(RouterBuilder rb, String operationId) {
    var route = rb.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("operation " + operationId + " is not in api/v1/openapi.yaml");
    }
    return route;
  }
}
