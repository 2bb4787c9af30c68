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
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The /ws account channel and group-priced quotes through the real port, with the REST API on the
 * same engine (roles dealing and gateway, demo data): trader1 holds 100001 (retail-hedging,
 * markup profile standard) and 100002; trader2 holds 100003 (pro-abook, profile raw). The clock
 * is a Wednesday noon (sessions open) that the expiry test moves past the token lifetime (60 s
 * here); quotes are published on the bus as pricing would.
 */
@Timeout(180)
class WebSocketAccountIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static final long TOKEN_TTL_S = 60;
  private static final MutableClock CLOCK = new MutableClock();
  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static ApiClient api;
  private Vertx client;
  private final List<WebSocketClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "dealing,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD).env("RTX_PRICING_STALE_MS", "600000")
      .env("RTX_AUTH_ACCESS_TOKEN_TTL_S", Long.toString(TOKEN_TTL_S))
      // Housekeeping (which notices expired tokens) runs every heartbeat/4; the idle limit is far
      // beyond the expiry test's clock jump, which would otherwise look like a silent client.
      .env("RTX_WS_HEARTBEAT_MS", "2000").env("RTX_WS_IDLE_TIMEOUT_MS", "600000");
    port = test.httpPort();
    api = new ApiClient(port);
    engine = test.start(CLOCK);
    quote("EURUSD", "1.10000", "1.10002");
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @BeforeEach
  void createClient() {
    client = Vertx.vertx();
  }

  @AfterEach
  void closeClient() throws Exception {
    for (WebSocketClient ws : clients) {
      ws.shutdown(0, TimeUnit.SECONDS).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void ownAccountGetsSnapshotThenEventsAndSummariesOfAnOrderPlacedOverRest() throws Exception {
    String token = api.loginTrader("trader1", PASSWORD);
    Conn conn = connect(null);
    conn.send(new JsonObject().put("type", "auth").put("token", token));
    JsonObject authenticated = conn.nextOfType("authenticated");
    assertThat(authenticated.getString("username")).isEqualTo("trader1");
    assertThat(authenticated.getLong("expiresAt")).isGreaterThan(CLOCK.millis());

    conn.send(subscribeAccount(100001));
    JsonObject ack = conn.nextOfType("subscribed");
    assertThat(ack.getString("channel")).isEqualTo("account");
    assertThat(ack.getLong("accountId")).isEqualTo(100001);
    JsonObject snapshot = conn.nextOfType("account.snapshot");
    assertThat(snapshot.getLong("accountId")).isEqualTo(100001);
    assertThat(snapshot.getJsonObject("account").getString("group")).isEqualTo("retail-hedging");
    assertThat(snapshot.getJsonObject("account").getString("balance")).isNotNull();
    assertThat(snapshot.getJsonArray("positions")).isNotNull();
    assertThat(snapshot.getJsonArray("orders")).isNotNull();
    long snapshotVersion = snapshot.getLong("version");

    HttpResponse<String> placed = api.post("/api/v1/orders", new JsonObject().put("accountId", 100001)
      .put("symbol", "EURUSD").put("side", "BUY").put("type", "MARKET").put("volume", "0.10")
      .put("clientOrderId", "ws-1"), token);
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
    long orderId = Http.json(placed).getLong("orderId");

    Set<String> types = new HashSet<>();
    JsonObject filled = null;
    while (!types.containsAll(Set.of("order.filled", "position.opened", "deal.executed"))) {
      JsonObject frame = conn.nextOfType("account.events");
      assertThat(frame.getLong("accountId")).isEqualTo(100001);
      assertThat(frame.getLong("version")).as("events follow the snapshot").isGreaterThan(snapshotVersion);
      for (Object e : frame.getJsonArray("events")) {
        JsonObject event = (JsonObject) e;
        types.add(event.getString("type"));
        if (event.getString("type").equals("order.filled")) {
          filled = event;
        }
      }
    }
    assertThat(filled.getJsonObject("order").getLong("orderId")).isEqualTo(orderId);
    assertThat(filled.getJsonObject("order").getString("clientOrderId")).isEqualTo("ws-1");

    JsonObject summary = conn.nextOfType("account.summary");
    assertThat(summary.getLong("accountId")).isEqualTo(100001);
    assertThat(summary.getJsonObject("summary").fieldNames()).contains("balance", "equity", "margin", "freeMargin");

    conn.send(new JsonObject().put("type", "unsubscribe").put("channel", "account").put("accountId", 100001));
    conn.nextOfType("unsubscribed");
  }

  @Test
  void anotherTradersAccountAndUnknownAccountsAreNotFound() throws Exception {
    Conn conn = connect(null);
    conn.send(new JsonObject().put("type", "auth").put("token", api.loginTrader("trader1", PASSWORD)));
    conn.nextOfType("authenticated");

    conn.send(subscribeAccount(100003));
    JsonObject foreign = conn.nextOfType("error");
    assertThat(foreign.getString("code")).isEqualTo("ACCOUNT_NOT_FOUND");
    assertThat(foreign.getString("field")).isEqualTo("accountId");
    conn.send(subscribeAccount(999_999));
    assertThat(conn.nextOfType("error").getString("code")).isEqualTo("ACCOUNT_NOT_FOUND");
    conn.send(new JsonObject().put("type", "subscribe").put("channel", "account").put("accountId", "mine"));
    assertThat(conn.nextOfType("error").getString("field")).isEqualTo("accountId");
  }

  @Test
  void withoutAValidTokenTheAccountChannelIsRefusedButQuotesStillFlow() throws Exception {
    Conn conn = connect(null);
    conn.send(subscribeAccount(100001));
    assertThat(conn.nextOfType("error").getString("code")).isEqualTo("UNAUTHENTICATED");

    String token = api.loginTrader("trader1", PASSWORD);
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
    conn.send(new JsonObject().put("type", "auth").put("token", forged));
    JsonObject refused = conn.nextOfType("error");
    assertThat(refused.getString("code")).isEqualTo("UNAUTHENTICATED");
    assertThat(refused.getString("field")).isEqualTo("token");
    conn.send(new JsonObject().put("type", "auth").put("token", "not-a-jwt"));
    assertThat(conn.nextOfType("error").getString("code")).isEqualTo("UNAUTHENTICATED");
    conn.send(new JsonObject().put("type", "auth"));
    assertThat(conn.nextOfType("error").getString("field")).isEqualTo("token");
    conn.send(subscribeAccount(100001));
    assertThat(conn.nextOfType("error").getString("code")).isEqualTo("UNAUTHENTICATED");

    conn.send(subscribeQuotes("EURUSD"));
    conn.nextOfType("subscribed");
    assertThat(conn.nextOfType("quote").getString("symbol")).isEqualTo("EURUSD");

    // A refused token in the upgrade request is a 401 before any socket opens (ForgedTokenIT has the matrix).
    assertThatThrownBy(() -> connect("forged." + token)).hasMessageContaining("401");
  }

  @Test
  void quotesCarryTheMarkupOfTheTradersGroup() throws Exception {
    Conn anonymous = connect(null);
    Conn standard = connect(null);
    standard.send(new JsonObject().put("type", "auth").put("token", api.loginTrader("trader1", PASSWORD)));
    standard.nextOfType("authenticated");
    // trader2 authenticates on the upgrade request instead of with a message.
    Conn raw = connect(api.loginTrader("trader2", PASSWORD));
    raw.nextOfType("authenticated");

    for (Conn conn : List.of(anonymous, standard, raw)) {
      conn.send(subscribeQuotes("EURUSD"));
      conn.nextOfType("subscribed");
      conn.nextOfType("quote");
    }
    quote("EURUSD", "1.20000", "1.20002");

    // default and retail-hedging groups: profile standard (4 points each side, spread at least 10)
    JsonObject anonymousQuote = nextQuote(anonymous, "1.2");
    assertThat(anonymousQuote.getString("bid")).isEqualTo("1.19996");
    assertThat(anonymousQuote.getString("ask")).isEqualTo("1.20006");
    JsonObject standardQuote = nextQuote(standard, "1.2");
    assertThat(standardQuote.getString("bid")).isEqualTo("1.19996");
    assertThat(standardQuote.getString("ask")).isEqualTo("1.20006");
    // pro-abook: profile raw, no markup
    JsonObject rawQuote = nextQuote(raw, "1.2");
    assertThat(rawQuote.getString("bid")).isEqualTo("1.20000");
    assertThat(rawQuote.getString("ask")).isEqualTo("1.20002");
    assertThat(rawQuote.getLong("sequence")).isEqualTo(anonymousQuote.getLong("sequence"));
  }

  @Test
  void anExpiredTokenSuspendsAccountSubscriptionsUntilTheClientAuthenticatesAgain() throws Exception {
    String token = api.loginTrader("trader2", PASSWORD);
    Conn conn = connect(null);
    conn.send(new JsonObject().put("type", "auth").put("token", token));
    conn.nextOfType("authenticated");
    conn.send(subscribeAccount(100003));
    conn.nextOfType("account.snapshot");

    CLOCK.advanceTo(CLOCK.millis() + (TOKEN_TTL_S + 1) * 1000);
    quote("EURUSD", "1.10000", "1.10002");
    JsonObject expired = conn.nextOfType("auth.expired");
    assertThat(expired.getJsonArray("accountIds").getList()).containsExactly(100003);

    conn.send(new JsonObject().put("type", "auth").put("token", token));
    assertThat(conn.nextOfType("error").getString("message")).contains("expired");
    conn.send(subscribeAccount(100003));
    assertThat(conn.nextOfType("error").getString("code")).isEqualTo("UNAUTHENTICATED");

    conn.send(new JsonObject().put("type", "auth").put("token", api.loginTrader("trader2", PASSWORD)));
    conn.nextOfType("authenticated");
    JsonObject resumed = conn.nextOfType("subscribed");
    assertThat(resumed.getLong("accountId")).isEqualTo(100003);
    assertThat(conn.nextOfType("account.snapshot").getLong("accountId")).isEqualTo(100003);
  }

  @Test
  void marginCallAndStopOutReachTheAccountChannel() throws Exception {
    // 100002 (netting, 1:100, $10,000, margin call 100 %, stop-out 50 %) buys 5 lots at 1.10006:
    // margin 500,000 EUR / 100 = 5,000 EUR, about $5,450 at 1.09.
    quote("EURUSD", "1.10000", "1.10002");
    String token = api.loginTrader("trader1", PASSWORD);
    Conn conn = connect(token);
    conn.nextOfType("authenticated");
    conn.send(subscribeAccount(100002));
    conn.nextOfType("account.snapshot");
    HttpResponse<String> placed = api.post("/api/v1/orders", new JsonObject().put("accountId", 100002)
      .put("symbol", "EURUSD").put("side", "BUY").put("type", "MARKET").put("volume", "5"), token);
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
    nextEvent(conn, "position.opened");

    // bid 1.08996 (marked up): loss about $5,050, equity about $4,930 → margin level about 90 %
    quote("EURUSD", "1.09000", "1.09002");
    JsonObject marginCall = nextEvent(conn, "margin-call.raised");
    assertThat(new java.math.BigDecimal(marginCall.getJsonObject("account").getString("marginLevel")))
      .isLessThan(new java.math.BigDecimal("100"));

    // bid 1.08496: equity about $2,430 against margin about $5,425 → about 45 %, below stop-out
    quote("EURUSD", "1.08500", "1.08502");
    JsonObject stopOut = nextEvent(conn, "stop-out");
    assertThat(stopOut.getJsonObject("evidence").getLong("accountId")).isEqualTo(100002);
    assertThat(stopOut.getJsonObject("evidence").getJsonArray("steps")).isNotEmpty();
  }

  /** The next account event of the given type on the conn (skips other frames and events). */
  private static JsonObject nextEvent(Conn conn, String type) throws InterruptedException {
    while (true) {
      for (Object e : conn.nextOfType("account.events").getJsonArray("events")) {
        if (((JsonObject) e).getString("type").equals(type)) {
          return (JsonObject) e;
        }
      }
    }
  }

  /** The next quote of the conn whose ask starts with {@code prefix} (skips earlier prices). */
  private static JsonObject nextQuote(Conn conn, String prefix) throws InterruptedException {
    while (true) {
      JsonObject quote = conn.nextOfType("quote");
      if (quote.getString("ask").startsWith(prefix)) {
        return quote;
      }
    }
  }

  private record Conn(WebSocket socket, LinkedBlockingQueue<JsonObject> frames) {
    JsonObject nextOfType(String type) throws InterruptedException {
      while (true) {
        JsonObject frame = frames.poll(30, TimeUnit.SECONDS);
        assertThat(frame).as("a " + type + " frame within 30 s").isNotNull();
        if (frame.getString("type").equals(type)) {
          return frame;
        }
      }
    }

    void send(JsonObject message) {
      socket.writeTextMessage(message.encode());
    }
  }

  private Conn connect(String bearer) throws Exception {
    LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    WebSocketClient ws = client.createWebSocketClient();
    clients.add(ws);
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws");
    if (bearer != null) {
      options.addHeader("Authorization", "Bearer " + bearer);
    }
    // The handler is set as the connection completes, on its event loop: a frame the server sends at
    // once (an answer to the upgrade's Authorization header) cannot arrive before it.
    WebSocket socket = ws.connect(options).map(s -> s.textMessageHandler(text -> frames.add(new JsonObject(text))))
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new Conn(socket, frames);
  }

  private static JsonObject subscribeAccount(long accountId) {
    return new JsonObject().put("type", "subscribe").put("channel", "account").put("accountId", accountId);
  }

  private static JsonObject subscribeQuotes(String... symbols) {
    return new JsonObject().put("type", "subscribe").put("channel", "quotes").put("symbols", new JsonArray(List.of(symbols)));
  }

  private static void quote(String symbol, String bid, String ask) {
    TestMarket.quote(engine.vertx(), CLOCK, symbol, bid, ask);
  }
}
