package com.rtx.gateway;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.Http;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * WebSocket connection caps (ws.max-connections 3, ws.max-connections-per-ip 2 here): over either
 * cap the upgrade is refused with a JSON error (429 per address, 503 in total), counted in
 * {@code rtx_ws_refused_total}, and a closed connection frees its slot. Clients connect from
 * several loopback addresses (127.0.0.x) to be different client addresses.
 */
@Timeout(120)
class WebSocketLimitsIT {

  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static int managementPort;
  private static Vertx client;
  private static final List<WebSocketClient> CLIENTS = new ArrayList<>();

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "gateway").env("RTX_WS_MAX_CONNECTIONS", "3")
      .env("RTX_WS_MAX_CONNECTIONS_PER_IP", "2");
    port = test.httpPort();
    managementPort = test.managementPort();
    engine = test.start();
    client = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    for (WebSocketClient ws : CLIENTS) {
      ws.shutdown(0, TimeUnit.SECONDS).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  private static WebSocket connect(String from) throws Exception {
    WebSocketClientOptions options = new WebSocketClientOptions();
    options.setLocalAddress(from);
    WebSocketClient ws = client.createWebSocketClient(options);
    CLIENTS.add(ws);
    return ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static UpgradeRejectedException refused(String from) {
    Throwable failure = catchThrowable(() -> connect(from));
    assertThat(failure).as("connecting from " + from).isInstanceOf(ExecutionException.class);
    assertThat(failure.getCause()).isInstanceOf(UpgradeRejectedException.class);
    return (UpgradeRejectedException) failure.getCause();
  }

  private static boolean opens(String from) {
    try {
      connect(from);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void upgradesOverTheCapsAreRefusedCountedAndClosedConnectionsFreeTheirSlot() throws Exception {
    WebSocket first = connect("127.0.0.1");
    connect("127.0.0.1");
    UpgradeRejectedException perAddress = refused("127.0.0.1");
    assertThat(perAddress.getStatus()).isEqualTo(429);
    assertThat(new JsonObject(perAddress.getBody()).getJsonObject("error").getString("code"))
      .isEqualTo("TOO_MANY_CONNECTIONS");

    connect("127.0.0.2");
    UpgradeRejectedException total = refused("127.0.0.3");
    assertThat(total.getStatus()).isEqualTo(503);
    assertThat(total.getHeaders().get("Retry-After")).isNotNull();
    assertThat(new JsonObject(total.getBody()).getJsonObject("error").getString("code")).isEqualTo("WS_CAPACITY");

    String metrics = Http.get(managementPort, "/metrics").body();
    assertThat(metrics).contains("rtx_ws_refused_total{reason=\"per-ip\"} 1.0")
      .contains("rtx_ws_refused_total{reason=\"total\"} 1.0");

    first.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Eventually.await("the closed connection's slot to be free", Duration.ofSeconds(30), () -> opens("127.0.0.3"));
    assertThat(refused("127.0.0.4").getStatus()).as("full again").isEqualTo(503);
  }
}
