package com.rtx.platform;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.Http;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.ext.healthchecks.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stop drains: a request in flight when the stop begins still gets its answer, new connections
 * are refused, and the engine records its clean stop.
 */
@Timeout(120)
class GracefulStopIT {

  private PgTarget database;
  private Engine engine;
  private int port;

  @BeforeEach
  void start() {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database)
      .env("RTX_HEALTH_CHECK_TIMEOUT_MS", "60000")
      .env("RTX_SHUTDOWN_GRACE_MS", "60000")
      .env("RTX_HTTP_INSTANCES", "2");
    port = test.httpPort();
    engine = test.start();
  }

  @AfterEach
  void cleanUp() {
    engine.stop();
    TestInfra.drop(database);
  }

  @Test
  void inFlightRequestCompletesWhileNewConnectionsAreRefused() throws Exception {
    // A readiness check the test releases by hand keeps one request in flight for as long as needed.
    CompletableFuture<Void> entered = new CompletableFuture<>();
    CompletableFuture<Void> release = new CompletableFuture<>();
    engine.health().checks().register("ready/test-gate", 60_000, promise -> {
      entered.complete(null);
      release.whenComplete((v, e) -> promise.complete(Status.OK()));
    });
    CompletableFuture<HttpResponse<String>> inFlight =
      CompletableFuture.supplyAsync(() -> Http.get(port, "/health/ready"));
    entered.get(30, TimeUnit.SECONDS);

    CompletableFuture<Void> stopped = CompletableFuture.runAsync(engine::stop);
    // New requests are refused: the connection (listener closed) or, while another instance
    // sharing the port still drains, the request (503 SHUTTING_DOWN) — never served.
    Eventually.await("new requests refused", Duration.ofSeconds(30), () -> {
      int status = Http.status(port, "/health/live");
      return status == -1 || status == 503;
    });
    assertThat(inFlight).isNotDone();
    // Readiness went DOWN first: checked through the health registry, as the port is closed.
    // (The gate check is still pending, so only the accepting check's own verdict is read.)
    assertThat(engine.health().checks().checkStatus("ready/accepting").toCompletionStage().toCompletableFuture()
      .get(30, TimeUnit.SECONDS).getUp()).isFalse();

    release.complete(null);
    HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
    stopped.get(30, TimeUnit.SECONDS);

    // The request that was in flight when the stop began got its full answer. (Its checks were
    // evaluated when it arrived, so it may say UP or DOWN; that it was answered is the point.)
    assertThat(answer.statusCode()).isIn(200, 503);
    assertThat(new io.vertx.core.json.JsonObject(answer.body()).getString("status")).isIn("UP", "DOWN");

    try (Connection c = TestInfra.connect(database);
         ResultSet rs = c.createStatement().executeQuery("SELECT stopped_at FROM engine_instance")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject("stopped_at")).isNotNull();
    }
  }
}
