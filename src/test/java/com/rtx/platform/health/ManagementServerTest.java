package com.rtx.platform.health;

import com.rtx.platform.BuildInfo;
import com.rtx.platform.PortInUseException;
import com.rtx.platform.config.Endpoint;
import com.rtx.platform.metrics.EngineMetrics;
import com.rtx.support.Http;
import com.rtx.support.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class ManagementServerTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private ManagementServer server(int port) {
    return new ManagementServer(vertx, new Endpoint("127.0.0.1", port), new EngineHealth(vertx, 1000),
      new EngineMetrics(BuildInfo.current()).registry());
  }

  @Test
  void servesMetricsAndHealthDetails() throws Exception {
    int port = Ports.free();
    server(port).start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(Http.get(port, "/metrics").body()).contains("rtx_build_info");
    JsonObject live = Http.json(Http.get(port, "/health/live"));
    assertThat(live.getString("status")).isEqualTo("UP");
    assertThat(live.getJsonArray("checks")).isNotEmpty();
    assertThat(Http.get(port, "/api/v1/symbols").statusCode()).isEqualTo(404);
  }

  @Test
  void aTakenPortFailsNamingManagementPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      var started = server(taken.getLocalPort()).start().toCompletionStage().toCompletableFuture();

      assertThatThrownBy(() -> started.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(PortInUseException.class)
        .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use (management.port)");
    }
  }
}
