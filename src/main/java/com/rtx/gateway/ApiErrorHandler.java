package com.rtx.gateway;

import com.rtx.auth.TokenRejected;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Handler;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Router error handler: turns every failure into the JSON {@link ApiError} shape. Server errors
 * are logged with their cause (the request id is on the line through the MDC filter); their
 * details never reach the client.
 */
final class ApiErrorHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

  @Override
  public void handle(RoutingContext rc) {
    if (rc.response().ended() || rc.response().closed()) {
      return;
    }
    ApiError error = toError(rc);
    if (error.status() >= 500) {
      LOG.error("{} {} failed", rc.request().method(), rc.request().path(), rc.failure());
    }
    if (rc.response().headWritten()) {
      rc.response().reset();
      return;
    }
    if ((error.status() == 503 || error.status() == 429) && !rc.response().headers().contains("Retry-After")) {
      // Both mean "nothing was done, try again shortly"; say when, once (a handler may have said it already).
      rc.response().headers().set("Retry-After", "1");
    }
    rc.response()
      .setStatusCode(error.status())
      .putHeader("Content-Type", "application/json")
      .end(error.toJson().encode());
  }

  private static ApiError toError(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof ApiException api) {
      return api.error();
    }
    if (failure instanceof HttpException http && http.getCause() instanceof ValidatorException invalid) {
      return ValidationErrors.of(invalid);
    }
    if (failure instanceof ValidatorException invalid) {
      // Thrown as is (not wrapped) when vertx-openapi decodes a query value a second time and the
      // decoded text holds a '%' ("from=%25s" is "%s"): the caller's input, never a 500.
      return ValidationErrors.of(invalid);
    }
    if (failure instanceof HttpException http && isBearerFailure(http)) {
      // RFC 6750: a refused bearer token is answered with this challenge.
      rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"rtx\", error=\"invalid_token\"");
      String message = http.getCause() instanceof TokenRejected rejected ? rejected.getMessage()
        : http.getStatusCode() == 400 ? "access token is malformed" : "a Bearer access token is required";
      return ApiError.of(ApiErrorCode.UNAUTHENTICATED, message, null);
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : rc.statusCode();
    if (status < 400) {
      status = 500;
    }
    return ApiError.forStatus(status, rc.request().method().name(), rc.request().path());
  }

  /**
   * Vert.x Web's JWT handler fails with 401 (no or non-Bearer Authorization header, or our
   * {@link TokenRejected} as cause) and with 400 for a token of illegal characters or too many
   * segments; all of them are one answer here: 401 UNAUTHENTICATED.
   */
  private static boolean isBearerFailure(HttpException http) {
    if (http.getStatusCode() == 401) {
      return true;
    }
    String payload = http.getPayload();
    return http.getStatusCode() == 400 && payload != null
      && (payload.startsWith("Invalid character in token") || payload.startsWith("Too many segments in token"));
  }
}
