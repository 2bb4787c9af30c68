package com.rtx.gateway;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.ApiClient;
import com.rtx.support.Http;
import com.rtx.support.MutableClock;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trading over REST through the real port: trader1 (accounts 100001 hedging, 100002 netting) and
 * trader2 (100003, A-Book) log in with the demo password; the test publishes the LP quotes on the
 * bus as pricing would, with the clock on a Wednesday noon so sessions are open.
 */
@Timeout(180)
class TradingApiIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static final MutableClock CLOCK = new MutableClock();
  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static int managementPort;
  private static ApiClient api;
  private static String trader1;
  private static String trader2;

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "dealing,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD).env("RTX_PRICING_STALE_MS", "600000");
    port = test.httpPort();
    api = new ApiClient(port);
    managementPort = test.managementPort();
    engine = test.start(CLOCK);
    quote("EURUSD", "1.10000", "1.10002");
    quote("XAUUSD", "2000.00", "2000.30");
    trader1 = api.loginTrader("trader1", PASSWORD);
    trader2 = api.loginTrader("trader2", PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @Test
  void aTraderSeesBalanceEquityAndMarginOfTheirAccount() {
    HttpResponse<String> response = api.get("/api/v1/accounts/100001", trader1);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject account = Http.json(response).getJsonObject("account");
    assertThat(account.getString("currency")).isEqualTo("USD");
    assertThat(account.getString("balance")).isNotNull();
    assertThat(account.getString("equity")).isNotNull();
    assertThat(account.getString("freeMargin")).isNotNull();
  }

  @Test
  void marketOrderFillsAndShowsInPositionsDealsAndLedger() {
    HttpResponse<String> placed = api.post("/api/v1/orders", order("BUY", "MARKET", "0.10").put("clientOrderId", "rest-1"),
      trader1);
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
    JsonObject result = Http.json(placed);
    assertThat(result.getString("status")).isEqualTo("FILLED");
    assertThat(result.getString("clientOrderId")).isEqualTo("rest-1");
    assertThat(placed.headers().firstValue("Idempotent-Replay")).isEmpty();

    HttpResponse<String> again = api.post("/api/v1/orders", order("BUY", "MARKET", "0.10").put("clientOrderId", "rest-1"),
      trader1);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("Idempotent-Replay")).hasValue("true");
    assertThat(Http.json(again).getLong("orderId")).isEqualTo(result.getLong("orderId"));

    JsonObject positions = Http.json(api.get("/api/v1/accounts/100001/positions", trader1));
    JsonObject position = positions.getJsonArray("positions").stream().map(JsonObject.class::cast)
      .filter(p -> p.getString("symbol").equals("EURUSD")).findFirst().orElseThrow();
    assertThat(position.getString("openPrice")).isEqualTo("1.10006");

    HttpResponse<String> partial = api.post("/api/v1/accounts/100001/positions/" + position.getLong("positionId")
      + "/close", new JsonObject().put("volume", "0.04"), trader1);
    assertThat(partial.statusCode()).as(partial.body()).isEqualTo(200);
    HttpResponse<String> rest = api.post("/api/v1/accounts/100001/positions/" + position.getLong("positionId")
      + "/close", new JsonObject(), trader1);
    assertThat(rest.statusCode()).as(rest.body()).isEqualTo(200);

    JsonObject deals = Http.json(api.get("/api/v1/accounts/100001/deals?limit=2", trader1));
    assertThat(deals.getJsonArray("deals")).hasSize(2);
    assertThat(deals.getJsonArray("deals").getJsonObject(0).getString("entry")).isEqualTo("OUT");
    assertThat(deals.getLong("nextBefore")).isNotNull();
    JsonObject older = Http.json(api.get("/api/v1/accounts/100001/deals?limit=2&before=" + deals.getLong("nextBefore"),
      trader1));
    assertThat(older.getJsonArray("deals").getJsonObject(0).getString("entry")).isEqualTo("IN");
    String metrics = Http.get(managementPort, "/metrics").body();
    assertThat(metrics).contains("rtx_orders_total{status=\"FILLED\"").contains("rtx_order_latency_seconds_bucket");
    JsonObject ledger = Http.json(api.get("/api/v1/accounts/100001/ledger", trader1));
    assertThat(ledger.getJsonArray("entries").stream().map(JsonObject.class::cast).map(e -> e.getString("type")))
      .contains("REALIZED_PNL", "DEPOSIT");
  }

  @Test
  void pendingOrderIsAcceptedModifiedAndCancelled() {
    HttpResponse<String> placed = api.post("/api/v1/orders", order("BUY", "LIMIT", "0.10").put("price", "1.09000"), trader1);
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
    long orderId = Http.json(placed).getLong("orderId");
    assertThat(Http.json(placed).getString("status")).isEqualTo("ACCEPTED");
    assertThat(Http.json(api.get("/api/v1/accounts/100001/orders", trader1)).getJsonArray("orders").stream()
      .map(JsonObject.class::cast).anyMatch(o -> o.getLong("orderId") == orderId)).isTrue();

    HttpResponse<String> modified = api.call("PATCH", "/api/v1/accounts/100001/orders/" + orderId,
      new JsonObject().put("price", "1.09100").put("sl", "1.08000"), trader1);
    assertThat(modified.statusCode()).as(modified.body()).isEqualTo(200);

    HttpResponse<String> cancelled = api.call("DELETE", "/api/v1/accounts/100001/orders/" + orderId, null, trader1);
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    assertThat(Http.json(cancelled).getString("status")).isEqualTo("CANCELLED");
    HttpResponse<String> twice = api.call("DELETE", "/api/v1/accounts/100001/orders/" + orderId, null, trader1);
    assertThat(twice.statusCode()).isEqualTo(404);
    assertThat(Http.json(twice).getJsonObject("error").getString("code")).isEqualTo("ORDER_NOT_FOUND");
  }

  @Test
  void businessRefusalsAnswer422WithTheirReason() {
    HttpResponse<String> margin = api.post("/api/v1/orders", order("BUY", "MARKET", "49"), trader1);
    assertThat(margin.statusCode()).isEqualTo(422);
    assertThat(Http.json(margin).getString("reason")).isEqualTo("INSUFFICIENT_MARGIN");
    assertThat(Http.json(margin).getJsonObject("error").getString("code")).isEqualTo("INSUFFICIENT_MARGIN");

    HttpResponse<String> unknown = api.post("/api/v1/orders", order("BUY", "MARKET", "0.10").put("symbol", "NOSUCH"), trader1);
    assertThat(Http.json(unknown).getString("reason")).isEqualTo("UNKNOWN_SYMBOL");

    HttpResponse<String> step = api.post("/api/v1/orders", order("BUY", "MARKET", "0.015"), trader1);
    assertThat(step.statusCode()).isEqualTo(400);
    assertThat(Http.json(step).getJsonObject("error").getString("field")).isEqualTo("volume");

    HttpResponse<String> aBook = api.post("/api/v1/orders", order("BUY", "MARKET", "0.10").put("accountId", 100003), trader2);
    assertThat(Http.json(aBook).getString("reason")).isEqualTo("ROUTING_UNAVAILABLE");
  }

  @Test
  void anotherTradersAccountIsNotFoundAndBadRequestsNameTheField() {
    assertThat(api.get("/api/v1/accounts/100003", trader1).statusCode()).isEqualTo(404);
    HttpResponse<String> foreign = api.post("/api/v1/orders", order("BUY", "MARKET", "0.10").put("accountId", 100003), trader1);
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(Http.json(foreign).getJsonObject("error").getString("code")).isEqualTo("ACCOUNT_NOT_FOUND");

    HttpResponse<String> malformed = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
      + "/api/v1/orders")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"accountId\":")),
      "Authorization", "Bearer " + trader1);
    assertThat(malformed.statusCode()).isEqualTo(400);

    HttpResponse<String> badSide = api.post("/api/v1/orders", order("SIDEWAYS", "MARKET", "0.10"), trader1);
    assertThat(badSide.statusCode()).isEqualTo(400);
    assertThat(Http.json(badSide).getJsonObject("error").getString("field")).isEqualTo("side");

    HttpResponse<String> badVolume = api.post("/api/v1/orders", order("BUY", "MARKET", "lots"), trader1);
    assertThat(Http.json(badVolume).getJsonObject("error").getString("field")).isEqualTo("volume");

    assertThat(api.post("/api/v1/orders", order("BUY", "MARKET", "0.10"), "not-a-token").statusCode()).isEqualTo(401);
    assertThat(Http.get(port, "/api/v1/accounts/100001").statusCode()).isEqualTo(401);
  }

  /**
   * Issue 12's reproduction: a SELL MARKET with an overflowing trailing distance was accepted and
   * later kept the account from being stopped out. Every such value is now refused: 400 naming the
   * field where the contract bounds it, 422 PRICE_OUT_OF_RANGE where the market does.
   */
  @Test
  void trailingAndDeviationValuesThatCouldOverflowAreRefused() {
    for (String raw : new String[] {"9223372036854775807", "1e300", "2.5", "-1", "1000000001", "9223372036854775808"}) {
      String body = order("SELL", "MARKET", "0.10").encode().replace("}", ",\"trailingPoints\":" + raw + "}");
      HttpResponse<String> refused = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/v1/orders")).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"),
        "Authorization", "Bearer " + trader1);
      assertThat(refused.statusCode()).as(raw + ": " + refused.body()).isEqualTo(400);
      assertThat(Http.json(refused).getJsonObject("error").getString("field")).as(raw).isEqualTo("trailingPoints");
    }
    HttpResponse<String> wide = api.post("/api/v1/orders", order("SELL", "MARKET", "0.10").put("trailingPoints", 110_100),
      trader1);
    assertThat(wide.statusCode()).as(wide.body()).isEqualTo(422);
    assertThat(Http.json(wide).getString("reason")).isEqualTo("PRICE_OUT_OF_RANGE");
    HttpResponse<String> deviation = api.post("/api/v1/orders", order("BUY", "MARKET", "0.10").put("price", "1.10002")
      .put("maxDeviation", "99999.99999"), trader1);
    assertThat(deviation.statusCode()).as(deviation.body()).isEqualTo(422);
    assertThat(Http.json(deviation).getString("reason")).isEqualTo("PRICE_OUT_OF_RANGE");
    HttpResponse<String> takeProfit = api.post("/api/v1/orders", order("BUY", "MARKET", "0.10").put("tp", "999999999999999"),
      trader1);
    assertThat(takeProfit.statusCode()).as(takeProfit.body()).isIn(400, 422);
  }

  private static void quote(String symbol, String bid, String ask) {
    TestMarket.quote(engine.vertx(), CLOCK, symbol, bid, ask);
  }

  private static JsonObject order(String side, String type, String volume) {
    return new JsonObject().put("accountId", 100001).put("symbol", "EURUSD").put("side", side).put("type", type)
      .put("volume", volume);
  }
}
