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
      .env("RTX_SHUTDOWN_GRACE_MS", "60000");
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
    Eventually.await("new connections refused", Duration.ofSeconds(30), () -> Http.status(port, "/health/live") == -1);
    assertThat(inFlight).isNotDone();

    release.complete(null);
    HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
    stopped.get(30, TimeUnit.SECONDS);

    // Readiness went DOWN before the server stopped accepting, so the drained answer says so.
    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).contains("shutting down");
    try (Connection c = TestInfra.connect(database);
         ResultSet rs = c.createStatement().executeQuery("SELECT stopped_at FROM engine_instance")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject("stopped_at")).isNotNull();
    }
  }
}
