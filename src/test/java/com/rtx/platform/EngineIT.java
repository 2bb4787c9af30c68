package com.rtx.platform;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.Http;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.time.Duration;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.rtx.support.Eventually;
import org.slf4j.LoggerFactory;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole engine in this JVM against real PostgreSQL and Redis, driven through its HTTP port. */
@Timeout(120)
class EngineIT {

  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static int management;

  @BeforeAll
  static void startEngine() {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database);
    port = test.httpPort();
    management = test.managementPort();
    engine = test.start();
  }

  @AfterAll
  static void stopEngine() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @Test
  void readyWhenPostgresMigrationsAndRolesAreUp() {
    HttpResponse<String> ready = Http.get(management, "/health/ready");

    assertThat(ready.statusCode()).isEqualTo(200);
    JsonObject body = Http.json(ready);
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
      .containsExactlyInAnyOrder("postgres", "migrations", "roles", "accepting");
    assertThat(Http.get(management, "/health/live").statusCode()).isEqualTo(200);
    assertThat(Http.json(Http.get(management, "/health/dependencies/redis")).getString("status")).isEqualTo("UP");
  }

  @Test
  void publicProbesSayUpOrDownAndNothingElse() {
    HttpResponse<String> ready = Http.get(port, "/health/ready");
    HttpResponse<String> live = Http.get(port, "/health/live");

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(Http.json(ready)).isEqualTo(new JsonObject().put("status", "UP"));
    assertThat(ready.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(Http.json(live)).isEqualTo(new JsonObject().put("status", "UP"));
  }

  @Test
  void metricsAndHealthDetailsAreNotServedOnThePublicPort() {
    for (String path : java.util.List.of("/metrics", "/health", "/health/dependencies", "/health/dependencies/redis",
      "/health/ready/postgres", "/health/live/event-loop")) {
      HttpResponse<String> response = Http.get(port, path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).doesNotContain("target").doesNotContain("jvm_");
    }
  }

  @Test
  void managementPortAnswersJsonNotFoundForOtherPaths() {
    HttpResponse<String> response = Http.get(management, "/api/v1/accounts");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("NOT_FOUND");
  }

  @Test
  void metricsExposeJvmHttpPoolEventBusAndBuildInfo() {
    Http.get(port, "/health/ready");
    engine.vertx().eventBus().publish("rtx.test.metrics", "ping");

    HttpResponse<String> metrics = Http.get(management, "/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics.body())
      .contains("jvm_memory_used_bytes")
      .contains("vertx_http_server_requests_total")
      .contains("vertx_pool_completed_total{pool_name=\"rtx-pg\",pool_type=\"sql\"}")
      .contains("vertx_eventbus_published_total")
      .containsPattern("rtx_build_info\\{commit=\"[^\"]+\",version=\"" + BuildInfo.current().version() + "\"} 1");
  }

  @Test
  void unknownPathGetsTheJsonErrorShape() {
    HttpResponse<String> response = Http.get(port, "/api/v1/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(Http.json(response)).isEqualTo(new JsonObject().put("error", new JsonObject()
      .put("code", "NOT_FOUND").put("message", "no resource at GET /api/v1/nothing-here").putNull("field")));
  }

  @Test
  void wrongMethodGetsTheJsonErrorShape() {
    HttpResponse<String> response = Http.send(java.net.http.HttpRequest.newBuilder(
      java.net.URI.create("http://127.0.0.1:" + port + "/health/live")).DELETE());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("METHOD_NOT_ALLOWED");
  }

  @Test
  void requestIdIsEchoedWhenGivenAndGeneratedOtherwise() {
    HttpResponse<String> given = Http.get(port, "/health/live", "X-Request-Id", "req-42.a");
    HttpResponse<String> generated = Http.get(port, "/health/live");
    HttpResponse<String> unsafe = Http.get(port, "/health/live", "X-Request-Id", "bad id\twith spaces");

    assertThat(given.headers().firstValue("X-Request-Id")).contains("req-42.a");
    assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
    assertThat(unsafe.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
  }

  @Test
  void logLinesOfARequestCarryItsRequestId() {
    Logger access = (Logger) LoggerFactory.getLogger("rtx.access");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    access.addAppender(lines);
    try {
      Http.get(port, "/api/v1/traced", "X-Request-Id", "trace-me-1");

      Eventually.await("access log line", Duration.ofSeconds(10), () -> !lines.list.isEmpty());
      ILoggingEvent line = lines.list.get(0);
      assertThat(line.getFormattedMessage()).startsWith("GET /api/v1/traced 404");
      assertThat(line.getMDCPropertyMap()).containsEntry("requestId", "trace-me-1");
    } finally {
      access.detachAppender(lines);
    }
  }

  @Test
  void recordsItsRunInEngineInstance() throws Exception {
    try (Connection c = TestInfra.connect(database);
         ResultSet rs = c.createStatement().executeQuery("SELECT version, roles, stopped_at FROM engine_instance")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("version")).isEqualTo(BuildInfo.current().version());
      assertThat(rs.getString("roles")).isEqualTo("gateway");
      assertThat(rs.getObject("stopped_at")).isNull();
    }
  }
}
