package com.rtx.execution;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "why" of every order over the real port, with real FIX to the LP simulator: trader1's
 * B-Book account 100001 and trader2's account 100003, routed A-Book by rule 9001 at its settings
 * version 2 (seeded before the engine starts, as an admin change would leave it). The record of a
 * B-Book fill, an A-Book fill (LP, LP price, markup, stage times in order), an LP-rejected order;
 * another trader's order and hostile ids answered like absent ones (never a 5xx, the field named);
 * the admin blotter's record equal to the trader's, and refused without orders.read; stop-outs
 * listed newest first and paged.
 */
@Timeout(300)
class ExecutionRecordIT {

  private static final String PASSWORD = "why-Pa55word-15";
  private static final String STAFF_PASSWORD = "why-staff-Pa55word-15";
  private static final MutableClock CLOCK = new MutableClock();
  private static PgTarget database;
  private static Engine engine;
  private static ApiClient api;
  private static int control;
  private static String trader1;
  private static String trader2;

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestInfra.execute(database, "INSERT INTO routing_rule (id, priority, account_id, action, comment) "
      + "VALUES (9001, 9001, 100003, 'A_BOOK', 'issue 15')");
    TestInfra.execute(database, "INSERT INTO settings_version (entity_type, entity_key, version, snapshot, change, at) VALUES "
      + "('routing-rule', '9001', 1, '{}', 'BASELINE', now()), ('routing-rule', '9001', 2, '{}', 'UPDATE', now())");
    TestInfra.execute(database, "INSERT INTO stop_out (account_id, time, group_version, evidence) VALUES "
      + "(100001, '2026-01-05T10:00:00Z', 1, '{\"accountId\":100001,\"group\":\"retail-hedging\",\"steps\":[]}'), "
      + "(100001, '2026-01-06T10:00:00Z', 2, '{\"accountId\":100001,\"group\":\"retail-hedging\",\"steps\":[{\"positionId\":7}]}'), "
      + "(100003, '2026-01-07T10:00:00Z', 1, '{\"accountId\":100003}')");
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "lp-sim,pricing,router,dealing,gateway,admin")
      .env("RTX_DEMO_ENABLED", "true").env("RTX_DEMO_PASSWORD", PASSWORD)
      .env("RTX_LPSIM_PORT", String.valueOf(Ports.free())).env("RTX_LPSIM_CONTROL_PORT", String.valueOf(control = Ports.free()))
      .env("RTX_DEALING_LP_TIMEOUT_MS", "1000").env("RTX_DEALING_TIMER_MS", "100")
      .env("RTX_PRICING_FIX_RECONNECT_S", "1").env("RTX_ROUTER_RECONNECT_S", "1").env("RTX_ROUTER_ACQUIRE_INTERVAL_MS", "200")
      .env("RTX_ROUTER_STATUS_PUBLISH_MS", "200");
    api = new ApiClient(test.httpPort());
    engine = test.start(CLOCK);
    trader1 = api.loginTrader("trader1", PASSWORD);
    trader2 = api.loginTrader("trader2", PASSWORD);
    // The LP sessions and prices are up once an A-Book order fills.
    Eventually.await("an A-Book fill", Duration.ofSeconds(90), () -> "FILLED".equals(order(trader2, 100003, "0.01")
      .getString("status")));
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @AfterEach
  void resetSimulator() {
    control("/reset");
  }

  @Test
  void aBookBookFillShowsTheGroupDefaultTheQuoteAndItsStages() {
    JsonObject filled = order(trader1, 100001, "0.10");
    assertThat(filled.getString("status")).as(filled.encode()).isEqualTo("FILLED");
    JsonObject record = record(trader1, 100001, filled.getLong("orderId"));
    assertThat(record.getString("book")).isEqualTo("B_BOOK");
    assertThat(record.getString("status")).isEqualTo("FILLED");
    JsonObject routing = record.getJsonObject("routing");
    assertThat(routing.getString("decision")).isEqualTo("B_BOOK");
    assertThat(routing.getValue("ruleId")).as("the group's default decided").isNull();
    assertThat(routing.getString("reason")).contains("group retail-hedging default");
    JsonObject quote = record.getJsonObject("quote");
    assertThat(quote.getString("symbol")).isEqualTo("EURUSD");
    assertThat(quote.getLong("sequence")).isPositive();
    assertThat(quote.getString("askLp")).isIn("LP1", "LP2");
    assertThat(record.getJsonArray("fills")).hasSize(1);
    assertThat(record.getJsonArray("fills").getJsonObject(0).getString("price")).isEqualTo(quote.getString("ask"));
    assertThat(record.getValue("lp")).isNull();
    assertThat(record.getValue("markup")).isNull();
    JsonObject times = record.getJsonObject("times");
    assertThat(times.getValue("sentToLp")).isNull();
    assertThat(times.getValue("lpAcknowledged")).isNull();
    // A B-Book fill is decided in the batch that took the order in and is durable when that batch commits;
    // the answer leaves after the commit (its time is written with the shard's next write or timer tick).
    times = acknowledged(trader1, 100001, filled.getLong("orderId"));
    assertOrdered(times, "received", "filled", "committed", "acknowledged");
    assertThat(times.getString("filled")).isEqualTo(times.getString("received"));
  }

  @Test
  void anABookFillShowsTheRuleAndVersionTheLpItsPriceAndEveryStageInOrder() {
    JsonObject filled = order(trader2, 100003, "0.10");
    assertThat(filled.getString("status")).as(filled.encode()).isEqualTo("FILLED");
    JsonObject record = record(trader2, 100003, filled.getLong("orderId"));
    assertThat(record.getString("book")).isEqualTo("A_BOOK");
    JsonObject routing = record.getJsonObject("routing");
    assertThat(routing.getString("decision")).isEqualTo("A_BOOK");
    assertThat(routing.getLong("ruleId")).isEqualTo(9001L);
    assertThat(routing.getLong("ruleVersion")).as("the version the rule had when it decided").isEqualTo(2L);
    assertThat(routing.getString("reason")).startsWith("rule 9001").contains("account 100003");
    JsonObject lp = record.getJsonObject("lp");
    String dealLp = record.getJsonObject("quote").getString("askLp");
    assertThat(lp.getString("name")).isIn("LP1", "LP2").isEqualTo(dealLp);
    assertThat(lp.getString("clOrdId")).startsWith("100003-" + filled.getLong("orderId") + "-");
    assertThat(lp.getString("price")).as("the LP's own price").isNotNull();
    assertThat(lp.getJsonArray("executions").stream().map(JsonObject.class::cast).map(x -> x.getString("execType")))
      .contains("FILL");
    // The raw profile of pro-abook adds no markup: the client price is the LP's and the markup is zero.
    assertThat(new java.math.BigDecimal(record.getJsonArray("fills").getJsonObject(0).getString("price")))
      .isEqualByComparingTo(lp.getString("price"));
    assertThat(record.getJsonObject("markup").getString("currency")).isEqualTo("USD");
    assertThat(new java.math.BigDecimal(record.getJsonObject("markup").getString("amount"))).isZero();
    assertOrdered(acknowledged(trader2, 100003, filled.getLong("orderId")), "received", "committed", "sentToLp",
      "lpAcknowledged", "filled", "acknowledged");
  }

  @Test
  void anOrderEveryLpRejectsShowsTheRejectsWithTheLpsWords() {
    control("/lps/LP1/orders/reject-all");
    control("/lps/LP2/orders/reject-all");
    JsonObject rejected = order(trader2, 100003, "0.20");
    assertThat(rejected.getString("status")).as(rejected.encode()).isEqualTo("REJECTED");
    JsonObject record = record(trader2, 100003, rejected.getLong("orderId"));
    assertThat(record.getString("status")).isEqualTo("REJECTED");
    assertThat(record.getString("rejectReason")).isEqualTo("LP_REJECTED");
    assertThat(record.getString("book")).isEqualTo("A_BOOK");
    assertThat(record.getJsonArray("fills")).isEmpty();
    assertThat(record.getValue("quote")).isNull();
    assertThat(record.getJsonObject("times").getValue("filled")).isNull();
    List<JsonObject> reports = record.getJsonObject("lp").getJsonArray("executions").stream()
      .map(JsonObject.class::cast).toList();
    assertThat(reports).as("both LPs' rejects are on record").hasSize(2)
      .allSatisfy(x -> assertThat(x.getString("execType")).isEqualTo("REJECTED"));
    assertThat(reports.stream().map(x -> x.getString("lp"))).containsExactlyInAnyOrder("LP1", "LP2");
    assertThat(record.getJsonObject("lp").getValue("price")).isNull();
    assertOrdered(acknowledged(trader2, 100003, rejected.getLong("orderId")), "received", "committed", "sentToLp",
      "lpAcknowledged", "acknowledged");
  }

  @Test
  void anotherTradersOrderReadsExactlyAsAnAbsentOne() {
    long theirs = order(trader1, 100001, "0.01").getLong("orderId");
    HttpResponse<String> other = api.get("/api/v1/accounts/100003/orders/" + theirs, trader2);
    HttpResponse<String> absent = api.get("/api/v1/accounts/100003/orders/" + (theirs + 1_000_000), trader2);
    for (HttpResponse<String> r : List.of(other, absent)) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
      assertThat(ApiClient.code(r)).isEqualTo("ORDER_NOT_FOUND");
      assertThat(Http.json(r).getJsonObject("error").getString("field")).isEqualTo("orderId");
    }
    assertThat(other.body().replace(String.valueOf(theirs), "N"))
      .isEqualTo(absent.body().replace(String.valueOf(theirs + 1_000_000), "N"));
    HttpResponse<String> theirAccount = api.get("/api/v1/accounts/100001/orders/" + theirs, trader2);
    assertThat(theirAccount.statusCode()).as(theirAccount.body()).isEqualTo(404);
    assertThat(ApiClient.code(theirAccount)).isEqualTo("ACCOUNT_NOT_FOUND");
    HttpResponse<String> theirStopOuts = api.get("/api/v1/accounts/100001/stop-outs", trader2);
    assertThat(theirStopOuts.statusCode()).as(theirStopOuts.body()).isEqualTo(404);
    assertThat(ApiClient.code(theirStopOuts)).isEqualTo("ACCOUNT_NOT_FOUND");
  }

  @Test
  void hostileIdsAreClientErrorsNamingTheField() {
    String staff = api.loginStaff("dealer", PASSWORD);
    for (String id : List.of("99999999999999999999", "9223372036854775808", "-1", "0", "%00", "1%001", "abc", "1.0",
      "1e3", "%20")) {
      for (String path : List.of("/api/v1/accounts/100001/orders/" + id, "/api/admin/v1/accounts/100001/orders/" + id)) {
        HttpResponse<String> r = api.get(path, path.startsWith("/api/admin") ? staff : trader1);
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(400);
        assertThat(Http.json(r).getJsonObject("error").getString("field")).as(path + " -> " + r.body())
          .isEqualTo("orderId");
      }
      HttpResponse<String> account = api.get("/api/v1/accounts/" + id + "/orders/1", trader1);
      assertThat(account.statusCode()).as(id + " -> " + account.body()).isEqualTo(400);
      assertThat(Http.json(account).getJsonObject("error").getString("field")).as(id + " -> " + account.body())
        .isEqualTo("accountId");
    }
    HttpResponse<String> largest = api.get("/api/v1/accounts/100001/orders/9223372036854775807", trader1);
    assertThat(largest.statusCode()).as(largest.body()).isEqualTo(404);
    assertThat(ApiClient.code(largest)).isEqualTo("ORDER_NOT_FOUND");
  }

  @Test
  void theBlotterShowsTheTradersRecordAndNeedsOrdersRead() {
    JsonObject filled = order(trader2, 100003, "0.03");
    long orderId = filled.getLong("orderId");
    acknowledged(trader2, 100003, orderId); // the record is complete: both reads see the same
    JsonObject traders = record(trader2, 100003, orderId);
    String dealer = api.loginStaff("dealer", PASSWORD);
    HttpResponse<String> blotter = api.get("/api/admin/v1/accounts/100003/orders/" + orderId, dealer);
    assertThat(blotter.statusCode()).as(blotter.body()).isEqualTo(200);
    assertThat(Http.json(blotter)).isEqualTo(traders);
    HttpResponse<String> elsewhere = api.get("/api/admin/v1/accounts/100001/orders/" + orderId, dealer);
    assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(404);
    assertThat(ApiClient.code(elsewhere)).isEqualTo("ORDER_NOT_FOUND");

    String admin = api.loginStaff("admin", PASSWORD);
    HttpResponse<String> created = api.post("/api/admin/v1/staff", new JsonObject().put("username", "why-reader")
      .put("password", STAFF_PASSWORD).put("role", "READ_ONLY"), admin);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    TestInfra.execute(database, "DELETE FROM staff_role_permission WHERE role = 'READ_ONLY' AND permission = 'orders.read'");
    String reader = api.loginStaff("why-reader", STAFF_PASSWORD);
    for (String path : List.of("/api/admin/v1/accounts/100003/orders/" + orderId, "/api/admin/v1/accounts/100003/stop-outs",
      "/api/admin/v1/accounts/100003/orders/abc")) {
      HttpResponse<String> denied = api.get(path, reader);
      assertThat(denied.statusCode()).as(path + " -> " + denied.body()).isEqualTo(403);
      assertThat(ApiClient.code(denied)).isEqualTo("PERMISSION_DENIED");
    }
    HttpResponse<String> asTrader = api.get("/api/admin/v1/accounts/100003/orders/" + orderId, trader2);
    assertThat(asTrader.statusCode()).as("a trader token on the admin API").isEqualTo(401);
  }

  @Test
  void stopOutsAreListedNewestFirstWithTheirEvidenceAndPaged() {
    HttpResponse<String> all = api.get("/api/v1/accounts/100001/stop-outs", trader1);
    assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
    List<JsonObject> stopOuts = Http.json(all).getJsonArray("stopOuts").stream().map(JsonObject.class::cast).toList();
    assertThat(stopOuts).hasSize(2);
    assertThat(stopOuts.get(0).getString("time")).isEqualTo("2026-01-06T10:00:00Z");
    assertThat(stopOuts.get(0).getLong("groupVersion")).isEqualTo(2L);
    assertThat(stopOuts.get(0).getJsonObject("evidence").getJsonArray("steps").getJsonObject(0).getLong("positionId"))
      .isEqualTo(7L);
    assertThat(stopOuts.get(1).getString("time")).isEqualTo("2026-01-05T10:00:00Z");
    assertThat(Http.json(all).containsKey("nextBefore")).isFalse();

    JsonObject first = Http.json(api.get("/api/v1/accounts/100001/stop-outs?limit=1", trader1));
    assertThat(first.getJsonArray("stopOuts")).hasSize(1);
    long next = first.getLong("nextBefore");
    JsonObject second = Http.json(api.get("/api/v1/accounts/100001/stop-outs?limit=1&before=" + next, trader1));
    assertThat(second.getJsonArray("stopOuts").getJsonObject(0).getString("time")).isEqualTo("2026-01-05T10:00:00Z");
    HttpResponse<String> badLimit = api.get("/api/v1/accounts/100001/stop-outs?limit=100000", trader1);
    assertThat(badLimit.statusCode()).as(badLimit.body()).isEqualTo(400);
    assertThat(Http.json(badLimit).getJsonObject("error").getString("field")).isEqualTo("limit");

    String support = api.loginStaff("support", PASSWORD);
    HttpResponse<String> admin = api.get("/api/admin/v1/accounts/100001/stop-outs", support);
    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    assertThat(Http.json(admin)).isEqualTo(Http.json(all));
    HttpResponse<String> none = api.get("/api/admin/v1/accounts/999999/stop-outs", support);
    assertThat(none.statusCode()).as(none.body()).isEqualTo(404);
    assertThat(ApiClient.code(none)).isEqualTo("ACCOUNT_NOT_FOUND");
  }

  private static void assertOrdered(JsonObject times, String... stages) {
    Instant previous = Instant.MIN;
    for (String stage : stages) {
      assertThat(times.getString(stage)).as(stage + " in " + times.encode()).isNotNull();
      Instant at = Instant.parse(times.getString(stage));
      assertThat(at).as(stage + " in " + times.encode()).isAfterOrEqualTo(previous);
      previous = at;
    }
  }

  /** The order's stage times once its answer's time is on record. */
  private static JsonObject acknowledged(String token, long accountId, long orderId) {
    JsonObject[] times = new JsonObject[1];
    Eventually.await("order " + orderId + "'s answer time recorded", Duration.ofSeconds(30), () -> {
      times[0] = record(token, accountId, orderId).getJsonObject("times");
      return times[0].getValue("acknowledged") != null;
    });
    return times[0];
  }

  private static JsonObject record(String token, long accountId, long orderId) {
    HttpResponse<String> r = api.get("/api/v1/accounts/" + accountId + "/orders/" + orderId, token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Http.json(r);
  }

  private static JsonObject order(String token, long accountId, String volume) {
    return Http.json(api.post("/api/v1/orders", new JsonObject().put("accountId", accountId).put("symbol", "EURUSD")
      .put("side", "BUY").put("type", "MARKET").put("volume", volume), token));
  }

  private static void control(String path) {
    HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control + path))
      .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(r.statusCode()).as(path + ": " + r.body()).isLessThan(300);
  }
}
