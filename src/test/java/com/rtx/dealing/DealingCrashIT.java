package com.rtx.dealing;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.ApiClient;
import com.rtx.support.EngineProcess;
import com.rtx.support.Http;
import com.rtx.support.Ports;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static com.rtx.support.EngineProcess.env;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durable before acknowledged, proven with {@code kill -9}: the real jar (LP simulator, pricing,
 * dealing, gateway) takes market orders over REST from a client that logs every acknowledgement;
 * the engine is killed at random points and restarted, the client retrying what was in flight
 * with the same clientOrderId. Afterwards every acknowledged order is in PostgreSQL exactly once,
 * none is there twice, and the ledger still sums to the balance.
 */
@Timeout(900)
class DealingCrashIT {

  private static final String PASSWORD = "crash-Pa55word";
  private static final long ACCOUNT = 100002;
  private static final String ALL_WEEK = "SUN 00:00-24:00; MON 00:00-24:00; TUE 00:00-24:00; WED 00:00-24:00; "
    + "THU 00:00-24:00; FRI 00:00-24:00; SAT 00:00-24:00";

  @TempDir
  Path dir;
  private PgTarget database;
  private EngineProcess engine;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void cleanUp() {
    if (engine != null) {
      engine.close();
    }
    if (database != null) {
      TestInfra.drop(database);
    }
  }

  @Test
  void everyAcknowledgedOrderSurvivesKillNineExactlyOnce() throws Exception {
    database = TestInfra.migratedDatabase();
    int httpPort = Ports.free();
    Map<String, String> env = env("RTX_PG_URL", TestInfra.url(database), "RTX_REDIS_URL", TestInfra.redisUrl(14),
      "RTX_DATA_DIR", dir.resolve("data").toString(), "RTX_HTTP_PORT", String.valueOf(httpPort),
      "RTX_LPSIM_PORT", String.valueOf(Ports.free()), "RTX_LPSIM_CONTROL_PORT", String.valueOf(Ports.free()),
      "RTX_ROLES", "lp-sim,pricing,dealing,gateway", "RTX_DEMO_ENABLED", "true", "RTX_DEMO_PASSWORD", PASSWORD,
      "RTX_DEALING_ORDER_RATE_PER_S", "0", "RTX_CONFIG_SCAN_PERIOD_MS", "0", "RTX_PRICING_STALE_MS", "30000");
    assertThat(EngineProcess.run(dir, env, "migrate", "update").exitCode()).isZero();
    // Open all week, so the test does not depend on the day it runs.
    TestInfra.execute(database, "UPDATE symbol SET sessions = '" + ALL_WEEK + "' WHERE name = 'EURUSD'");

    Random random = new Random();
    Map<String, Long> acknowledged = new LinkedHashMap<>();
    List<String> inDoubt = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    int next = 0;
    for (int life = 0; life < 4; life++) {
      engine = EngineProcess.start(dir, env, "run");
      engine.awaitReady(httpPort);
      String token = new ApiClient(httpPort).loginTrader("trader1", PASSWORD);
      awaitQuote(httpPort, token);
      // What was in flight when the engine died is retried with the same id: it fills at most once.
      for (String id : new ArrayList<>(inDoubt)) {
        JsonObject reply = place(httpPort, token, id, id.hashCode() % 2 == 0 ? "BUY" : "SELL");
        assertThat(reply).as("retry of " + id).isNotNull();
        if ("FILLED".equals(reply.getString("status"))) {
          acknowledged.put(id, reply.getLong("orderId"));
        }
        inDoubt.remove(id);
      }
      int cap = life == 3 ? 20 : 100_000;
      Thread killer = null;
      if (life < 3) {
        long killAfterMs = 300 + random.nextInt(1500);
        EngineProcess victim = engine;
        // Pacing, not waiting for something: the kill lands at a random point of the order flow
        // (an Eventually would have no condition to wait for).
        killer = new Thread(() -> {
          try {
            Thread.sleep(killAfterMs);
          } catch (InterruptedException e) {
            return;
          }
          victim.kill9();
        });
        killer.start();
      }
      for (int i = 0; i < cap; i++) {
        String id = "k-" + next++;
        JsonObject reply = place(httpPort, token, id, next % 2 == 0 ? "BUY" : "SELL");
        if (reply == null) {
          inDoubt.add(id);
          break;
        }
        if ("REJECTED".equals(reply.getString("status"))) {
          // A refusal (e.g. a price gone stale while the machine is loaded) is an answer too: it
          // must leave no fill behind.
          refused.add(id);
          continue;
        }
        assertThat(reply.getString("status")).as(reply.encode()).isEqualTo("FILLED");
        acknowledged.put(id, reply.getLong("orderId"));
      }
      if (killer != null) {
        killer.join();
      } else {
        engine.close();
      }
      engine = null;
    }

    assertThat(acknowledged).hasSizeGreaterThan(20);
    try (Connection c = TestInfra.connect(database)) {
      try (PreparedStatement s = c.prepareStatement("SELECT (SELECT count(*) FROM order_request WHERE account_id = ? "
        + "AND client_order_id = ?), (SELECT count(*) FROM deal WHERE account_id = ? AND order_id = ?)")) {
        for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
          s.setLong(1, ACCOUNT);
          s.setString(2, ack.getKey());
          s.setLong(3, ACCOUNT);
          s.setLong(4, ack.getValue());
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).as("request row of acknowledged " + ack.getKey()).isEqualTo(1);
            assertThat(rs.getLong(2)).as("deal of acknowledged " + ack.getKey()).isEqualTo(1);
          }
        }
      }
      try (Statement s = c.createStatement()) {
        for (String id : refused) {
          assertThat(single(s, "SELECT count(*) FROM trade_order WHERE account_id = " + ACCOUNT
            + " AND client_order_id = '" + id + "'")).as("refused " + id + " left no order").isZero();
        }
        assertThat(single(s, "SELECT count(*) FROM (SELECT client_order_id FROM trade_order WHERE account_id = "
          + ACCOUNT + " GROUP BY client_order_id HAVING count(*) > 1) twice")).as("orders filled twice").isZero();
        assertThat(single(s, "SELECT count(*) FROM (SELECT order_id FROM deal GROUP BY order_id HAVING count(*) > 1) d"))
          .isZero();
        assertThat(single(s, "SELECT a.balance - coalesce((SELECT sum(amount) FROM ledger_entry l WHERE l.account_id = a.id "
          + "AND l.type <> 'CREDIT'), 0) FROM account a WHERE a.id = " + ACCOUNT)).as("ledger sums to balance").isZero();
      }
    }
  }

  private static long single(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The reply, or null when the engine did not answer (killed): the order's outcome is unknown. Not
   * through ApiClient: a dead engine is an expected answer here, so this client has its own short
   * timeouts and turns every I/O failure into "in doubt".
   */
  private JsonObject place(int port, String token, String clientOrderId, String side) throws InterruptedException {
    JsonObject body = new JsonObject().put("accountId", ACCOUNT).put("symbol", "EURUSD").put("side", side)
      .put("type", "MARKET").put("volume", "0.01").put("clientOrderId", clientOrderId);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/orders"))
      .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
      .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 503 || response.statusCode() == 504) {
        return null;
      }
      return new JsonObject(response.body());
    } catch (IOException e) {
      return null;
    }
  }

  /** Until pricing has published a live EURUSD price, a market order would be refused NO_QUOTE. */
  private void awaitQuote(int port, String token) {
    com.rtx.support.Eventually.await("a live EURUSD quote", Duration.ofSeconds(60), () -> {
      HttpResponse<String> r = Http.get(port, "/api/v1/quotes?symbols=EURUSD");
      return r.statusCode() == 200 && r.body().contains("\"OK\"");
    });
  }
}
