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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  void aClientAskingForHttp2GetsALargeMetricsBodyWholeOverHttp11() throws Exception {
    int port = Ports.free();
    var registry = new EngineMetrics(BuildInfo.current()).registry();
    for (int i = 0; i < 3_000; i++) {
      registry.counter("rtx.test.padding", "n", Integer.toString(i)).increment();
    }
    new ManagementServer(vertx, new Endpoint("127.0.0.1", port), new EngineHealth(vertx, 1000), registry).start()
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
      URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.version()).as("no h2c upgrade").isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(response.body()).hasSizeGreaterThan(100_000).contains("rtx_build_info")
      .contains("rtx_test_padding_total{n=\"2999\"}");
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
