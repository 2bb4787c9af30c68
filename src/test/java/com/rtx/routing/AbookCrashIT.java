package com.rtx.routing;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.ApiClient;
import com.rtx.support.EngineProcess;
import com.rtx.support.Eventually;
import com.rtx.support.Http;
import com.rtx.support.Ports;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.rtx.support.EngineProcess.env;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A-Book orders at the LP when the engine is killed with {@code kill -9}: the LP (the simulator,
 * in a process of its own, as a real LP would be) executes them while the engine is down; after
 * the restart the router logs on again, the LP resends what it sent meanwhile, the shards ask for
 * the status of every order they recovered SENT_TO_LP, and every order settles exactly once — one
 * deal each, nothing left at the LP, the ledger summing to the balance, and a client retrying with
 * the same clientOrderId gets the final result without a second order.
 */
@Timeout(600)
class AbookCrashIT {

  private static final String PASSWORD = "abook-crash-Pa55word";
  private static final long ACCOUNT = 100003;
  private static final String ALL_WEEK = "SUN 00:00-24:00; MON 00:00-24:00; TUE 00:00-24:00; WED 00:00-24:00; "
    + "THU 00:00-24:00; FRI 00:00-24:00; SAT 00:00-24:00";

  @TempDir
  Path dir;
  private PgTarget database;
  private EngineProcess simulator;
  private EngineProcess engine;

  @AfterEach
  void cleanUp() {
    if (engine != null) {
      engine.close();
    }
    if (simulator != null) {
      simulator.close();
    }
    if (database != null) {
      TestInfra.drop(database);
    }
  }

  @Test
  void ordersAtTheLpWhenTheEngineIsKilledSettleExactlyOnceAfterTheRestart() throws Exception {
    database = TestInfra.migratedDatabase();
    int lpPort = Ports.free();
    int control = Ports.free();
    int httpPort = Ports.free();
    int simManagement = Ports.free();
    Map<String, String> common = env("RTX_PG_URL", TestInfra.url(database), "RTX_REDIS_URL", TestInfra.redisUrl(13),
      "RTX_DEMO_ENABLED", "true", "RTX_DEMO_PASSWORD", PASSWORD, "RTX_LPSIM_PORT", String.valueOf(lpPort),
      "RTX_LPSIM_CONTROL_PORT", String.valueOf(control), "RTX_CONFIG_SCAN_PERIOD_MS", "0");
    Map<String, String> simEnv = new HashMap<>(common);
    simEnv.putAll(env("RTX_ROLES", "lp-sim", "RTX_HTTP_PORT", String.valueOf(Ports.free()),
      "RTX_MANAGEMENT_PORT", String.valueOf(simManagement), "RTX_DATA_DIR", dir.resolve("sim-data").toString()));
    Map<String, String> engineEnv = new HashMap<>(common);
    engineEnv.putAll(env("RTX_ROLES", "pricing,router,dealing,gateway", "RTX_HTTP_PORT", String.valueOf(httpPort),
      "RTX_MANAGEMENT_PORT", String.valueOf(Ports.free()), "RTX_DATA_DIR", dir.resolve("engine-data").toString(),
      "RTX_DEALING_LP_TIMEOUT_MS", "1000", "RTX_DEALING_TIMER_MS", "100", "RTX_DEALING_ORDER_RATE_PER_S", "0",
      "RTX_PRICING_FIX_RECONNECT_S", "1", "RTX_ROUTER_RECONNECT_S", "1", "RTX_ROUTER_ACQUIRE_INTERVAL_MS", "200",
      "RTX_PRICING_STALE_MS", "30000", "RTX_ROUTER_RECONCILE_INTERVAL_MS", "300"));
    Path simDir = Files.createDirectories(dir.resolve("sim"));
    Path engineDir = Files.createDirectories(dir.resolve("engine"));
    assertThat(EngineProcess.run(engineDir, engineEnv, "migrate", "update").exitCode()).isZero();
    TestInfra.execute(database, "UPDATE symbol SET sessions = '" + ALL_WEEK + "' WHERE name = 'EURUSD'");

    simulator = EngineProcess.start(simDir, simEnv, "run");
    simulator.awaitReady(simManagement);
    engine = EngineProcess.start(engineDir, engineEnv, "run");
    engine.awaitReady(httpPort);
    ApiClient api = new ApiClient(httpPort);
    String token = api.loginTrader("trader2", PASSWORD);
    Eventually.value(Duration.ofSeconds(90), () -> place(api, token, "warm-" + System.nanoTime(), "0.01"),
      r -> "FILLED".equals(r.getString("status")));

    // The LPs hold the orders: each is committed SENT_TO_LP, sent, and answered 202 after the timeout.
    control(control, "/lps/LP1/orders/hang");
    control(control, "/lps/LP2/orders/hang");
    Map<String, Long> atLp = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      String id = "crash-" + i;
      JsonObject pending = place(api, token, id, "0.10");
      assertThat(pending.getString("status")).as(pending.encode()).isEqualTo("SENT_TO_LP");
      atLp.put(id, pending.getLong("orderId"));
    }
    engine.kill9();
    engine = null;
    // While the engine is dead the LPs execute everything they hold; the reports wait in their
    // session stores for the engine's resend request.
    control(control, "/lps/LP1/orders/resume");
    control(control, "/lps/LP2/orders/resume");

    engine = EngineProcess.start(engineDir, engineEnv, "run");
    engine.awaitReady(httpPort);
    Eventually.await("every order at the LP settled after the restart", Duration.ofSeconds(120),
      () -> count("SELECT count(*) FROM trade_order WHERE account_id = " + ACCOUNT + " AND status = 'SENT_TO_LP'") == 0);

    for (Map.Entry<String, Long> order : atLp.entrySet()) {
      long id = order.getValue();
      assertThat(count("SELECT count(*) FROM trade_order WHERE id = " + id + " AND status = 'FILLED'"))
        .as("order " + order.getKey() + " filled").isEqualTo(1);
      assertThat(count("SELECT count(*) FROM deal WHERE order_id = " + id)).as("one deal for " + order.getKey())
        .isEqualTo(1);
      assertThat(count("SELECT count(*) FROM deal WHERE order_id = " + id + " AND volume = 10")).as("the whole 0.10 lot")
        .isEqualTo(1);
      JsonObject retried = place(api, api.loginTrader("trader2", PASSWORD), order.getKey(), "0.10");
      assertThat(retried.getString("status")).as("the retry answers the final result: " + retried.encode())
        .isEqualTo("FILLED");
      assertThat(retried.getLong("orderId")).isEqualTo(id);
    }
    assertThat(count("SELECT count(*) FROM trade_order WHERE account_id = " + ACCOUNT
      + " AND client_order_id LIKE 'crash-%'")).as("no second order for a retried clientOrderId").isEqualTo(atLp.size());
    // Reconciliation with the LP after the restart: the house position there is the platform's record.
    long mark = count("SELECT coalesce(max(id), 0) FROM lp_reconciliation_run");
    Eventually.await("a run after the settlement in which LP1's EURUSD matches", Duration.ofSeconds(60),
      () -> count("SELECT count(*) FROM lp_reconciliation_run r JOIN lp_reconciliation l ON l.run_id = r.id "
        + "WHERE r.id > " + mark + " AND r.lp = 'LP1' AND r.outcome = 'OK' AND l.symbol = 'EURUSD' "
        + "AND l.outcome = 'MATCH' AND l.lp_lots = 0.51 AND l.platform_lots = 0.51") > 0);
    assertThat(count("SELECT count(*) FROM lp_reconciliation_run WHERE id > " + mark + " AND outcome <> 'OK'"))
      .as("no difference, no failed run after the restart").isZero();
    assertThat(count("SELECT a.balance - coalesce((SELECT sum(amount) FROM ledger_entry l WHERE l.account_id = a.id "
      + "AND l.type <> 'CREDIT'), 0) FROM account a WHERE a.id = " + ACCOUNT)).as("ledger sums to balance").isZero();
  }

  private static JsonObject place(ApiClient api, String token, String clientOrderId, String volume) {
    return Http.json(api.post("/api/v1/orders", new JsonObject().put("accountId", ACCOUNT).put("symbol", "EURUSD")
      .put("side", "BUY").put("type", "MARKET").put("volume", volume).put("clientOrderId", clientOrderId), token));
  }

  private static void control(int port, String path) {
    HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(r.statusCode()).as(path + ": " + r.body()).isLessThan(300);
  }

  private long count(String sql) {
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
