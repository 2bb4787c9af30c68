package com.rtx.lpsim;

import com.rtx.platform.Platform;
import com.rtx.platform.Role;
import com.rtx.platform.config.ConfigLayer;
import com.rtx.platform.config.ConfigLoader;
import com.rtx.platform.config.ConfigSources;
import com.rtx.platform.config.LayeredConfig;
import com.rtx.platform.config.RtxConfig;
import com.rtx.support.Http;
import com.rtx.support.Ports;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An {@link LpSimVerticle} deployed on a Vertx of its own, on free loopback ports, configured
 * through the engine's real configuration path (defaults plus a test layer). Platform carries no
 * database, Redis, health or metrics: the simulator must not need them.
 *
 * <p>LPs: {@code LP1} (spread factor 1.0, a tick every 20 ms, no latency) and {@code LP2} (1.4,
 * 25 ms, 5 ms latency).
 */
public final class SimulatorFixture implements AutoCloseable {

  public final int fixPort = Ports.free();
  final int controlPort = Ports.free();
  public final RtxConfig config;
  private final Vertx vertx = Vertx.vertx();
  private String deploymentId;

  private SimulatorFixture() {
    this(new JsonArray()
      .add(new JsonObject().put("name", "LP1").put("spread-factor", "1.0").put("tick-interval-ms", 20)
        .put("latency-ms", 0))
      .add(new JsonObject().put("name", "LP2").put("spread-factor", "1.4").put("tick-interval-ms", 25)
        .put("latency-ms", 5)));
  }

  private SimulatorFixture(JsonArray lps) {
    Path dataDir = Path.of("target", "test-data", "lpsim-" + fixPort + "-" + System.nanoTime());
    JsonObject test = new JsonObject()
      .put("roles", "lp-sim")
      // Fresh per fixture: the trade sessions keep their sequence numbers in files there.
      .put("data-dir", dataDir.toString())
      .put("lpsim", new JsonObject()
        .put("port", fixPort)
        .put("control-port", controlPort)
        .put("lps", lps));
    LayeredConfig layered = new ConfigLoader(null, new ConfigSources(Path.of("target", "no-such-rtx.json"), false,
      Map.of(), new JsonObject())).loadLocalLayers().with(new ConfigLayer("test", test));
    config = RtxConfig.parse(layered, EnumSet.of(Role.LP_SIM));
  }

  /** A fixture whose verticle is not deployed yet. */
  static SimulatorFixture create() {
    return new SimulatorFixture();
  }

  static SimulatorFixture started() throws Exception {
    return start(new SimulatorFixture());
  }

  /** A started simulator playing {@code lps} (entries of {@code lpsim.lps}). */
  public static SimulatorFixture started(JsonArray lps) throws Exception {
    return start(new SimulatorFixture(lps));
  }

  private static SimulatorFixture start(SimulatorFixture fixture) throws Exception {
    fixture.deploy().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return fixture;
  }

  Future<String> deploy() {
    return vertx.deployVerticle(new LpSimVerticle(new Platform(config, null, null, null, null, null, null, java.time.Clock.systemUTC(), null, "test")))
      .onSuccess(id -> deploymentId = id);
  }

  HttpResponse<String> get(String path) {
    return Http.get(controlPort, path);
  }

  HttpResponse<String> post(String path) {
    return Http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  HttpResponse<String> post(String path, JsonObject body) {
    return post(path, body.encode());
  }

  HttpResponse<String> post(String path, String body) {
    return Http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)),
      "Content-Type", "application/json");
  }

  /** POSTs and insists on 200: the switch has taken effect when this returns. */
  JsonObject switchOn(String path, JsonObject body) {
    HttpResponse<String> response = body == null ? post(path) : post(path, body);
    if (response.statusCode() != 200) {
      throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return Http.json(response);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + controlPort + path);
  }

  @Override
  public void close() throws Exception {
    try {
      if (deploymentId != null) {
        vertx.undeploy(deploymentId).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
    } finally {
      // Not chained onto the undeploy future: that one would complete on an event loop close() shuts down.
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }
}
