package com.rtx.deployment;

import com.rtx.support.ExternalCommand;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code scripts/deploy/smoke-test.sh} reads {@code /metrics} from the management port inside the
 * cluster (a port-forward to a pod), never through the Ingress: run against two loopback stand-ins
 * (the public port and the management port, answering like the engine), it passes only when the
 * metrics come from the management URL; and every deployment that smoke-tests a cluster through a
 * port-forward gives it that URL.
 */
class SmokeTestScriptTest {

  private HttpServer publicPort;
  private HttpServer managementPort;

  @BeforeEach
  void startStandIns() throws IOException {
    publicPort = server(Map.of(
      "/health/live", new Answer(200, "{\"status\":\"UP\"}"),
      "/health/ready", new Answer(200, "{\"status\":\"UP\"}"),
      "/api/v1/symbols", new Answer(200, "[{\"symbol\":\"EURUSD\"}]"),
      "/api/v1/openapi.yaml", new Answer(200, "openapi: 3.1.0\npaths:\n  /symbols:\n")));
    managementPort = server(Map.of(
      "/metrics", new Answer(200, "# HELP rtx_build_info build\n# TYPE rtx_build_info gauge\n"
        + "rtx_build_info{version=\"0.1.0\"} 1.0\njvm_memory_used_bytes{area=\"heap\"} 1.0\n"),
      "/health/ready", new Answer(200, "{\"status\":\"UP\",\"checks\":[{\"id\":\"postgres\",\"status\":\"UP\"}]}")));
  }

  @AfterEach
  void stopStandIns() {
    publicPort.stop(0);
    managementPort.stop(0);
  }

  record Answer(int status, String body) {
  }

  /** Answers the given paths; anything else is the engine's JSON 404. */
  private static HttpServer server(Map<String, Answer> answers) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      Answer answer = answers.getOrDefault(exchange.getRequestURI().getPath(),
        new Answer(404, "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no such resource\"}}"));
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static ExternalCommand.Outcome smoke(Map<String, String> env, String base) {
    return ExternalCommand.run(Duration.ofSeconds(60), env, List.of("scripts/deploy/smoke-test.sh", base));
  }

  @Test
  void metricsAndHealthDetailsComeFromTheManagementPort() {
    assumeTrue(ExternalCommand.run(Duration.ofSeconds(10), "curl", "--version").succeeded(), "curl is not installed");
    ExternalCommand.Outcome outcome = smoke(Map.of("SMOKE_MANAGEMENT_URL", url(managementPort)), url(publicPort));
    assertThat(outcome.exitCode()).as(outcome.combined()).isZero();
    assertThat(outcome.stdout()).contains("ok   metrics (/metrics 200)", "ok   health details",
      "ok   no public metrics (/metrics 404)");
  }

  @Test
  void metricsThroughThePublicPortFail() {
    assumeTrue(ExternalCommand.run(Duration.ofSeconds(10), "curl", "--version").succeeded(), "curl is not installed");
    // What reaching /metrics "through the Ingress" would be: the public port answers 404.
    ExternalCommand.Outcome outcome = smoke(Map.of("SMOKE_MANAGEMENT_URL", url(publicPort)), url(publicPort));
    assertThat(outcome.exitCode()).as(outcome.combined()).isEqualTo(1);
    assertThat(outcome.stdout()).contains("FAIL metrics");
  }

  /**
   * Every smoke test of a cluster through a port-forward (pipeline dev stage, blue-green.sh, the
   * rollback workflow) forwards a pod's management port and passes it as SMOKE_MANAGEMENT_URL.
   * Excepted: the smoke test through the Ingress (https, public checks only) and the previous
   * release's script against a local engine in the migrations stage.
   */
  @Test
  void everyClusterSmokeTestReachesTheManagementPortInsideTheCluster() throws IOException {
    Pattern call = Pattern.compile("(?s)([^\\n]*\\n){0,12}[^\\n]*smoke-test\\.sh\"? +\"?(http[^ \"\\n]*)");
    for (Path file : List.of(Path.of(".github/workflows/pipeline.yml"), Path.of(".github/workflows/rollback.yml"),
      Path.of("scripts/deploy/blue-green.sh"))) {
      String text = Files.readString(file);
      Matcher m = call.matcher(text);
      int clusterCalls = 0;
      while (m.find()) {
        String context = m.group();
        String base = m.group(2);
        if (base.startsWith("https://") || context.contains("prev-smoke.sh")) {
          continue;
        }
        clusterCalls++;
        assertThat(context).as("%s: smoke test of %s", file, base).contains("SMOKE_MANAGEMENT_URL")
          .containsPattern("port-forward [^\\n]*(deployment/|\"\\$workload\"|\\$IDLE)[^\\n]*:9090");
      }
      assertThat(clusterCalls).as("%s: smoke tests through a port-forward", file).isPositive();
    }
  }
}
