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

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every input error on the trader API is a 4xx naming the field, never a 500 and never database
 * text (issue 12, "Every input error is a 4xx"): ids that are not 64-bit whole numbers, commands
 * on a missing order or position of one's own account, NUL characters, amounts beyond the column,
 * and wrong types, huge, negative and exponent numbers and control characters in every field.
 */
@Timeout(300)
class InputErrorsIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static final MutableClock CLOCK = new MutableClock();
  /** Path and query values that are not a positive 64-bit whole number, as a client could send them. */
  private static final List<String> BAD_IDS = List.of("99999999999999999999", "1e3", "100002.0", "9223372036854775808",
    "18446744073709651617", "-1", "0", "abc", "1.5", "0x10", "%00", "1%00", "");
  /** JSON values of every wrong kind for a body field. */
  private static final List<String> BAD_JSON = List.of("9223372036854775808", "-9223372036854775809",
    "99999999999999999999999999", "1e308", "-1e308", "1e3", "1.0", "-1", "0", "1.5", "true", "null", "[]", "{}",
    "[[[[[[[[[[1]]]]]]]]]]", "\"\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u0001\\u001f\\u007f\"", "\"\\ud800\"",
    "\"EURUSD\\n\"", "\"999999999999999.99\"", "\"-1\"", "\"1e3\"", "\"NaN\"", "\"" + "9".repeat(300) + "\"");
  private static PgTarget database;
  private static Engine engine;
  private static ApiClient api;
  private static String trader1;

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "dealing,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD).env("RTX_PRICING_STALE_MS", "600000")
      .env("RTX_DEALING_ORDER_RATE_PER_S", "100000");
    engine = test.start(CLOCK);
    TestMarket.quote(engine.vertx(), CLOCK, "EURUSD", "1.10000", "1.10002");
    api = new ApiClient(test.httpPort());
    trader1 = api.loginTrader("trader1", PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  /** A 400 whose JSON body names {@code field} and says nothing of the database. */
  private static void refusedNaming(HttpResponse<String> response, String field, String what) {
    assertThat(response.statusCode()).as(what + " → " + response.body()).isEqualTo(400);
    assertThat(Http.json(response).getJsonObject("error").getString("field")).as(what).isEqualTo(field);
    leaksNothing(response, what);
  }

  private static void leaksNothing(HttpResponse<String> response, String what) {
    assertThat(response.statusCode()).as(what + " → " + response.body()).isBetween(400, 499);
    assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/json");
    assertThat(response.body()).as(what).doesNotContainIgnoringCase("UTF8").doesNotContainIgnoringCase("byte sequence")
      .doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("exception").doesNotContain("0x00")
      .doesNotContainIgnoringCase("postgres").doesNotContainIgnoringCase("numeric field overflow");
  }

  @Test
  void accountIdsThatAreNotPositive64BitWholeNumbersAre400NamingTheField() {
    for (String id : BAD_IDS) {
      if (id.isEmpty()) {
        continue;
      }
      for (String tail : new String[] {"", "/positions", "/orders", "/deals", "/ledger", "/withdrawals"}) {
        String path = "/api/v1/accounts/" + id + tail;
        refusedNaming(api.get(path, trader1), "accountId", "GET " + path);
      }
    }
  }

  @Test
  void orderAndPositionIdsThatAreNotPositive64BitWholeNumbersAre400NamingTheField() {
    for (String id : BAD_IDS) {
      if (id.isEmpty()) {
        continue;
      }
      String orders = "/api/v1/accounts/100001/orders/" + id;
      refusedNaming(api.send("PATCH", orders, "{\"price\":\"1.09\"}", trader1), "orderId", "PATCH " + orders);
      refusedNaming(api.send("DELETE", orders, null, trader1), "orderId", "DELETE " + orders);
      String positions = "/api/v1/accounts/100001/positions/" + id;
      refusedNaming(api.send("PATCH", positions, "{}", trader1), "positionId", "PATCH " + positions);
      refusedNaming(api.send("POST", positions + "/close", "{}", trader1), "positionId", "close " + positions);
      refusedNaming(api.send("POST", positions + "/close-by", "{\"oppositePositionId\":1}", trader1), "positionId",
        "close-by " + positions);
    }
  }

  @Test
  void pageCursorsThatAreNotPositive64BitWholeNumbersAre400NamingTheField() {
    for (String value : BAD_IDS) {
      for (String list : new String[] {"deals", "ledger"}) {
        String before = "/api/v1/accounts/100001/" + list + "?before=" + value;
        refusedNaming(api.get(before, trader1), "before", "GET " + before);
        String limit = "/api/v1/accounts/100001/" + list + "?limit=" + value;
        refusedNaming(api.get(limit, trader1), "limit", "GET " + limit);
      }
    }
  }

  @Test
  void idsInBodiesThatWrapAre400NamingTheField() {
    for (String id : new String[] {"9223372036854775808", "18446744073709651617", "99999999999999999999", "1e3",
      "100001.0"}) {
      refusedNaming(api.send("POST", "/api/v1/orders", "{\"accountId\":" + id + ",\"symbol\":\"EURUSD\",\"side\":\"BUY\","
        + "\"type\":\"MARKET\",\"volume\":\"0.01\"}", trader1), "accountId", "order for account " + id);
      refusedNaming(api.send("POST", "/api/v1/accounts/100001/positions/1/close-by", "{\"oppositePositionId\":" + id + "}",
        trader1), "oppositePositionId", "close-by " + id);
    }
  }

  @Test
  void aMissingOrderOrPositionOfOnesOwnAccountIs404() {
    String order = "/api/v1/accounts/100001/orders/987654321";
    assertNotFound(api.send("PATCH", order, "{\"price\":\"1.09000\"}", trader1), "ORDER_NOT_FOUND");
    assertNotFound(api.send("DELETE", order, null, trader1), "ORDER_NOT_FOUND");
    String position = "/api/v1/accounts/100001/positions/987654321";
    assertNotFound(api.send("PATCH", position, "{\"sl\":\"1.00000\"}", trader1), "POSITION_NOT_FOUND");
    assertNotFound(api.send("PATCH", position, "{}", trader1), "POSITION_NOT_FOUND");
    assertNotFound(api.send("POST", position + "/close", "{}", trader1), "POSITION_NOT_FOUND");
    assertNotFound(api.send("POST", position + "/close", null, trader1), "POSITION_NOT_FOUND");
    assertNotFound(api.send("POST", position + "/close", "{\"volume\":\"0.01\"}", trader1), "POSITION_NOT_FOUND");
    assertNotFound(api.send("POST", position + "/close-by", "{\"oppositePositionId\":987654322}", trader1),
      "POSITION_NOT_FOUND");
    String netting = "/api/v1/accounts/100002/positions/987654321";
    assertNotFound(api.send("PATCH", netting, "{}", trader1), "POSITION_NOT_FOUND");
    assertNotFound(api.send("POST", netting + "/close", "{}", trader1), "POSITION_NOT_FOUND");
  }

  private static void assertNotFound(HttpResponse<String> response, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    JsonObject body = Http.json(response);
    String actual = body.containsKey("error") ? body.getJsonObject("error").getString("code") : body.getString("reason");
    assertThat(actual).as(response.body()).isEqualTo(code);
  }

  @Test
  void aNulInALoginIsRefusedWithoutDatabaseText() {
    for (String body : new String[] {"{\"username\":\"tra\\u0000der1\",\"password\":\"x\"}",
      "{\"username\":\"trader1\",\"password\":\"p\\u0000w\"}", "{\"username\":\"\\ud800x\",\"password\":\"pw\"}"}) {
      HttpResponse<String> response = api.send("POST", "/api/v1/auth/login", body, null);
      assertThat(response.statusCode()).as(body + " → " + response.body()).isIn(400, 401);
      leaksNothing(response, body);
    }
    refusedNaming(api.send("POST", "/api/v1/auth/login", "{\"username\":\"tra\\u0000der1\",\"password\":\"x\"}", null),
      "username", "NUL in username");
  }

  @Test
  void aWithdrawalCommentWithANulIs400AndNothingIsFiled() {
    String path = "/api/v1/accounts/100001/withdrawals";
    int before = Http.json(api.get(path, trader1)).getJsonArray("withdrawals").size();
    refusedNaming(api.send("POST", path, "{\"amount\":\"10\",\"comment\":\"pay\\u0000me\"}", trader1), "comment",
      "NUL comment");
    refusedNaming(api.send("POST", path, "{\"amount\":\"10\",\"comment\":\"\\udc00\"}", trader1), "comment",
      "half surrogate comment");
    assertThat(Http.json(api.get(path, trader1)).getJsonArray("withdrawals")).hasSize(before);
  }

  @Test
  void aWithdrawalBeyondAnyBalanceIsA4xx() {
    String path = "/api/v1/accounts/100001/withdrawals";
    for (String amount : new String[] {"999999999999999.99", "999999999999999", "100000000000000", "0.001", "0",
      "0.00"}) {
      HttpResponse<String> response = api.send("POST", path, "{\"amount\":\"" + amount + "\"}", trader1);
      leaksNothing(response, "withdraw " + amount);
      assertThat(Http.json(response).getJsonObject("error").getString("field")).as(amount).isEqualTo("amount");
    }
  }

  /** Java's $ also matches before a final line terminator; the contract's patterns end at the end of input. */
  @Test
  void aValueWithATrailingLineTerminatorFailsItsPattern() {
    for (String end : new String[] {"\\n", "\\r", "\\r\\n", "\\u0085", "\\u2028", "\\u2029"}) {
      String order = "{\"accountId\":100001,\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"type\":\"MARKET\","
        + "\"volume\":\"0.01\",\"clientOrderId\":\"nl-1\"}";
      refusedNaming(api.send("POST", "/api/v1/orders", order.replace("\"EURUSD\"", "\"EURUSD" + end + "\""), trader1),
        "symbol", "symbol ending " + end);
      refusedNaming(api.send("POST", "/api/v1/orders", order.replace("\"0.01\"", "\"0.01" + end + "\""), trader1),
        "volume", "volume ending " + end);
      refusedNaming(api.send("POST", "/api/v1/orders", order.replace("\"nl-1\"", "\"nl-1" + end + "\""), trader1),
        "clientOrderId", "clientOrderId ending " + end);
      refusedNaming(api.send("POST", "/api/v1/auth/refresh", "{\"refreshToken\":\"" + "A".repeat(43) + end + "\"}", null),
        "refreshToken", "refresh token ending " + end);
      refusedNaming(api.send("POST", "/api/v1/accounts/100001/withdrawals", "{\"amount\":\"1.00" + end + "\"}", trader1),
        "amount", "amount ending " + end);
    }
    for (String end : new String[] {"%0A", "%0D", "%0D%0A", "%C2%85", "%E2%80%A8"}) {
      refusedNaming(api.get("/api/v1/bars?tf=M1&symbol=EURUSD" + end, trader1), "symbol", "bars symbol ending " + end);
    }
  }

  /** Account data is the trader's own: never cached by the way, never sniffed into markup, errors included. */
  @Test
  void accountDataIsNeverCachedNorSniffed() {
    List<HttpResponse<String>> answers = List.of(api.get("/api/v1/accounts", trader1),
      api.get("/api/v1/accounts/100001", trader1), api.get("/api/v1/accounts/100001/positions", trader1),
      api.get("/api/v1/accounts/100001/orders", trader1), api.get("/api/v1/accounts/100001/deals", trader1),
      api.get("/api/v1/accounts/100001/ledger", trader1), api.get("/api/v1/accounts/100001/withdrawals", trader1),
      api.send("POST", "/api/v1/accounts/100001/withdrawals", "{\"amount\":\"1.00\"}", trader1),
      api.send("POST", "/api/v1/auth/login", "{\"username\":\"trader1\",\"password\":\"" + PASSWORD + "\"}", null),
      api.send("POST", "/api/v1/auth/login", "{\"username\":\"trader1\",\"password\":\"wrong\"}", null),
      api.get("/api/v1/accounts/100003", trader1), api.get("/api/v1/accounts/1e3", trader1),
      api.get("/api/v1/accounts", null));
    for (HttpResponse<String> answer : answers) {
      String what = answer.request().method() + " " + answer.request().uri() + " " + answer.statusCode();
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
      assertThat(answer.headers().firstValue("Cache-Control")).as(what).hasValue("no-store");
      assertThat(answer.headers().firstValue("Content-Type")).as(what).hasValue("application/json");
    }
    HttpResponse<String> jwks = api.get("/api/v1/auth/jwks", null);
    assertThat(jwks.headers().firstValue("Cache-Control")).as("public keys stay cacheable").hasValue("public, max-age=300");
    assertThat(jwks.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  /** Bodies of the wrong media type, empty or absent, on every operation that takes one; unknown methods. */
  @Test
  void wrongMediaTypesEmptyBodiesAndMethodsAreA4xx() {
    List<String> failures = new ArrayList<>();
    String[] operations = {"POST /api/v1/orders", "PATCH /api/v1/accounts/100001/orders/987654321",
      "DELETE /api/v1/accounts/100001/orders/987654321", "PATCH /api/v1/accounts/100001/positions/987654321",
      "POST /api/v1/accounts/100001/positions/987654321/close", "POST /api/v1/accounts/100001/positions/987654321/close-by",
      "POST /api/v1/accounts/100001/withdrawals", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
      "POST /api/v1/auth/logout", "PUT /api/v1/accounts/100001", "DELETE /api/v1/accounts", "POST /api/v1/quotes",
      "GET /api/v1/orders", "GET /api/v1/accounts/100001/nothing"};
    for (String operation : operations) {
      String method = operation.substring(0, operation.indexOf(' '));
      String path = operation.substring(operation.indexOf(' ') + 1);
      for (String contentType : new String[] {"text/plain", "application/xml", "application/json; charset=latin1",
        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json"}) {
        for (String body : new String[] {"", "{}", "a=1", "<x/>"}) {
          HttpResponse<String> response = Http.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + api.port() + path))
            .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)),
            "Content-Type", contentType,
            "Authorization", "Bearer " + tokenFor(path));
          if (response.statusCode() >= 500) {
            failures.add(operation + " " + contentType + " [" + body + "] → " + response.statusCode() + " "
              + response.body());
          }
        }
      }
      check(failures, method, path, null, tokenFor(path));
    }
    assertThat(failures).isEmpty();
  }

  /** Every field of every trader body, replaced by every wrong kind of value: never a 5xx, never database text. */
  @Test
  void everyWrongValueInEveryBodyFieldIsA4xx() {
    Map<String, String[]> bodies = Map.of(
      "POST /api/v1/orders", new String[] {"{\"accountId\":100001,\"symbol\":\"EURUSD\",\"side\":\"BUY\","
        + "\"type\":\"LIMIT\",\"volume\":\"0.01\",\"price\":\"1.00000\",\"sl\":\"0.90000\",\"tp\":\"1.05000\","
        + "\"timeInForce\":\"GTC\",\"clientOrderId\":\"fz-1\"}", "accountId", "symbol", "side", "type", "volume", "price",
        "stopLimitPrice", "sl", "tp", "trailingPoints", "timeInForce", "expireAt", "maxDeviation", "clientOrderId"},
      "PATCH /api/v1/accounts/100001/orders/987654321", new String[] {"{\"price\":\"1.00000\"}", "price",
        "stopLimitPrice", "sl", "tp", "trailingPoints", "timeInForce", "expireAt"},
      "PATCH /api/v1/accounts/100001/positions/987654321", new String[] {"{}", "sl", "tp", "trailingPoints"},
      "POST /api/v1/accounts/100001/positions/987654321/close", new String[] {"{}", "volume", "price", "maxDeviation",
        "clientOrderId"},
      "POST /api/v1/accounts/100001/positions/987654321/close-by", new String[] {"{\"oppositePositionId\":987654322}",
        "oppositePositionId", "clientOrderId"},
      "POST /api/v1/accounts/100001/withdrawals", new String[] {"{\"amount\":\"0.01\"}", "amount", "comment"},
      "POST /api/v1/auth/refresh", new String[] {"{\"refreshToken\":\"" + "A".repeat(43) + "\"}", "refreshToken"},
      "POST /api/v1/auth/logout", new String[] {"{}", "refreshToken"});
    List<String> failures = new ArrayList<>();
    bodies.forEach((operation, spec) -> {
      String method = operation.substring(0, operation.indexOf(' '));
      String path = operation.substring(operation.indexOf(' ') + 1);
      JsonObject valid = new JsonObject(spec[0]);
      for (int f = 1; f < spec.length; f++) {
        for (String value : BAD_JSON) {
          JsonObject template = valid.copy().put(spec[f], "@@");
          String body = template.encode().replace("\"@@\"", value);
          check(failures, method, path, body, tokenFor(path));
        }
      }
      for (String whole : new String[] {"[]", "1", "\"x\"", "null", "{\"x\":1}", "{", "{\"a\":" + "[".repeat(2000)}) {
        check(failures, method, path, whole, trader1);
      }
    });
    assertThat(failures).isEmpty();
  }

  /** Query parameters of the market data and history reads with every wrong kind of value. */
  @Test
  void everyWrongValueInEveryQueryParameterIsA4xxOrIgnored() {
    List<String> values = List.of("99999999999999999999", "9223372036854775808", "-9223372036854775809", "1e3", "1.0",
      "-1", "0", "abc", "%00", "a%00b", "%01%1F%7F", "EURUSD%0A", "%ED%A0%80", "2026-13-45T99:99:99Z", "",
      "9".repeat(300));
    List<String> failures = new ArrayList<>();
    for (String value : values) {
      for (String path : new String[] {"/api/v1/quotes?symbols=", "/api/v1/bars?tf=M1&symbol=",
        "/api/v1/bars?symbol=EURUSD&tf=", "/api/v1/bars?symbol=EURUSD&tf=M1&from=", "/api/v1/bars?symbol=EURUSD&tf=M1&to=",
        "/api/v1/bars?symbol=EURUSD&tf=M1&limit=", "/api/v1/accounts/100001/deals?before=",
        "/api/v1/accounts/100001/ledger?limit=", "/api/v1/symbols?x="}) {
        check(failures, "GET", path + value, null, trader1);
      }
    }
    assertThat(failures).isEmpty();
  }

  /** A logout may end the session of the token it carries: it gets a session of its own. */
  private static String tokenFor(String path) {
    return path.endsWith("/auth/logout") ? api.loginTrader("trader1", PASSWORD) : trader1;
  }

  private static void check(List<String> failures, String method, String path, String body, String token) {
    HttpResponse<String> response = api.send(method, path, body, token);
    String lower = response.body().toLowerCase(java.util.Locale.ROOT);
    if (response.statusCode() >= 500 || lower.contains("sql") || lower.contains("exception")
      || lower.contains("byte sequence") || lower.contains("postgres")) {
      failures.add(method + " " + path + " " + body + " → " + response.statusCode() + " " + response.body());
    }
  }
}
