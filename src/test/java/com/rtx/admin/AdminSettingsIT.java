package com.rtx.admin;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.ApiClient;
import com.rtx.support.Eventually;
import com.rtx.support.Http;
import com.rtx.support.MutableClock;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import com.rtx.support.TestMarket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Versioned business settings over the admin API with roles dealing, admin and gateway on the demo
 * data: a live markup change reaches the next quote, versions list, diff and roll back (each change
 * one audit row and one version; client_group.version follows), trading is disabled and enabled
 * again per symbol and per group, and moving an account between groups reaches its dealing shard.
 */
@Timeout(300)
class AdminSettingsIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static final MutableClock CLOCK = new MutableClock();
  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static ApiClient api;
  private static String admin;

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "dealing,admin,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD).env("RTX_PRICING_STALE_MS", "600000");
    port = test.httpPort();
    api = new ApiClient(port);
    engine = test.start(CLOCK);
    quote("EURUSD", "1.10000", "1.10002");
    admin = api.loginStaff("admin", PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @Test
  void liveGroupMarkupChangeReachesTheNextQuoteAndRollsBack() throws SQLException {
    quote("GBPUSD", "1.25000", "1.25002");
    JsonObject standard = Eventually.value(() -> quoteOf("GBPUSD"), q -> q != null);
    assertThat(standard.getString("bid")).isEqualTo("1.24996");
    assertThat(standard.getString("ask")).isEqualTo("1.25006");

    String requestId = "s-" + UUID.randomUUID();
    HttpResponse<String> changed = api.call("PATCH", "/api/admin/v1/groups/default",
      new JsonObject().put("markupProfile", "raw").put("reason", "promo week"), admin, requestId);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(Http.json(changed).getLong("version")).isEqualTo(2);
    assertThat(Http.json(changed).getJsonObject("state").getString("markupProfile")).isEqualTo("raw");
    assertThat(count("SELECT count(*) FROM audit_log WHERE request_id = '" + requestId + "'")).isEqualTo(1);
    assertThat(count("SELECT version FROM client_group WHERE name = 'default'")).isEqualTo(2);

    quote("GBPUSD", "1.25010", "1.25012");
    JsonObject raw = Eventually.value(() -> quoteOf("GBPUSD"), q -> "1.25010".equals(q.getString("bid")));
    assertThat(raw.getString("bid")).isEqualTo("1.25010");
    assertThat(raw.getString("ask")).isEqualTo("1.25012");

    JsonArray versions = Http.json(api.call("GET", "/api/admin/v1/settings-versions?entityType=group&key=default", null,
      admin)).getJsonArray("versions");
    assertThat(versions).hasSize(2);
    assertThat(versions.getJsonObject(0).getString("change")).isEqualTo("UPDATE");
    assertThat(versions.getJsonObject(0).getString("staff")).isEqualTo("admin");
    assertThat(versions.getJsonObject(1).getString("change")).isEqualTo("BASELINE");
    JsonObject diff = Http.json(api.call("GET", "/api/admin/v1/settings-versions/diff?entityType=group&key=default&from=1&to=2",
      null, admin));
    assertThat(diff.getJsonArray("changes")).containsExactly(new JsonObject().put("field", "markupProfile")
      .put("from", "standard").put("to", "raw"));

    HttpResponse<String> rolledBack = api.call("POST", "/api/admin/v1/groups/default/rollback",
      new JsonObject().put("version", 1).put("reason", "promo over"), admin);
    assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
    assertThat(Http.json(rolledBack).getLong("version")).isEqualTo(3);
    assertThat(count("SELECT version FROM client_group WHERE name = 'default'")).isEqualTo(3);
    quote("GBPUSD", "1.25020", "1.25022");
    JsonObject back = Eventually.value(() -> quoteOf("GBPUSD"), q -> "1.25016".equals(q.getString("bid")));
    assertThat(back.getString("ask")).isEqualTo("1.25026");
    JsonObject noChange = Http.json(api.call("GET",
      "/api/admin/v1/settings-versions/diff?entityType=group&key=default&from=1&to=3", null, admin));
    assertThat(noChange.getJsonArray("changes")).isEmpty();
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'rollbackGroup' AND target_id = 'default'"))
      .isEqualTo(1);
  }

  @Test
  void markupOverridesAndRoutingRulesAreVersionedAcrossDeleteAndRollback() {
    HttpResponse<String> created = api.call("POST", "/api/admin/v1/markup-profiles", new JsonObject().put("name", "vip")
      .put("bidPoints", 1).put("askPoints", 1).put("overrides", new JsonObject().put("XAUUSD",
        new JsonObject().put("bidPoints", 5).put("askPoints", 5).put("minSpreadPoints", 12))), admin);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(Http.json(created).getJsonObject("state").getJsonObject("overrides").getJsonObject("XAUUSD")
      .getInteger("minSpreadPoints")).isEqualTo(12);
    HttpResponse<String> updated = api.call("PATCH", "/api/admin/v1/markup-profiles/vip",
      new JsonObject().put("overrides", new JsonObject()), admin);
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    JsonObject diff = Http.json(api.call("GET",
      "/api/admin/v1/settings-versions/diff?entityType=markup-profile&key=vip&from=1&to=2", null, admin));
    assertThat(diff.getJsonArray("changes")).hasSize(3);
    assertThat(diff.getJsonArray("changes").getJsonObject(0).getString("field")).isEqualTo("overrides.XAUUSD.askPoints");
    assertThat(api.call("POST", "/api/admin/v1/markup-profiles/vip/rollback", new JsonObject().put("version", 1), admin)
      .statusCode()).isEqualTo(200);
    JsonArray profiles = Http.json(api.call("GET", "/api/admin/v1/markup-profiles", null, admin)).getJsonArray("markupProfiles");
    JsonObject vip = profiles.stream().map(JsonObject.class::cast).filter(p -> p.getString("name").equals("vip"))
      .findFirst().orElseThrow();
    assertThat(vip.getJsonObject("overrides").getJsonObject("XAUUSD").getInteger("bidPoints")).isEqualTo(5);

    HttpResponse<String> rule = api.call("POST", "/api/admin/v1/routing-rules", new JsonObject().put("priority", 500)
      .put("symbol", "XAGUSD").put("action", "A_BOOK").put("lps", new JsonArray().add("LP2")).put("enabled", false)
      .put("minVolume", "5"), admin);
    assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
    long id = Http.json(rule).getLong("key");
    assertThat(Http.json(rule).getJsonObject("state").getString("minVolume")).isEqualTo("5");
    assertThat(api.call("DELETE", "/api/admin/v1/routing-rules/" + id, null, admin).statusCode()).isEqualTo(200);
    assertThat(rule(id)).isNull();
    HttpResponse<String> restored = api.call("POST", "/api/admin/v1/routing-rules/" + id + "/rollback",
      new JsonObject().put("version", 1).put("reason", "deleted by mistake"), admin);
    assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
    assertThat(Http.json(restored).getLong("version")).isEqualTo(3);
    assertThat(rule(id).getJsonArray("lps")).containsExactly("LP2");

    HttpResponse<String> limit = api.call("PATCH", "/api/admin/v1/exposure-limits/EURUSD",
      new JsonObject().put("maxNetLots", "20").put("reason", "more room"), admin);
    assertThat(limit.statusCode()).as(limit.body()).isEqualTo(200);
    assertThat(Http.json(limit).getLong("version")).isEqualTo(2);
    assertThat(Http.json(limit).getJsonObject("state").getString("maxNetLots")).isEqualTo("20");
    assertThat(Http.json(api.call("GET", "/api/admin/v1/settings-versions/diff?entityType=exposure-limit&key=EURUSD&from=1&to=2",
      null, admin)).getJsonArray("changes")).containsExactly(new JsonObject().put("field", "maxNetLots").put("from", "10")
      .put("to", "20"));

    HttpResponse<String> inUse = api.call("DELETE", "/api/admin/v1/markup-profiles/standard", null, admin);
    assertThat(inUse.statusCode()).as(inUse.body()).isEqualTo(409);
    HttpResponse<String> invalid = api.call("PATCH", "/api/admin/v1/groups/default", new JsonObject().put("leverage", 0),
      admin);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("leverage");
  }

  @Test
  void tradingIsDisabledAndEnabledAgainPerSymbolAndPerGroup() {
    quote("USDCHF", "0.90000", "0.90002");
    String trader = api.loginTrader("trader1", PASSWORD);
    JsonObject order = new JsonObject().put("accountId", 100001).put("symbol", "USDCHF").put("side", "BUY")
      .put("type", "MARKET").put("volume", "0.01");

    assertThat(api.call("PATCH", "/api/admin/v1/symbols/USDCHF", new JsonObject().put("enabled", false)
      .put("reason", "corporate action"), admin).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = Eventually.value(() -> api.call("POST", "/api/v1/orders", order, trader), r -> r.statusCode() == 422);
    assertThat(Http.json(refused).getString("reason")).as(refused.body()).isEqualTo("SYMBOL_DISABLED");
    assertThat(api.call("PATCH", "/api/admin/v1/symbols/USDCHF", new JsonObject().put("enabled", true), admin).statusCode())
      .isEqualTo(200);
    HttpResponse<String> filled = Eventually.value(() -> api.call("POST", "/api/v1/orders", order, trader), r -> r.statusCode() == 200);
    assertThat(Http.json(filled).getString("status")).as(filled.body()).isEqualTo("FILLED");

    assertThat(api.call("PATCH", "/api/admin/v1/groups/retail-hedging", new JsonObject().put("tradingEnabled", false)
      .put("reason", "group review"), admin).statusCode()).isEqualTo(200);
    HttpResponse<String> halted = Eventually.value(() -> api.call("POST", "/api/v1/orders", order, trader), r -> r.statusCode() == 422);
    assertThat(Http.json(halted).getString("reason")).as(halted.body()).isEqualTo("GROUP_DISABLED");
    assertThat(api.call("PATCH", "/api/admin/v1/groups/retail-hedging", new JsonObject().put("tradingEnabled", true), admin)
      .statusCode()).isEqualTo(200);
    HttpResponse<String> again = Eventually.value(() -> api.call("POST", "/api/v1/orders", order, trader), r -> r.statusCode() == 200);
    assertThat(Http.json(again).getString("status")).as(again.body()).isEqualTo("FILLED");
  }

  @Test
  void movingAnIdleAccountToAnotherGroupReachesItsDealingShard() {
    quote("AUDUSD", "0.65000", "0.65002");
    assertThat(api.call("POST", "/api/admin/v1/groups", new JsonObject().put("name", "halted").put("markupProfile", "raw")
      .put("tradingEnabled", false), admin).statusCode()).isEqualTo(201);
    HttpResponse<String> created = api.call("POST", "/api/admin/v1/traders", new JsonObject().put("username", "mover")
      .put("password", PASSWORD).put("group", "retail-hedging").put("mode", "HEDGING"), admin);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long accountId = Http.json(created).getJsonObject("account").getLong("accountId");
    assertThat(api.call("POST", "/api/admin/v1/accounts/" + accountId + "/balance", new JsonObject().put("type", "DEPOSIT")
      .put("amount", "1000").put("reason", "funding"), admin).statusCode()).isEqualTo(200);
    // Staff chose the password: the trader must change it before trading (issue 12).
    HttpResponse<String> changed = api.call("POST", "/api/v1/auth/password", new JsonObject().put("currentPassword", PASSWORD)
      .put("newPassword", "mover-" + PASSWORD), api.loginTrader("mover", PASSWORD));
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    String trader = Http.json(changed).getString("accessToken");
    JsonObject order = new JsonObject().put("accountId", accountId).put("symbol", "AUDUSD").put("side", "BUY")
      .put("type", "MARKET").put("volume", "0.01");
    HttpResponse<String> opened = Eventually.value(() -> api.call("POST", "/api/v1/orders", order, trader), r -> r.statusCode() == 200);
    assertThat(Http.json(opened).getString("status")).as(opened.body()).isEqualTo("FILLED");
    long positionId = Http.json(api.call("GET", "/api/admin/v1/positions?accountId=" + accountId, null, admin))
      .getJsonArray("positions").getJsonObject(0).getLong("id");

    HttpResponse<String> busy = api.call("PUT", "/api/admin/v1/accounts/" + accountId + "/group",
      new JsonObject().put("group", "halted").put("reason", "review"), admin);
    assertThat(busy.statusCode()).isEqualTo(409);
    assertThat(api.call("POST", "/api/admin/v1/accounts/" + accountId + "/positions/" + positionId + "/close",
      new JsonObject().put("reason", "before the move"), admin).statusCode()).isEqualTo(200);

    HttpResponse<String> moved = api.call("PUT", "/api/admin/v1/accounts/" + accountId + "/group",
      new JsonObject().put("group", "halted").put("reason", "review"), admin);
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    assertThat(Http.json(moved).getJsonObject("dealing").getBoolean("reloaded")).as(moved.body()).isTrue();
    HttpResponse<String> refused = api.call("POST", "/api/v1/orders", order, trader);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertThat(Http.json(refused).getString("reason")).isEqualTo("GROUP_DISABLED");

    assertThat(api.call("PUT", "/api/admin/v1/accounts/" + accountId + "/group",
      new JsonObject().put("group", "retail-hedging").put("reason", "review done"), admin).statusCode()).isEqualTo(200);
    assertThat(Http.json(api.call("POST", "/api/v1/orders", order, trader)).getString("status")).isEqualTo("FILLED");
  }

  /**
   * What is booked in a symbol keeps its meaning: while a position holds USDCAD, its digits and
   * currencies cannot change and it cannot be deleted (the shard would lose the quote that values the
   * account); terms that reprice nothing booked still change, and once nothing holds it, all do.
   */
  @Test
  void aHeldSymbolKeepsItsBookedTermsUntilNothingHoldsIt() {
    quote("USDCAD", "1.36000", "1.36002");
    String trader = api.loginTrader("trader1", PASSWORD);
    JsonObject order = new JsonObject().put("accountId", 100001).put("symbol", "USDCAD").put("side", "BUY")
      .put("type", "MARKET").put("volume", "0.01");
    HttpResponse<String> opened = Eventually.value(() -> api.call("POST", "/api/v1/orders", order, trader), r -> r.statusCode() == 200);
    assertThat(Http.json(opened).getString("status")).as(opened.body()).isEqualTo("FILLED");

    HttpResponse<String> digits = api.call("PATCH", "/api/admin/v1/symbols/USDCAD", new JsonObject().put("digits", 4)
      .put("reason", "re-scale"), admin);
    assertThat(digits.statusCode()).as(digits.body()).isEqualTo(409);
    assertThat(Http.json(digits).getJsonObject("error").getString("code")).isEqualTo("SYMBOL_IN_USE");
    assertThat(Http.json(digits).getJsonObject("error").getString("field")).isEqualTo("digits");
    HttpResponse<String> currency = api.call("PATCH", "/api/admin/v1/symbols/USDCAD",
      new JsonObject().put("quoteCurrency", "CHF"), admin);
    assertThat(currency.statusCode()).as(currency.body()).isEqualTo(409);
    HttpResponse<String> deleted = api.call("DELETE", "/api/admin/v1/symbols/USDCAD", null, admin);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(409);
    assertThat(Http.json(deleted).getJsonObject("error").getString("code")).isEqualTo("SYMBOL_IN_USE");
    assertThat(api.call("PATCH", "/api/admin/v1/symbols/USDCAD", new JsonObject().put("swapLong", "1.50"), admin)
      .statusCode()).isEqualTo(200);

    for (Object p : Http.json(api.call("GET", "/api/admin/v1/positions?accountId=100001", null, admin))
      .getJsonArray("positions")) {
      JsonObject position = (JsonObject) p;
      if ("USDCAD".equals(position.getString("symbol"))) {
        assertThat(api.call("POST", "/api/admin/v1/accounts/100001/positions/" + position.getLong("id") + "/close",
          new JsonObject().put("reason", "wind down"), admin).statusCode()).isEqualTo(200);
      }
    }
    assertThat(api.call("PATCH", "/api/admin/v1/symbols/USDCAD", new JsonObject().put("digits", 4), admin).statusCode())
      .isEqualTo(200);
    assertThat(api.call("PATCH", "/api/admin/v1/symbols/USDCAD", new JsonObject().put("digits", 5), admin).statusCode())
      .isEqualTo(200);
  }

  // ---- helpers ----

  private static void quote(String symbol, String bid, String ask) {
    TestMarket.quote(engine.vertx(), CLOCK, symbol, bid, ask);
  }

  private static JsonObject rule(long id) {
    return Http.json(api.call("GET", "/api/admin/v1/routing-rules", null, admin)).getJsonArray("routingRules").stream()
      .map(JsonObject.class::cast).filter(r -> r.getLong("id") == id).findFirst().orElse(null);
  }

  private static JsonObject quoteOf(String symbol) {
    JsonArray quotes = Http.json(Http.get(port, "/api/v1/quotes?symbols=" + symbol)).getJsonArray("quotes");
    return quotes.isEmpty() ? null : quotes.getJsonObject(0);
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

}
