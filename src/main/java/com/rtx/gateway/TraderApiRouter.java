package com.rtx.gateway;

import com.rtx.auth.AccessTokenAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;

import java.util.List;

/**
 * Builds the {@code /api/v1} router from the contract {@code api/v1/openapi.yaml}
 * (vertx-web-openapi-router): every operation's request is authenticated when the contract
 * secures it ({@code bearerAuth}: JWT access tokens) and validated against the contract before
 * its handlers, registered by operationId through {@link ApiOperations}, run.
 *
 * <p>Mount the result with {@code root.route("/api/v1/*").subRouter(router)}: the router builder
 * ignores {@code servers[].url}, so its routes sit at {@code /symbols}, {@code /auth/login}...
 * Validation failures reach the root router's error handlers as a 400 whose cause is the
 * validator's exception ({@link ValidationErrors} names the field); {@link TraderInput} then
 * refuses what the schema cannot express (ids beyond 64 bits, NUL characters).
 */
final class TraderApiRouter {

  static final String CONTRACT = "api/v1/openapi.yaml";
  /** Largest request body; larger ones are refused with 413 before any handler. */
  static final long MAX_BODY_BYTES = 64 * 1024;

  private TraderApiRouter() {
  }

  static Future<Router> create(Vertx vertx, AccessTokenAuth bearer, List<ApiOperations> operations) {
    return OpenAPIContract.from(vertx, CONTRACT).map(contract -> {
      // The body is read once by BodyHandler; the extractor must then take it from there
      // (the default extractor reads the request itself and fails with "already read").
      RouterBuilder rb = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      rb.rootHandler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
      rb.security("bearerAuth").httpHandler(JWTAuthHandler.create(bearer));
      PasswordChangeGate.apply(contract, rb);
      // Order entry validates with a validator built once (see CachedBodyValidation); before the
      // operations add their handlers, so validation runs first.
      CachedBodyValidation.apply(contract, rb.getRoute("placeOrder"), "placeOrder", PlaceOrderShape::plainlyValid);
      // Then the rules the schema cannot state (64-bit whole numbers, storable text), still before any handler.
      rb.getRoutes().forEach(route -> route.addHandler(new TraderInput(route.getOperation())));
      operations.forEach(o -> o.register(rb));
      return rb.createRouter();
    });
  }
}
