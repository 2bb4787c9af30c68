package com.rtx.gateway;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A reader that stops reading for longer than ws.stuck-ms is disconnected with a reason. */
@Timeout(180)
class WebSocketStuckReaderIT {

  private static PgTarget database;
  private static Engine engine;
  private static int port;

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_PRICING_STALE_MS", "600000").env("RTX_WS_STUCK_MS", "200");
    port = test.httpPort();
    engine = test.start();
  }

  @AfterAll
  static void stop() {
    engine.stop();
    TestInfra.drop(database);
  }

  @Test
  void stuckReaderIsClosedWithPolicyViolationAndCounted() throws Exception {
    Vertx client = Vertx.vertx();
    WebSocketClient wsClient = client.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(4096));
    try {
      WebSocket socket = wsClient.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      CompletableFuture<String> closed = new CompletableFuture<>();
      CompletableFuture<Void> subscribed = new CompletableFuture<>();
      socket.closeHandler(v -> closed.complete(socket.closeStatusCode() + " " + socket.closeReason()));
      socket.textMessageHandler(text -> subscribed.complete(null));
      socket.writeTextMessage(new JsonObject().put("type", "subscribe").put("channel", "quotes")
        .put("symbols", new JsonArray().add("NZDUSD")).encode());
      subscribed.get(30, TimeUnit.SECONDS);
      socket.pause();

      // Publish until the server gives up on the reader; a paused reader cannot see the close
      // frame queued behind its backlog, so it resumes reading only then.
      Counter slowClosed = engine.metricsRegistry().find("rtx.ws.disconnected.slow").counter();
      AtomicLong sequence = new AtomicLong();
      while (slowClosed.count() < 1) {
        assertThat(sequence.get()).as("disconnected before 500k quotes").isLessThan(500_000);
        CompletableFuture<Void> batch = new CompletableFuture<>();
        engine.vertx().runOnContext(v -> {
          for (int i = 0; i < 1000; i++) {
            long s = sequence.incrementAndGet();
            engine.vertx().eventBus().publish("rtx.prices.NZDUSD", new JsonObject().put("symbol", "NZDUSD")
              .put("bid", String.format("0.%05d", 58000 + s % 900)).put("ask", String.format("0.%05d", 58009 + s % 900))
              .put("bidLp", "LP1").put("askLp", "LP1").put("status", "OK").put("sequence", s)
              .put("lpTime", System.currentTimeMillis()).put("engineTime", System.currentTimeMillis()));
          }
          batch.complete(null);
        });
        batch.get(30, TimeUnit.SECONDS);
      }
      socket.resume();

      assertThat(closed.get(60, TimeUnit.SECONDS)).startsWith("1008 slow consumer");
    } finally {
      wsClient.shutdown(0, TimeUnit.SECONDS);
      client.close();
    }
  }
}
