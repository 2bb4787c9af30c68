package com.rtx.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.Http;
import com.rtx.support.MutableClock;
import com.rtx.support.Ports;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import com.rtx.support.TestMarket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric an alert, a recording rule or a dashboard panel names is one the engine exports
 * (issue 13): a running engine with every role of this build (plus the LP simulator) trades once,
 * and its scrape must hold each name. Metrics of other exporters (CloudNativePG, kube-state-metrics,
 * Prometheus' own {@code up}) are not the engine's; recording-rule names must be recorded.
 */
@Timeout(300)
class MetricsContractIT {

  private static final String PASSWORD = "metrics-Pa55word";
  private static final Pattern METRIC = Pattern.compile("\\b([a-zA-Z_][a-zA-Z0-9_:]*)\\s*(\\{|\\[)");
  private static final Set<String> OTHER_EXPORTERS = Set.of("cnpg_", "kube_", "up");
  private static final MutableClock CLOCK = new MutableClock();
  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static int management;

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "lp-sim,pricing,router,dealing,admin,gateway")
      .env("RTX_DEMO_ENABLED", "true").env("RTX_DEMO_PASSWORD", PASSWORD)
      .env("RTX_LPSIM_PORT", String.valueOf(Ports.free())).env("RTX_LPSIM_CONTROL_PORT", String.valueOf(Ports.free()))
      .env("RTX_PRICING_FIX_RECONNECT_S", "1").env("RTX_ROUTER_RECONNECT_S", "1")
      .env("RTX_ROUTER_ACQUIRE_INTERVAL_MS", "200");
    port = test.httpPort();
    management = test.managementPort();
    engine = test.start(CLOCK);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @Test
  void everyMetricTheRulesAndTheDashboardNameIsExported() throws Exception {
    String token = Http.json(Http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/auth/login"))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "trader1").put("password", PASSWORD)
          .encode())).header("Content-Type", "application/json"))).getString("accessToken");
    // One B-Book fill: order metrics, the house exposure, the pools and the event bus all have data.
    Eventually.await("a market order fills", Duration.ofSeconds(90), () -> {
      HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/orders"))
          .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("accountId", 100001).put("symbol", "EURUSD")
            .put("side", "BUY").put("type", "MARKET").put("volume", "0.10").encode()))
          .header("Content-Type", "application/json"), "Authorization", "Bearer " + token);
      return r.statusCode() == 200 && "FILLED".equals(Http.json(r).getString("status"));
    });

    YAMLMapper yaml = new YAMLMapper();
    JsonNode groups = yaml.readTree(Path.of("deployment/k8s/base/monitoring/prometheusrule.yaml").toFile())
      .path("spec").path("groups");
    Set<String> recorded = groups.findValues("record").stream().map(JsonNode::asText).collect(Collectors.toSet());
    List<String> exprs = new java.util.ArrayList<>(groups.findValues("expr").stream().map(JsonNode::asText).toList());
    JsonNode dashboard = new JsonMapper().readTree(Path.of("deployment/k8s/base/monitoring/rtx-dashboard.json").toFile());
    dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));

    Set<String> named = new TreeSet<>();
    for (String expr : exprs) {
      Matcher m = METRIC.matcher(expr.replaceAll("by \\([^)]*\\)", ""));
      while (m.find()) {
        named.add(m.group(1));
      }
    }
    assertThat(named).contains("rtx_orders_total", "rtx_order_latency_seconds_bucket", "rtx_exposure_net_lots");

    Eventually.await("the house exposure reached the metrics", Duration.ofSeconds(30),
      () -> scrape().contains("rtx_exposure_net_lots{"));
    String scrape = scrape();
    Set<String> exported = scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
      .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>();
    for (String name : named) {
      if (name.contains(":")) {
        if (!recorded.contains(name)) {
          missing.add(name + " (recording rule never recorded)");
        }
      } else if (OTHER_EXPORTERS.stream().noneMatch(p -> name.equals(p) || name.startsWith(p)) && !exported.contains(name)) {
        missing.add(name);
      }
    }
    assertThat(missing).as("named by a rule or panel but not exported").isEmpty();
  }

  private static String base() {
    return "http://127.0.0.1:" + port;
  }

  /** The management port's scrape (what the ServiceMonitor reads; the public port serves no metrics). */
  private static String scrape() {
    return Http.get(management, "/metrics").body();
  }
}
