package com.rtx.gateway;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.ApiClient;
import com.rtx.support.Http;
import com.rtx.support.MutableClock;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import com.rtx.support.TestMarket;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IDOR across traders (issue 12): trader1 uses trader2's account, order, position and withdrawal
 * ids on every trader path that takes an id, REST and WebSocket, and gets 404 every time while
 * nothing of trader2's changes. trader2's account 100003 is moved to a B-Book group before the
 * engine starts so that it holds a real position and a pending order. Also: a trader's withdrawal
 * comment is stored as given and reaches staff as JSON data, never markup.
 */
@Timeout(180)
class TraderIdorIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static final MutableClock CLOCK = new MutableClock();
  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static ApiClient api;
  private static String trader1;
  private static String trader2;
  private static long bOrder;
  private static long bPosition;
  private static long aPosition;
  private static long bWithdrawal;

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestInfra.execute(database, "UPDATE account SET group_name = 'retail-hedging' WHERE id = 100003");
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "dealing,gateway,admin").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD).env("RTX_PRICING_STALE_MS", "600000");
    port = test.httpPort();
    engine = test.start(CLOCK);
    TestMarket.quote(engine.vertx(), CLOCK, "EURUSD", "1.10000", "1.10002");
    api = new ApiClient(port);
    trader1 = api.loginTrader("trader1", PASSWORD);
    trader2 = api.loginTrader("trader2", PASSWORD);
    bPosition = filled(trader2, 100003);
    aPosition = filled(trader1, 100001);
    HttpResponse<String> pending = api.send("POST", "/api/v1/orders", order(100003, "LIMIT").put("price", "1.05000")
      .encode(), trader2);
    assertThat(pending.statusCode()).as(pending.body()).isEqualTo(200);
    bOrder = Http.json(pending).getLong("orderId");
    HttpResponse<String> withdrawal = api.send("POST", "/api/v1/accounts/100003/withdrawals", "{\"amount\":\"5\"}", trader2);
    assertThat(withdrawal.statusCode()).as(withdrawal.body()).isEqualTo(202);
    bWithdrawal = Http.json(withdrawal).getLong("requestId");
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  private static JsonObject order(long accountId, String type) {
    return new JsonObject().put("accountId", accountId).put("symbol", "EURUSD").put("side", "BUY").put("type", type)
      .put("volume", "0.10");
  }

  /** The position id of a filled market order. */
  private static long filled(String token, long accountId) {
    HttpResponse<String> placed = api.send("POST", "/api/v1/orders", order(accountId, "MARKET").encode(), token);
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
    JsonArray positions = Http.json(api.get("/api/v1/accounts/" + accountId + "/positions", token))
      .getJsonArray("positions");
    return positions.getJsonObject(positions.size() - 1).getLong("positionId");
  }

  /** trader2's account as trader2 sees it: everything trader1 must not be able to change. */
  private static JsonObject traderTwosState() {
    JsonObject state = Http.json(api.get("/api/v1/accounts/100003", trader2));
    state.getJsonObject("account").remove("floatingPnl");
    return new JsonObject().put("account", state.getJsonObject("account")).put("positions", state.getJsonArray("positions"))
      .put("orders", state.getJsonArray("orders"))
      .put("withdrawals", Http.json(api.get("/api/v1/accounts/100003/withdrawals", trader2)).getJsonArray("withdrawals"))
      .put("deals", Http.json(api.get("/api/v1/accounts/100003/deals", trader2)).getJsonArray("deals"));
  }

  private static void notFound(HttpResponse<String> response, String what) {
    assertThat(response.statusCode()).as(what + " → " + response.body()).isIn(403, 404);
    assertThat(response.body()).as(what).doesNotContain("1.05000").doesNotContain("\"positions\"");
  }

  @Test
  void anotherTradersIdsAreNotFoundOnEveryPathAndNothingOfTheirsChanges() throws Exception {
    JsonObject before = traderTwosState();
    assertThat(before.getJsonArray("positions")).isNotEmpty();
    assertThat(before.getJsonArray("orders")).isNotEmpty();

    for (String tail : new String[] {"", "/positions", "/orders", "/deals", "/ledger", "/withdrawals"}) {
      notFound(api.get("/api/v1/accounts/100003" + tail, trader1), "GET 100003" + tail);
    }
    // trader2's account in the path.
    notFound(api.send("PATCH", "/api/v1/accounts/100003/orders/" + bOrder, "{\"price\":\"1.04000\"}", trader1), "modify B's order");
    notFound(api.send("DELETE", "/api/v1/accounts/100003/orders/" + bOrder, null, trader1), "cancel B's order");
    notFound(api.send("PATCH", "/api/v1/accounts/100003/positions/" + bPosition, "{\"sl\":\"1.00000\"}", trader1),
      "modify B's position");
    notFound(api.send("POST", "/api/v1/accounts/100003/positions/" + bPosition + "/close", "{}", trader1),
      "close B's position");
    notFound(api.send("POST", "/api/v1/accounts/100003/positions/" + bPosition + "/close-by",
      "{\"oppositePositionId\":" + aPosition + "}", trader1), "close-by on B's account");
    notFound(api.send("POST", "/api/v1/accounts/100003/withdrawals", "{\"amount\":\"1\"}", trader1), "withdraw from B");
    notFound(api.send("POST", "/api/v1/orders", order(100003, "MARKET").encode(), trader1), "order on B's account");
    // trader2's order and position ids under trader1's own account.
    notFound(api.send("PATCH", "/api/v1/accounts/100001/orders/" + bOrder, "{\"price\":\"1.04000\"}", trader1),
      "B's order under A's account");
    notFound(api.send("DELETE", "/api/v1/accounts/100001/orders/" + bOrder, null, trader1), "cancel B's order under A");
    notFound(api.send("PATCH", "/api/v1/accounts/100001/positions/" + bPosition, "{\"sl\":\"1.00000\"}", trader1),
      "B's position under A's account");
    notFound(api.send("POST", "/api/v1/accounts/100001/positions/" + bPosition + "/close", "{}", trader1),
      "close B's position under A");
    notFound(api.send("POST", "/api/v1/accounts/100001/positions/" + bPosition + "/close-by",
      "{\"oppositePositionId\":" + aPosition + "}", trader1), "close-by B's position under A");
    HttpResponse<String> closeBy = api.send("POST", "/api/v1/accounts/100001/positions/" + aPosition + "/close-by",
      "{\"oppositePositionId\":" + bPosition + "}", trader1);
    assertThat(closeBy.statusCode()).as("A's position closed by B's: " + closeBy.body()).isBetween(400, 499);
    // The withdrawal request id is never a path parameter of the trader API; B's stays B's.
    assertThat(Http.json(api.get("/api/v1/accounts/100001/withdrawals", trader1)).getJsonArray("withdrawals").stream()
      .map(JsonObject.class::cast).noneMatch(w -> w.getLong("requestId") == bWithdrawal)).isTrue();

    assertThat(accountSubscriptionError(trader1, 100003)).isEqualTo("ACCOUNT_NOT_FOUND");

    assertThat(traderTwosState()).isEqualTo(before);
    assertThat(Http.json(api.get("/api/v1/accounts/100001/positions", trader1)).getJsonArray("positions").stream()
      .map(JsonObject.class::cast).anyMatch(p -> p.getLong("positionId") == aPosition)).as("A's own position intact").isTrue();
  }

  /** The error code the WebSocket answers when {@code token}'s trader subscribes to {@code accountId}. */
  private static String accountSubscriptionError(String token, long accountId) throws Exception {
    Vertx client = Vertx.vertx();
    try {
      WebSocketClient ws = client.createWebSocketClient(new WebSocketClientOptions());
      LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
      WebSocket socket = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
      socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", token).encode());
      assertThat(next(frames, "authenticated")).isNotNull();
      socket.writeTextMessage(new JsonObject().put("type", "subscribe").put("channel", "account")
        .put("accountId", accountId).encode());
      JsonObject answer = next(frames, "error", "account.snapshot", "subscribed");
      assertThat(answer.getString("type")).as(answer.encode()).isEqualTo("error");
      return answer.getString("code");
    } finally {
      client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static JsonObject next(LinkedBlockingQueue<JsonObject> frames, String... types) throws InterruptedException {
    while (true) {
      JsonObject frame = frames.poll(30, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within 30 s").isNotNull();
      if (java.util.List.of(types).contains(frame.getString("type"))) {
        return frame;
      }
    }
  }

  /** Text staff will see: stored exactly as the trader wrote it, served to staff as JSON data, never markup. */
  @Test
  void aWithdrawalCommentIsStoredAsGivenAndReachesStaffAsData() throws Exception {
    String comment = "<script>alert(1)</script><img src=x onerror=alert(2)> =cmd|' /C calc'!A0 \"q\" \u0007 ü 𝄞";
    HttpResponse<String> filed = api.send("POST", "/api/v1/accounts/100001/withdrawals",
      new JsonObject().put("amount", "3").put("comment", comment).encode(), trader1);
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(202);
    long requestId = Http.json(filed).getLong("requestId");
    assertThat(filed.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(storedReason(requestId)).isEqualTo("trader request: " + comment);

    HttpResponse<String> login = api.send("POST", "/api/admin/v1/auth/login",
      new JsonObject().put("username", "admin").put("password", PASSWORD).encode(), null);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    HttpResponse<String> listed = api.get("/api/admin/v1/balance-requests?status=PENDING",
      Http.json(login).getString("accessToken"));
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(listed.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(listed.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(Http.json(listed).getJsonArray("requests").stream().map(JsonObject.class::cast)
      .filter(r -> r.getLong("requestId", r.getLong("id", 0L)) == requestId).map(r -> r.getString("reason")))
      .containsExactly("trader request: " + comment);
  }

  private static String storedReason(long requestId) throws SQLException {
    try (Connection c = TestInfra.connect(database);
         PreparedStatement s = c.prepareStatement("SELECT reason FROM balance_request WHERE id = ?")) {
      s.setLong(1, requestId);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).isTrue();
        return r.getString(1);
      }
    }
  }
}
