package com.rtx.gateway;

import com.rtx.platform.Platform;
import com.rtx.platform.config.RtxConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.BindException;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP front door ({@code http.host}:{@code http.port}): health probes under
 * {@code /health/*}, Prometheus metrics at {@code /metrics}, and (in later issues) the REST API
 * and WebSocket. Stopping it stops accepting connections and lets in-flight requests finish
 * within {@code shutdown.grace-ms}.
 */
public final class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

  private final Platform platform;
  private HttpServer server;

  public GatewayVerticle(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Future<?> start() {
    RtxConfig.Endpoint http = platform.config().http();
    Router router = Router.router(vertx);
    router.route().handler(new RequestIdHandler());
    HealthCheckHandler health = HealthCheckHandler.createWithHealthChecks(platform.health().checks());
    router.get("/health").handler(health);
    router.get("/health/*").handler(health);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(platform.metrics()));
    ApiErrorHandler errors = new ApiErrorHandler();
    // Every 4xx/5xx the router produces, not just the common ones, gets the one JSON shape.
    for (int status = 400; status < 600; status++) {
      router.errorHandler(status, errors);
    }
    server = vertx.createHttpServer(new HttpServerOptions().setHost(http.host()).setPort(http.port()));
    return server.requestHandler(router).listen()
      .onSuccess(s -> LOG.info("gateway listening on http://{}:{}", http.host(), s.actualPort()))
      .recover(e -> Future.failedFuture(isBindFailure(e)
        ? new PortInUseException("http.port", http.host(), http.port(), e)
        : e));
  }

  @Override
  public Future<?> stop() {
    long graceMs = platform.config().shutdownGraceMs();
    return server == null ? Future.succeededFuture() : server.shutdown(graceMs, TimeUnit.MILLISECONDS);
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  /** The configured port is taken by another process. */
  public static final class PortInUseException extends RuntimeException {
    private final String key;

    public PortInUseException(String key, String host, int port, Throwable cause) {
      super("port " + port + " on " + host + " is already in use (" + key + ")", cause);
      this.key = key;
    }

    public String key() {
      return key;
    }
  }
}
