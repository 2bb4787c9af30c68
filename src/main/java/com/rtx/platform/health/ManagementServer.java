package com.rtx.platform.health;

import com.rtx.platform.PortInUseException;
import com.rtx.platform.config.Endpoint;
import com.rtx.platform.http.ApiErrorCode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' HTTP server on {@code management.host}:{@code management.port} (default
 * 127.0.0.1:9090): Prometheus {@code /metrics} and the health checks with their details
 * ({@code /health}, {@code /health/live|ready|dependencies[/...]}), which name database targets,
 * roles, LP sessions and errors. Every engine process runs it, whatever its roles, so every pod
 * can be scraped. It must never be reachable from outside: the Ingress routes only the public
 * port and the NetworkPolicy lets only the monitoring namespace reach this one.
 */
public final class ManagementServer {

  private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);

  private final Vertx vertx;
  private final Endpoint endpoint;
  private final EngineHealth health;
  private final PrometheusMeterRegistry metrics;
  private HttpServer server;

  public ManagementServer(Vertx vertx, Endpoint endpoint, EngineHealth health, PrometheusMeterRegistry metrics) {
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.health = health;
    this.metrics = metrics;
  }

  /** Listens; fails with {@link PortInUseException} naming {@code management.port} when taken. */
  public Future<Integer> start() {
    Router router = Router.router(vertx);
    HealthCheckHandler details = HealthCheckHandler.createWithHealthChecks(health.checks());
    router.get("/health").handler(details);
    router.get("/health/*").handler(details);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
    router.route().last().handler(rc -> rc.response().setStatusCode(ApiErrorCode.NOT_FOUND.status())
      .putHeader("Content-Type", "application/json")
      .end(new JsonObject().put("error", new JsonObject().put("code", ApiErrorCode.NOT_FOUND.name())
        .put("message", "no such management endpoint")).encode()));
    // HTTP/1.1 only: scrapers and probes speak it, and a client's h2c upgrade of a large /metrics body
    // was once misread (a JDK HttpClient frame error); nothing here gains from HTTP/2.
    server = vertx.createHttpServer(new HttpServerOptions().setHost(endpoint.host()).setPort(endpoint.port())
      .setHttp2ClearTextEnabled(false));
    return server.requestHandler(router).listen()
      .map(HttpServer::actualPort)
      .onSuccess(port -> LOG.info("management (metrics, health details) on http://{}:{}", endpoint.host(), port))
      .recover(e -> Future.failedFuture(PortInUseException.isBindFailure(e)
        ? new PortInUseException("management.port", endpoint.host(), endpoint.port(), e) : e));
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
