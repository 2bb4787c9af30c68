package com.rtx.gateway;

import io.vertx.core.Handler;
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
    int status = failure instanceof HttpException http ? http.getStatusCode() : rc.statusCode();
    if (status < 400) {
      status = 500;
    }
    return ApiError.forStatus(status, rc.request().method().name(), rc.request().path());
  }
}
