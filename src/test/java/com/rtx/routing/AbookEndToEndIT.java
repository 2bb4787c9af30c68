package com.rtx.routing;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.ApiClient;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A-Book end to end over real FIX on 127.0.0.1: trader2 (group pro-abook, execution A_BOOK) places
 * a market order over REST; dealing records it SENT_TO_LP, the router sends a NewOrderSingle to the
 * simulator, the simulator fills it at its own ask, and the client gets FILLED at that price (the
 * group's raw profile adds no markup), with the LP and its ExecID recorded.
 */
@Timeout(300)
class AbookEndToEndIT {

  private static final String PASSWORD = "abook-Pa55word";
  private static final MutableClock CLOCK = new MutableClock();
  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static ApiClient api;
  private static int control;

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "lp-sim,pricing,router,dealing,gateway,admin")
      .env("RTX_DEMO_ENABLED", "true").env("RTX_DEMO_PASSWORD", PASSWORD)
      .env("RTX_LPSIM_PORT", String.valueOf(Ports.free())).env("RTX_LPSIM_CONTROL_PORT", String.valueOf(control = Ports.free()))
      .env("RTX_DEALING_LP_TIMEOUT_MS", "1000").env("RTX_DEALING_TIMER_MS", "100")
      .env("RTX_PRICING_FIX_RECONNECT_S", "1").env("RTX_ROUTER_RECONNECT_S", "1").env("RTX_ROUTER_ACQUIRE_INTERVAL_MS", "200")
      .env("RTX_ROUTER_STATUS_PUBLISH_MS", "200");
    port = test.httpPort();
    api = new ApiClient(port);
    engine = test.start(CLOCK);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @org.junit.jupiter.api.AfterEach
  void resetSimulator() {
    control("/reset");
  }

  @Test
  void aRejectAtTheFirstLpIsFilledByTheNext() throws Exception {
    String token = api.loginTrader("trader2", PASSWORD);
    awaitFill(token);
    control("/lps/LP1/orders/reject-all");
    JsonObject result = order(token, "0.20");
    assertThat(result.getString("status")).as(result.encode()).isEqualTo("FILLED");
    assertThat(result.getJsonArray("events").stream().map(JsonObject.class::cast)
      .filter(e -> e.getString("type").equals("deal.executed")).findFirst().orElseThrow()
      .getJsonObject("deal").getJsonObject("quote").getString("askLp")).isEqualTo("LP2");
  }

  @Test
  void anLpThatHangsGetsAStatusRequestAndTheOrderSettlesWhenItAnswers() throws Exception {
    String token = api.loginTrader("trader2", PASSWORD);
    awaitFill(token);
    control("/lps/LP1/orders/hang");
    control("/lps/LP2/orders/hang");
    JsonObject pending = order(token, "0.30");
    assertThat(pending.getString("status")).as(pending.encode()).isEqualTo("SENT_TO_LP");
    long orderId = pending.getLong("orderId");
    control("/lps/LP1/orders/resume");
    control("/lps/LP2/orders/resume");
    Eventually.await("the LP's answer settled the order", Duration.ofSeconds(60), () -> {
      try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT status FROM trade_order WHERE id = " + orderId)) {
        return rs.next() && rs.getString(1).equals("FILLED");
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM deal WHERE order_id = " + orderId)) {
      rs.next();
      assertThat(rs.getLong(1)).as("filled once").isEqualTo(1);
    }
  }

  @Test
  void aSessionRejectOfTheOrderAtTheFirstLpIsFilledByTheNextInTheSameRequest() throws Exception {
    String token = api.loginTrader("trader2", PASSWORD);
    awaitFill(token);
    control("/lps/LP1/orders/session-reject");
    control("/lps/LP2/orders/session-reject");
    JsonObject rejected = order(token, "0.21");
    // Both LPs refused at session level: a definitive answer, not SENT_TO_LP and a wait for UNKNOWN.
    assertThat(rejected.getString("status")).as(rejected.encode()).isEqualTo("REJECTED");
    assertThat(rejected.encode()).contains("refused the order").contains("session Reject");
    control("/reset");
    control("/lps/LP1/orders/session-reject");
    JsonObject filled = order(token, "0.22");
    assertThat(filled.getString("status")).as(filled.encode()).isEqualTo("FILLED");
    assertThat(dealQuote(filled).getString("askLp")).isEqualTo("LP2");
    assertThat(executions(filled.getLong("orderId"), "refused-%")).as("LP1's refusal is on record").isEqualTo(1);
  }

  @Test
  void aBusinessMessageRejectOfTheOrderIsADefinitiveRejectWithTheLpsWords() throws Exception {
    String token = api.loginTrader("trader2", PASSWORD);
    awaitFill(token);
    control("/lps/LP1/orders/business-reject");
    control("/lps/LP2/orders/business-reject");
    JsonObject rejected = order(token, "0.23");
    assertThat(rejected.getString("status")).as(rejected.encode()).isEqualTo("REJECTED");
    assertThat(rejected.encode()).contains("BusinessMessageReject");
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT status FROM trade_order WHERE id = " + rejected.getLong("orderId"))) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("REJECTED");
    }
  }

  @Test
  void anOrderAtAnLpThatRefusesStatusRequestsStaysUnknownWithWhyAndADealerSettlesItOnTheLpsConfirmation()
    throws Exception {
    String token = api.loginTrader("trader2", PASSWORD);
    JsonObject earlier = Eventually.value(() -> order(token, "0.01"), r -> "FILLED".equals(r.getString("status")));
    for (String lp : new String[] {"LP1", "LP2"}) {
      control("/lps/" + lp + "/orders/hang");
      control("/lps/" + lp + "/orders/refuse-status");
    }
    JsonObject pending = order(token, "0.40");
    assertThat(pending.getString("status")).as(pending.encode()).isEqualTo("SENT_TO_LP");
    long orderId = pending.getLong("orderId");
    String note = Eventually.value(() -> lpNote(orderId), n -> n != null && n.startsWith("UNKNOWN"));
    assertThat(note).contains("does not answer status requests").contains("BusinessMessageReject");

    String admin = api.loginStaff("admin", PASSWORD);
    HttpResponse<String> desk = api.get("/api/admin/v1/lp-orders?accountId=100003", admin);
    assertThat(desk.statusCode()).as(desk.body()).isEqualTo(200);
    assertThat(Http.json(desk).getJsonArray("orders").stream().map(JsonObject.class::cast)
      .filter(o -> o.getLong("id") == orderId).findFirst().orElseThrow().getString("lpNote")).isEqualTo(note);

    JsonObject settlement = new JsonObject().put("outcome", "FILLED").put("price", "1.10000").put("lpExecId", "LPX-E77")
      .put("confirmation", "LP desk by phone: filled 40000 EURUSD at 1.10000, exec LPX-E77")
      .put("reason", "LP silent, confirmed by phone");
    HttpResponse<String> notUnknown = api.post("/api/admin/v1/accounts/100003/orders/" + earlier.getLong("orderId")
      + "/settle", settlement, admin);
    assertThat(notUnknown.statusCode()).as(notUnknown.body()).isEqualTo(409);
    assertThat(ApiClient.code(notUnknown)).isEqualTo("ORDER_NOT_UNKNOWN");
    HttpResponse<String> badPrice = api.post("/api/admin/v1/accounts/100003/orders/" + orderId + "/settle",
      settlement.copy().put("price", "1e3"), admin);
    assertThat(badPrice.statusCode()).as(badPrice.body()).isEqualTo(400);

    HttpResponse<String> settled = api.post("/api/admin/v1/accounts/100003/orders/" + orderId + "/settle", settlement,
      admin);
    assertThat(settled.statusCode()).as(settled.body()).isEqualTo(200);
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT o.status, (SELECT count(*) FROM deal d WHERE d.order_id = o.id), "
           + "(SELECT count(*) FROM audit_log a WHERE a.action = 'settleLpOrder' AND a.target_id = o.id::text "
           + "AND a.after::text LIKE '%LPX-E77%'), "
           + "(SELECT count(*) FROM lp_execution x WHERE x.order_id = o.id AND x.exec_id = 'manual-LPX-E77') "
           + "FROM trade_order o WHERE o.id = " + orderId)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("FILLED");
      assertThat(rs.getLong(2)).as("one deal").isEqualTo(1);
      assertThat(rs.getLong(3)).as("audited with the LP's confirmation").isEqualTo(1);
      assertThat(rs.getLong(4)).as("the execution on record under the LP's ExecID").isEqualTo(1);
    }
    HttpResponse<String> again = api.post("/api/admin/v1/accounts/100003/orders/" + orderId + "/settle", settlement, admin);
    assertThat(again.statusCode()).as("settled once: " + again.body()).isEqualTo(409);
  }

  private static String lpNote(long orderId) {
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT lp_note FROM trade_order WHERE id = " + orderId)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long executions(long orderId, String execIdLike) throws java.sql.SQLException {
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM lp_execution WHERE order_id = " + orderId
           + " AND exec_id LIKE '" + execIdLike + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static JsonObject dealQuote(JsonObject result) {
    return result.getJsonArray("events").stream().map(JsonObject.class::cast)
      .filter(e -> e.getString("type").equals("deal.executed")).findFirst().orElseThrow()
      .getJsonObject("deal").getJsonObject("quote");
  }

  private static void control(String path) {
    HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control + path))
      .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(r.statusCode()).as(path + ": " + r.body()).isLessThan(300);
  }

  private static JsonObject order(String token, String volume) {
    return Http.json(api.post("/api/v1/orders", new JsonObject().put("accountId", 100003).put("symbol", "EURUSD")
      .put("side", "BUY").put("type", "MARKET").put("volume", volume), token));
  }

  /** Waits until the LP sessions and prices are up (an order fills). */
  private static void awaitFill(String token) {
    Eventually.await("an A-Book fill", Duration.ofSeconds(90), () -> "FILLED".equals(order(token, "0.01").getString("status")));
  }

  @Test
  void aMarketOrderOfAnABookGroupIsFilledByTheLpOverFix() throws Exception {
    String token = api.loginTrader("trader2", PASSWORD);
    AtomicReference<JsonObject> filled = new AtomicReference<>();
    Eventually.await("an A-Book fill once the LP sessions and prices are up", Duration.ofSeconds(90), () -> {
      HttpResponse<String> r = api.post("/api/v1/orders", new JsonObject().put("accountId", 100003)
        .put("symbol", "EURUSD").put("side", "BUY").put("type", "MARKET").put("volume", "0.10"), token);
      JsonObject body = Http.json(r);
      String reason = body.getString("reason");
      if (r.statusCode() == 422 && ("ROUTING_UNAVAILABLE".equals(reason) || "NO_QUOTE".equals(reason)
        || "SYMBOL_STALE".equals(reason))) {
        return false; // not connected or not priced yet
      }
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      filled.set(body);
      return true;
    });
    JsonObject result = filled.get();
    assertThat(result.getString("status")).isEqualTo("FILLED");
    JsonObject deal = result.getJsonArray("events").stream().map(JsonObject.class::cast)
      .filter(e -> e.getString("type").equals("deal.executed")).findFirst().orElseThrow().getJsonObject("deal");
    String lp = deal.getJsonObject("quote").getString("askLp");
    assertThat(lp).isIn("LP1", "LP2");
    assertThat(deal.getString("price")).isEqualTo(deal.getJsonObject("quote").getString("ask"));
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT o.status, o.lp, (SELECT count(*) FROM lp_execution x WHERE x.order_id = o.id) "
           + "FROM trade_order o WHERE o.id = " + result.getLong("orderId"))) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("FILLED");
      assertThat(rs.getString(2)).isEqualTo(lp);
      assertThat(rs.getLong(3)).isGreaterThanOrEqualTo(1);
    }
  }
}
