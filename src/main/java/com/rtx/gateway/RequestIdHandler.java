package com.rtx.gateway;

import com.rtx.platform.logging.RequestIds;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * First handler of every request: accepts the caller's {@code X-Request-Id} (when plain and
 * short) or generates one, echoes it on the response, binds it to the request's context for log
 * lines, and writes one access-log line when the response ends.
 */
final class RequestIdHandler implements Handler<RoutingContext> {

  private static final Logger ACCESS = LoggerFactory.getLogger("rtx.access");

  @Override
  public void handle(RoutingContext rc) {
    String given = rc.request().getHeader(RequestIds.HEADER);
    String requestId = RequestIds.isAcceptable(given) ? given : UUID.randomUUID().toString();
    RequestIds.set(rc.vertx().getOrCreateContext(), requestId);
    rc.put(RequestIds.MDC_KEY, requestId);
    rc.response().putHeader(RequestIds.HEADER, requestId);
    long started = System.nanoTime();
    rc.addEndHandler(done -> logAccess(rc, started));
    rc.next();
  }

  private static void logAccess(RoutingContext rc, long started) {
    long micros = (System.nanoTime() - started) / 1_000;
    String path = rc.request().path();
    boolean probe = path.startsWith("/health") || path.equals("/metrics");
    if (probe ? ACCESS.isDebugEnabled() : ACCESS.isInfoEnabled()) {
      String line = rc.request().method() + " " + path + " " + rc.response().getStatusCode() + " "
        + (micros / 1000.0) + "ms";
      if (probe) {
        ACCESS.debug(line);
      } else {
        ACCESS.info(line);
      }
    }
  }
}
