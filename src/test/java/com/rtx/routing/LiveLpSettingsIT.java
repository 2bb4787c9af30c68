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
import org.junit.jupiter.api.AfterEach;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Business settings changed through the admin API while the engine runs reach every role, over
 * real FIX on 127.0.0.1 against the LP simulator, with real PostgreSQL and Redis: a symbol created
 * live is priced, dealt (B-Book) and sent to an LP (A-Book) without a restart; an LP whose dialect
 * names EURUSD {@code EUR/USD} and counts lots quotes and fills A-Book orders, the client dealing
 * in lots of 100,000 units and the LP seeing lots on the wire, the fill booked at the client's
 * volume; an LP counting gold in lots of its own size (300 oz, ours 100) fills an order it can be
 * sent exactly in its lots, and one it cannot is not sent rounded but rejected with the reason; an
 * LP that takes previously quoted orders only fills a client market order sent as 40=D with its own
 * quote id, and rejects one whose quote it no longer honours.
 */
@Timeout(300)
class LiveLpSettingsIT {

  private static final String PASSWORD = "live-Pa55word";
  private static final MutableClock CLOCK = new MutableClock();
  private static PgTarget database;
  private static Engine engine;
  private static ApiClient api;
  private static int control;

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    // The simulator quotes XBRUSD; the engine does not know it until the admin API creates it.
    TestInfra.execute(database, "DELETE FROM symbol WHERE name = 'XBRUSD'");
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "lp-sim,pricing,router,dealing,gateway,admin")
      .env("RTX_DEMO_ENABLED", "true").env("RTX_DEMO_PASSWORD", PASSWORD)
      .env("RTX_LPSIM_PORT", String.valueOf(Ports.free()))
      .env("RTX_LPSIM_CONTROL_PORT", String.valueOf(control = Ports.free()))
      .env("RTX_DEALING_LP_TIMEOUT_MS", "1000").env("RTX_DEALING_TIMER_MS", "100")
      .env("RTX_PRICING_FIX_RECONNECT_S", "1").env("RTX_ROUTER_RECONNECT_S", "1")
      .env("RTX_ROUTER_ACQUIRE_INTERVAL_MS", "200").env("RTX_ROUTER_STATUS_PUBLISH_MS", "200");
    api = new ApiClient(test.httpPort());
    engine = test.start(CLOCK);
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
    control("/reset", null);
  }

  @Test
  void aSymbolCreatedThroughTheAdminApiIsPricedAndFilledWithoutARestart() throws Exception {
    String trader1 = api.loginTrader("trader1", PASSWORD);
    String trader2 = api.loginTrader("trader2", PASSWORD);
    String admin = api.loginStaff("admin", PASSWORD);
    Eventually.await("prices and LP sessions are up", Duration.ofSeconds(90),
      () -> "FILLED".equals(order(trader2, 100003, "EURUSD", "0.01").getString("status")));
    JsonObject unknown = order(trader1, 100001, "XBRUSD", "0.01");
    assertThat(unknown.getString("status")).as(unknown.encode()).isNotEqualTo("FILLED");

    HttpResponse<String> created = api.post("/api/admin/v1/symbols", new JsonObject().put("name", "XBRUSD")
      .put("baseCurrency", "XBR").put("quoteCurrency", "USD").put("assetClass", "COMMODITY").put("digits", 2)
      .put("contractSize", "1000").put("pipSize", "0.01").put("volumeMin", "0.01").put("volumeMax", "100")
      .put("volumeStep", "0.01").put("marginCurrency", "USD").put("marginRate", "0.10")
      .put("sessions", "MON 01:00-22:00; TUE 01:00-22:00; WED 01:00-22:00; THU 01:00-22:00; FRI 01:00-22:00")
      .put("swapLong", "-1.85").put("swapShort", "0.55").put("tripleSwapDay", "FRIDAY")
      .put("reason", "new CFD"), admin);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    // B-Book: dealing prices and fills it (it listens to the new symbol's quotes).
    JsonObject bBook = Eventually.value(Duration.ofSeconds(60), () -> order(trader1, 100001, "XBRUSD", "0.01"),
      r -> "FILLED".equals(r.getString("status")));
    assertThat(orderRow(bBook.getLong("orderId"))).isEqualTo("FILLED/1/1");
    // A-Book: the router sends it to an LP in units of the new symbol's contract size.
    JsonObject aBook = Eventually.value(Duration.ofSeconds(60), () -> order(trader2, 100003, "XBRUSD", "0.02"),
      r -> "FILLED".equals(r.getString("status")));
    String lp = deal(aBook).getJsonObject("quote").getString("askLp");
    JsonObject atLp = dialect(lp).getJsonObject("lastOrder");
    assertThat(atLp.getString("symbol")).isEqualTo("XBRUSD");
    assertThat(atLp.getString("qty")).as("0.02 lot of 1000 barrels").isEqualTo("20");
    assertThat(orderRow(aBook.getLong("orderId"))).isEqualTo("FILLED/2/2");
  }

  @Test
  void anLpNamingSymbolsItsWayAndCountingLotsQuotesAndFillsABookOrders() throws Exception {
    String trader2 = api.loginTrader("trader2", PASSWORD);
    String admin = api.loginStaff("admin", PASSWORD);
    JsonObject dialect = new JsonObject().put("symbols", new JsonObject().put("EURUSD", "EUR/USD"))
      .put("quantityUnit", "LOTS");
    for (String lp : new String[] {"LP1", "LP2"}) {
      control("/lps/" + lp + "/dialect", dialect);
      HttpResponse<String> changed = api.call("PATCH", "/api/admin/v1/lps/" + lp, new JsonObject()
        .put("quantityUnit", "LOTS").put("symbolNames", new JsonObject().put("EURUSD", "EUR/USD"))
        .put("reason", "LP speaks EUR/USD in lots"), admin);
      assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
      assertThat(Http.json(changed).getJsonObject("state").getJsonObject("symbolNames").getString("EURUSD"))
        .isEqualTo("EUR/USD");
    }
    // Until pricing and the router have reloaded, an order may find no fresh quote or be refused by
    // the LP (which no longer knows "EURUSD"); the first fill the LP received as EUR/USD is the proof.
    JsonObject[] seen = new JsonObject[1];
    JsonObject filled = Eventually.value(Duration.ofSeconds(90), () -> order(trader2, 100003, "EURUSD", "0.10"), r -> {
      if (!"FILLED".equals(r.getString("status"))) {
        return false;
      }
      seen[0] = dialect(deal(r).getJsonObject("quote").getString("askLp")).getJsonObject("lastOrder");
      return seen[0] != null && seen[0].getString("clOrdId").startsWith("100003-" + r.getLong("orderId") + "-");
    });
    assertThat(seen[0].getString("symbol")).isEqualTo("EUR/USD");
    assertThat(seen[0].getString("qty")).as("0.10 lot, in lots").isEqualTo("0.1");
    JsonObject deal = deal(filled);
    assertThat(deal.getString("volume")).isEqualTo("0.10");
    assertThat(deal.getString("price")).isEqualTo(deal.getJsonObject("quote").getString("ask"));
    assertThat(orderRow(filled.getLong("orderId"))).as("status/order volume/deal volume in hundredths of a lot")
      .isEqualTo("FILLED/10/10");
    // The settings are versioned: version 2 of LP1 is this dialect.
    HttpResponse<String> versions = api.get("/api/admin/v1/settings-versions?entityType=lp&key=LP1", admin);
    assertThat(versions.statusCode()).as(versions.body()).isEqualTo(200);
    assertThat(versions.body()).contains("EUR/USD").contains("LOTS");
    // Back to the platform's names: the LP is reset by the test, the setting rolled back.
    for (String lp : new String[] {"LP1", "LP2"}) {
      HttpResponse<String> back = api.call("PATCH", "/api/admin/v1/lps/" + lp, new JsonObject()
        .put("quantityUnit", "UNITS").put("symbolNames", new JsonObject()), admin);
      assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    }
  }

  @Test
  void anLpCountingLotsOfItsOwnSizeFillsWhatItsLotsSayExactlyAndNothingElse() throws Exception {
    String trader2 = api.loginTrader("trader2", PASSWORD);
    String admin = api.loginStaff("admin", PASSWORD);
    // Both LPs: gold in lots of 300 oz (the platform's XAUUSD lot is 100 oz), other symbols in our lots.
    JsonObject sim = new JsonObject().put("quantityUnit", "LOTS").put("lotSizes", new JsonObject().put("XAUUSD", "300"));
    try {
      for (String lp : new String[] {"LP1", "LP2"}) {
        control("/lps/" + lp + "/dialect", sim);
        HttpResponse<String> changed = api.call("PATCH", "/api/admin/v1/lps/" + lp, new JsonObject()
          .put("quantityUnit", "LOTS").put("contractSizes", new JsonObject().put("XAUUSD", "300"))
          .put("reason", "LP counts gold in 300-oz lots"), admin);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(Http.json(changed).getJsonObject("state").getJsonObject("contractSizes").getString("XAUUSD"))
          .isEqualTo("300");
      }
      // 0.30 lot = 30 oz = 0.1 of the LP's lots. Until the router reloads it may go out in our lots
      // (0.3): the first fill whose order the LP got as 0.1 is the proof.
      JsonObject[] seen = new JsonObject[1];
      JsonObject filled = Eventually.value(Duration.ofSeconds(90), () -> order(trader2, 100003, "XAUUSD", "0.30"), r -> {
        if (!"FILLED".equals(r.getString("status"))) {
          return false;
        }
        seen[0] = dialect(deal(r).getJsonObject("quote").getString("askLp")).getJsonObject("lastOrder");
        return seen[0] != null && seen[0].getString("clOrdId").startsWith("100003-" + r.getLong("orderId") + "-")
          && "0.1".equals(seen[0].getString("qty"));
      });
      assertThat(seen[0].getString("symbol")).isEqualTo("XAUUSD");
      JsonObject deal = deal(filled);
      assertThat(deal.getString("volume")).as("the LP's 0.1 of 300 oz, back in our lots").isEqualTo("0.30");
      assertThat(orderRow(filled.getLong("orderId"))).as("status/order volume/deal volume in hundredths of a lot")
        .isEqualTo("FILLED/30/30");
      assertThat(positionVolume(filled.getLong("orderId"))).as("position volume in hundredths of a lot").isEqualTo(30);

      // 0.10 lot = 10 oz = 0.0333… of the LP's lots: neither LP is sent it; the order is rejected
      // with the reason (once the router has both LPs' sizes, which the fill above shows for one, and
      // there is a fresh quote: a SYMBOL_STALE refusal is retried).
      JsonObject refused = Eventually.value(Duration.ofSeconds(60), () -> order(trader2, 100003, "XAUUSD", "0.10"),
        r -> "REJECTED".equals(r.getString("status")) && r.encode().contains("UNSUPPORTED"));
      assertThat(refused.encode()).contains("0.10 lots of XAUUSD (10 units)")
        .contains("300 units");
      assertThat(orderRow(refused.getLong("orderId"))).startsWith("REJECTED/10/");
      // Nothing reached an LP: the last order each LP got is not this one.
      for (String lp : new String[] {"LP1", "LP2"}) {
        JsonObject last = dialect(lp).getJsonObject("lastOrder");
        assertThat(last == null ? "" : last.getString("clOrdId")).doesNotStartWith("100003-" + refused.getLong("orderId") + "-");
      }
      HttpResponse<String> versions = api.get("/api/admin/v1/settings-versions?entityType=lp&key=LP1", admin);
      assertThat(versions.body()).as("versioned").contains("contractSizes").contains("300");
    } finally {
      for (String lp : new String[] {"LP1", "LP2"}) {
        HttpResponse<String> back = api.call("PATCH", "/api/admin/v1/lps/" + lp, new JsonObject()
          .put("quantityUnit", "UNITS").put("contractSizes", new JsonObject()), admin);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
      }
    }
  }

  @Test
  void anLpDialectThatCannotBeSpokenIsRefusedNamingTheField() {
    String admin = api.loginStaff("admin", PASSWORD);
    assertRefused(admin, new JsonObject().put("symbolNames", new JsonObject().put("EURXXX", "EUR/XXX")), 422,
      "INVALID_SETTING", "symbolNames.EURXXX");
    assertRefused(admin, new JsonObject().put("symbolNames", new JsonObject().put("EURUSD", "FX1").put("GBPUSD", "FX1")),
      422, "INVALID_SETTING", "symbolNames.GBPUSD");
    assertRefused(admin, new JsonObject().put("symbolNames", new JsonObject().put("EURUSD", "USDJPY")), 422,
      "INVALID_SETTING", "symbolNames.EURUSD");
    assertRefused(admin, new JsonObject().put("symbolNames", new JsonObject().put("EURUSD", "EUR\u0001USD")), 422,
      "INVALID_SETTING", "symbolNames.EURUSD");
    assertRefused(admin, new JsonObject().put("symbolNames", new JsonObject().put("EURUSD", "")), 400,
      "VALIDATION_INVALID_VALUE", "symbolNames.EURUSD");
    assertRefused(admin, new JsonObject().put("symbolNames", new JsonObject().put("EURUSD", "EUR\u0000USD")), 400,
      "VALIDATION_INVALID_VALUE", "symbolNames.EURUSD");
    assertRefused(admin, new JsonObject().put("symbolNames", new JsonObject().put("EURUSD", "E".repeat(33))), 400,
      "VALIDATION_INVALID_VALUE", "symbolNames.EURUSD");
    assertRefused(admin, new JsonObject().put("quantityUnit", "BARRELS"), 400, "VALIDATION_INVALID_VALUE",
      "quantityUnit");
    // contractSizes: a symbol of ours, a plain positive decimal of sane size, for an LP counting lots.
    assertRefused(admin, lots(new JsonObject().put("XAUXXX", "100")), 422, "INVALID_SETTING", "contractSizes.XAUXXX");
    for (String bad : new String[] {"0", "0.00", "-100", "NaN", "Infinity", "1e3", "1234567890123", "0.000000001",
      " 100"}) {
      assertRefused(admin, lots(new JsonObject().put("XAUUSD", bad)), 422, "INVALID_SETTING", "contractSizes.XAUUSD");
    }
    assertRefused(admin, new JsonObject().put("contractSizes", new JsonObject().put("XAUUSD", "100")), 422,
      "INVALID_SETTING", "contractSizes");
    assertRefused(admin, lots(new JsonObject().put("XAUUSD", 100)), 400, "VALIDATION_INVALID_VALUE",
      "contractSizes.XAUUSD");
    JsonObject lp1 = Http.json(api.get("/api/admin/v1/lps", admin)).getJsonArray("lps").stream()
      .map(JsonObject.class::cast).filter(lp -> lp.getString("name").equals("LP1")).findFirst().orElseThrow();
    assertThat(lp1.getString("quantityUnit")).as("nothing refused was stored").isEqualTo("UNITS");
    assertThat(lp1.getJsonObject("symbolNames")).isEqualTo(new JsonObject());
    assertThat(lp1.getJsonObject("contractSizes")).isEqualTo(new JsonObject());
  }

  /** A change to a lots-counting LP with these contract sizes. */
  private static JsonObject lots(JsonObject contractSizes) {
    return new JsonObject().put("quantityUnit", "LOTS").put("contractSizes", contractSizes);
  }

  /**
   * An execution profile is stored only if the router can load it: engine-owned tags, a style whose
   * TIF is not listed, NUL or SOH in a value, out-of-range deviations are refused naming the field,
   * and nothing refused is stored. A valid one reads back as saved.
   */
  @Test
  void anExecutionProfileTheRouterCouldNotLoadIsRefusedNamingTheField() {
    String admin = api.loginStaff("admin", PASSWORD);
    refusedUnder(admin, new JsonObject().put("fixedTags", new JsonObject().put("35", "D")), 422, "executionProfile.fixedTags");
    refusedUnder(admin, new JsonObject().put("fixedTags", new JsonObject().put("44", "9.99")), 422, "executionProfile.fixedTags");
    refusedUnder(admin, new JsonObject().put("orderStyle", "LIMIT_IOC").put("timesInForce", new io.vertx.core.json.JsonArray()
      .add("FOK")), 422, "executionProfile.timesInForce");
    refusedUnder(admin, new JsonObject().put("orderStyle", "QUOTED"), 400, "executionProfile");
    refusedUnder(admin, new JsonObject().put("orderStyle", "PREVIOUSLY_QUOTED").put("timesInForce",
      new io.vertx.core.json.JsonArray().add("GTC")), 422, "executionProfile.timesInForce");
    refusedUnder(admin, new JsonObject().put("maxDeviationPoints", -1), 400, "executionProfile");
    refusedUnder(admin, new JsonObject().put("maxDeviationPoints", new java.math.BigDecimal("1e308")), 400, "executionProfile");
    refusedUnder(admin, new JsonObject().put("account", "A\u0000B"), 400, "executionProfile");
    refusedUnder(admin, new JsonObject().put("fixedTags", new JsonObject().put("5001", "a\u0001b")), 400, "executionProfile");
    refusedUnder(admin, new JsonObject().put("fixedTags", new JsonObject().put("-1", "x")), 400, "executionProfile");
    refusedUnder(admin, new JsonObject().put("surprise", true), 400, "executionProfile");
    JsonObject lp1 = lp1(admin);
    assertThat(lp1.getValue("executionProfile")).as("nothing refused was stored").isNull();

    JsonObject profile = new JsonObject().put("orderStyle", "LIMIT_FOK").put("maxDeviationPoints", 5)
      .put("timesInForce", new io.vertx.core.json.JsonArray().add("FOK").add("IOC")).put("statusRequests", false)
      .put("account", "HOUSE-1").put("handlInst", "1").put("fixedTags", new JsonObject().put("5001", "desk-a"));
    HttpResponse<String> saved = api.call("PATCH", "/api/admin/v1/lps/LP1", new JsonObject().put("executionProfile", profile)
      .put("reason", "LP1 takes limits only"), admin);
    try {
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
      assertThat(lp1(admin).getJsonObject("executionProfile")).isEqualTo(profile);
    } finally {
      HttpResponse<String> back = api.call("PATCH", "/api/admin/v1/lps/LP1", new JsonObject().putNull("executionProfile")
        .put("reason", "back to the default profile"), admin);
      assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    }
  }

  /**
   * LP1 and LP2 take previously quoted orders only (their profiles, and the simulator session-rejects
   * anything but 40=D) and stamp quote ids; LP1 stops quoting EURUSD, so once pricing has dropped its
   * last quote LP2 makes both sides. The rule (any LP, by name) tries LP1 first: the router refuses
   * it (its quote is not the one behind the ask) and the order goes on to LP2 as 40=D with LP2's
   * quote id and price, filled at that price.
   */
  @Test
  void anLpTakingPreviouslyQuotedOrdersFillsAMarketOrderAgainstItsOwnQuoteId() throws Exception {
    String trader2 = api.loginTrader("trader2", PASSWORD);
    String admin = api.loginStaff("admin", PASSWORD);
    Eventually.await("prices and LP sessions are up", Duration.ofSeconds(90),
      () -> "FILLED".equals(order(trader2, 100003, "EURUSD", "0.01").getString("status")));
    quotedOnly(admin, 5_000);
    try {
      JsonObject[] seen = new JsonObject[1];
      JsonObject filled = Eventually.value(Duration.ofSeconds(90), () -> order(trader2, 100003, "EURUSD", "0.10"), r -> {
        if (!"FILLED".equals(r.getString("status"))) {
          return false;
        }
        seen[0] = dialect("LP2").getJsonObject("lastOrder");
        return seen[0] != null && seen[0].getString("clOrdId").startsWith("100003-" + r.getLong("orderId") + "-")
          && "D".equals(seen[0].getString("ordType")) && "LP2".equals(deal(r).getJsonObject("quote").getString("askLp"));
      });
      assertThat(seen[0].getString("clOrdId")).as("LP1 was refused by the router first: LP2 had attempt 2").endsWith("-2");
      assertThat(seen[0].getString("quoteId")).as("LP2's own id of its ask, on the wire as QuoteID")
        .matches("LP2-Q[0-9a-z]+-[0-9]+A");
      assertThat(seen[0].getString("timeInForce")).as("a client market order is fill-or-kill: FOK, never weakened to IOC")
        .isEqualTo("4");
      JsonObject deal = deal(filled);
      assertThat(new java.math.BigDecimal(deal.getString("price"))).as("filled at the quoted price, no markup in this group")
        .isEqualByComparingTo(seen[0].getString("price"));
      assertThat(orderRow(filled.getLong("orderId"))).isEqualTo("FILLED/10/10");
    } finally {
      defaultProfiles(admin);
    }
  }

  /**
   * The same, but LP2 honours no quote (its ids expire at once): it rejects the 40=D with "quote
   * expired", no LP is left, and the client is rejected with the LP's words.
   */
  @Test
  void aPreviouslyQuotedOrderWhoseQuoteTheLpNoLongerHonoursIsRejectedWithTheLpsReason() throws Exception {
    String trader2 = api.loginTrader("trader2", PASSWORD);
    String admin = api.loginStaff("admin", PASSWORD);
    Eventually.await("prices and LP sessions are up", Duration.ofSeconds(90),
      () -> "FILLED".equals(order(trader2, 100003, "EURUSD", "0.01").getString("status")));
    quotedOnly(admin, 0);
    try {
      JsonObject rejected = Eventually.value(Duration.ofSeconds(90), () -> order(trader2, 100003, "EURUSD", "0.10"),
        r -> "REJECTED".equals(r.getString("status")) && r.encode().contains("quote expired"));
      assertThat(rejected.getString("reason")).as(rejected.encode()).isEqualTo("LP_REJECTED");
      JsonObject atLp = dialect("LP2").getJsonObject("lastOrder");
      assertThat(atLp.getString("clOrdId")).startsWith("100003-" + rejected.getLong("orderId") + "-");
      assertThat(atLp.getString("ordType")).isEqualTo("D");
      assertThat(atLp.getString("quoteId")).matches("LP2-Q[0-9a-z]+-[0-9]+A");
      assertThat(orderRow(rejected.getLong("orderId"))).isEqualTo("REJECTED/10/0");
    } finally {
      defaultProfiles(admin);
    }
  }

  private static void quotedOnly(String admin, long validityMs) {
    for (String lp : new String[] {"LP1", "LP2"}) {
      control("/lps/" + lp + "/quote-ids", new JsonObject().put("on", true).put("validityMs", validityMs));
      control("/lps/" + lp + "/orders/quoted-only", null);
      HttpResponse<String> changed = api.call("PATCH", "/api/admin/v1/lps/" + lp, new JsonObject()
        .put("executionProfile", new JsonObject().put("orderStyle", "PREVIOUSLY_QUOTED"))
        .put("reason", lp + " takes orders against its own quotes only"), admin);
      assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
      assertThat(lpRow(admin, lp).getJsonObject("executionProfile").getString("orderStyle")).isEqualTo("PREVIOUSLY_QUOTED");
    }
    control("/lps/LP1/symbols/EURUSD/stale", null);
  }

  private static void defaultProfiles(String admin) {
    for (String lp : new String[] {"LP1", "LP2"}) {
      HttpResponse<String> back = api.call("PATCH", "/api/admin/v1/lps/" + lp, new JsonObject().putNull("executionProfile")
        .put("reason", "back to the default profile"), admin);
      assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    }
  }

  private static JsonObject lpRow(String admin, String name) {
    return Http.json(api.get("/api/admin/v1/lps", admin)).getJsonArray("lps").stream()
      .map(JsonObject.class::cast).filter(lp -> lp.getString("name").equals(name)).findFirst().orElseThrow();
  }

  private static JsonObject lp1(String admin) {
    return Http.json(api.get("/api/admin/v1/lps", admin)).getJsonArray("lps").stream()
      .map(JsonObject.class::cast).filter(lp -> lp.getString("name").equals("LP1")).findFirst().orElseThrow();
  }

  private static void refusedUnder(String admin, JsonObject profile, int status, String fieldPrefix) {
    HttpResponse<String> r = api.call("PATCH", "/api/admin/v1/lps/LP1", new JsonObject().put("executionProfile", profile), admin);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonObject error = Http.json(r).getJsonObject("error");
    assertThat(error.getString("code")).as(r.body()).startsWith(status == 422 ? "INVALID_SETTING" : "VALIDATION_");
    assertThat(error.getString("field")).as(r.body()).startsWith(fieldPrefix);
  }

  private static void assertRefused(String admin, JsonObject change, int status, String code, String field) {
    HttpResponse<String> r = api.call("PATCH", "/api/admin/v1/lps/LP1", change, admin);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonObject error = Http.json(r).getJsonObject("error");
    assertThat(error.getString("code")).as(r.body()).isEqualTo(code);
    assertThat(error.getString("field")).as(r.body()).isEqualTo(field);
  }

  private static JsonObject order(String token, long account, String symbol, String volume) {
    return Http.json(api.post("/api/v1/orders", new JsonObject().put("accountId", account).put("symbol", symbol)
      .put("side", "BUY").put("type", "MARKET").put("volume", volume), token));
  }

  private static JsonObject deal(JsonObject result) {
    return result.getJsonArray("events").stream().map(JsonObject.class::cast)
      .filter(e -> e.getString("type").equals("deal.executed")).findFirst().orElseThrow().getJsonObject("deal");
  }

  /** {@code status/volume/deal volume} of an order, volumes in hundredths of a lot as stored. */
  private static String orderRow(long orderId) throws java.sql.SQLException {
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT o.status, o.volume, (SELECT sum(d.volume) FROM deal d WHERE d.order_id = o.id) "
           + "FROM trade_order o WHERE o.id = " + orderId)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3);
    }
  }

  /** The volume, in hundredths of a lot, of the position order {@code orderId} dealt into. */
  private static long positionVolume(long orderId) throws java.sql.SQLException {
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT p.volume FROM position p JOIN deal d ON d.position_id = p.id "
           + "WHERE d.order_id = " + orderId)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }

  private static JsonObject dialect(String lp) {
    HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control + "/lps/" + lp
      + "/dialect")).GET());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Http.json(r);
  }

  private static void control(String path, JsonObject body) {
    HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control + path))
      .header("Content-Type", "application/json")
      .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode())));
    assertThat(r.statusCode()).as(path + ": " + r.body()).isLessThan(300);
  }
}
