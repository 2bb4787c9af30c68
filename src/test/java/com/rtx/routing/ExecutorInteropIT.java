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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability with an LP engine we did not write: QuickFIX/J's example Executor (2.3.1, its
 * standalone jar, copied to target/lp-executor by the build) runs as a separate process on a free
 * loopback port, with a settings file this test writes. The router logs on to it as RTX → EXEC
 * (no SenderSubID: the row describes a trade-only connection), a routing rule sends trader2's
 * account to it, and the test publishes the quotes (the Executor gives no market data).
 *
 * <p>What the Executor does that our simulator does not: it acknowledges with ExecType=F (Trade)
 * and OrdStatus=NEW, gives every report a new OrderID, numbers ExecIDs 1, 2, ... from its start,
 * fills market orders only at a fixed DefaultMarketPrice (not set here, so it takes limit orders
 * only) and limit orders at their limit (AlwaysFillLimitOrders=Y). So the client sends IOC/FOK
 * limit orders at the quote, which dealing routes to the LP as limits, and every order must end
 * FILLED at its limit, with one deal, once.
 */
@Timeout(300)
class ExecutorInteropIT {

  private static final String PASSWORD = "interop-Pa55word";
  private static final long ACCOUNT = 100003;
  private static final String BID = "1.10000";
  private static final String ASK = "1.10002";
  private static final MutableClock CLOCK = new MutableClock();
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static PgTarget database;
  private static Process executor;
  private static Path executorLog;
  private static Engine engine;
  private static int httpPort;
  private static int managementPort;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    int fixPort = Ports.free();
    executor = startExecutor(fixPort);
    database = TestInfra.migratedDatabase();
    // Only EXEC trades here: the demo LPs are not running, and the rule sends the account to EXEC.
    TestInfra.execute(database, "UPDATE liquidity_provider SET trading = false, market_data = false");
    TestInfra.execute(database, "INSERT INTO liquidity_provider (name, host, port, sender_comp_id, target_comp_id, "
      + "market_data, trading, trade_sender_sub_id) VALUES ('EXEC', '127.0.0.1', " + fixPort + ", 'RTX', 'EXEC', false, true, NULL)");
    TestInfra.execute(database, "INSERT INTO routing_rule (priority, account_id, action, lps, comment) "
      + "VALUES (1, " + ACCOUNT + ", 'A_BOOK', '{EXEC}', 'interop: QuickFIX/J Executor')");
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "router,dealing,gateway")
      .env("RTX_DEMO_ENABLED", "true").env("RTX_DEMO_PASSWORD", PASSWORD)
      .env("RTX_PRICING_STALE_MS", "600000")
      .env("RTX_ROUTER_RECONNECT_S", "1").env("RTX_ROUTER_ACQUIRE_INTERVAL_MS", "200")
      .env("RTX_ROUTER_STATUS_PUBLISH_MS", "200");
    httpPort = test.httpPort();
    managementPort = test.managementPort();
    api = new ApiClient(httpPort);
    engine = test.start(CLOCK);
    // The Executor gives no market data: quotes come from the test, as pricing would publish them.
    engine.vertx().setPeriodic(0, 200, id -> engine.vertx().eventBus().publish("rtx.prices.EURUSD", new JsonObject()
      .put("symbol", "EURUSD").put("bid", BID).put("ask", ASK).put("bidLp", "EXEC").put("askLp", "EXEC")
      .put("status", "OK").put("sequence", SEQUENCE.incrementAndGet()).put("lpTime", CLOCK.millis())
      .put("engineTime", CLOCK.millis())));
  }

  /** The Executor's own main class in a child JVM; it runs until its standard input closes. */
  private static Process startExecutor(int port) throws Exception {
    String jar = System.getProperty("rtx.lp.executor.jar", "target/lp-executor/quickfixj-executor.jar");
    assertThat(Path.of(jar)).as("the Executor's standalone jar (copied by the build's pre-integration-test phase)")
      .isRegularFile();
    Path dir = Files.createDirectories(Path.of("target", "test-data", "executor-" + ProcessHandle.current().pid()));
    Path settings = dir.resolve("executor.cfg");
    Files.writeString(settings, String.join("\n",
      "[default]",
      "ConnectionType=acceptor",
      "StartTime=00:00:00",
      "EndTime=00:00:00",
      "HeartBtInt=30",
      "FileStorePath=" + dir.resolve("store").toAbsolutePath(),
      "UseDataDictionary=Y",
      "ValidOrderTypes=2",
      "AlwaysFillLimitOrders=Y",
      "SenderCompID=EXEC",
      "TargetCompID=RTX",
      "SocketAcceptAddress=127.0.0.1",
      "",
      "[session]",
      "BeginString=FIX.4.4",
      "SocketAcceptPort=" + port,
      ""));
    executorLog = dir.resolve("executor.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-Xmx128m", "-jar", Path.of(jar).toAbsolutePath().toString(),
      settings.toAbsolutePath().toString())).redirectErrorStream(true).redirectOutput(executorLog.toFile()).start();
    // Listening once a connection is accepted.
    Eventually.await("the Executor listening on " + port, Duration.ofSeconds(60), () -> {
      assertThat(process.isAlive()).as("Executor alive; its log: " + executorLog).isTrue();
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return true;
      } catch (IOException e) {
        return false;
      }
    });
    return process;
  }

  @AfterAll
  static void stop() throws Exception {
    if (engine != null) {
      engine.stop();
    }
    if (executor != null) {
      executor.getOutputStream().close(); // its main returns on end of input and stops the acceptor
      if (!executor.waitFor(10, TimeUnit.SECONDS)) {
        executor.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (database != null) {
      TestInfra.drop(database);
    }
  }

  @Test
  void limitOrdersAtTheQuoteFillEndToEndThroughTheExecutor() throws Exception {
    String token = api.loginTrader("trader2", PASSWORD);
    List<JsonObject> results = new ArrayList<>();
    results.add(place(token, "BUY", ASK, "IOC", "0.10"));
    results.add(place(token, "SELL", BID, "FOK", "0.30"));
    results.add(place(token, "BUY", ASK, "IOC", "1.00"));

    String[] prices = {ASK, BID, ASK};
    for (int i = 0; i < results.size(); i++) {
      JsonObject result = results.get(i);
      assertThat(result.getString("status")).as(result.encode()).isEqualTo("FILLED");
      JsonObject deal = result.getJsonArray("events").stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("type").equals("deal.executed")).findFirst().orElseThrow().getJsonObject("deal");
      // pro-abook deals on the raw profile: the Executor's price (the limit) with no markup
      assertThat(deal.getString("price")).isEqualTo(prices[i]);
      long orderId = result.getLong("orderId");
      try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT o.status, o.lp, o.volume, o.route_reason, "
             + "(SELECT count(*) FROM deal d WHERE d.order_id = o.id), "
             + "(SELECT count(*) FROM lp_execution x WHERE x.order_id = o.id AND x.lp = 'EXEC') "
             + "FROM trade_order o WHERE o.id = " + orderId)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("FILLED");
        assertThat(rs.getString(2)).isEqualTo("EXEC");
        assertThat(rs.getString(4)).startsWith("A_BOOK");
        assertThat(rs.getLong(5)).as("one deal for order " + orderId).isEqualTo(1);
        assertThat(rs.getLong(6)).as("the Executor's fill recorded by its ExecID").isGreaterThanOrEqualTo(1);
      }
      executorReported(orderId);
    }
    // 0.10 + 1.00 bought, 0.30 sold, all at the Executor (hedging account: one position per deal);
    // only this test's orders count: the other test fills an order of its own on the same account.
    String orderIds = results.stream().map(r -> String.valueOf(r.getLong("orderId")))
      .collect(java.util.stream.Collectors.joining(","));
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM deal d JOIN trade_order o ON o.id = d.order_id "
           + "WHERE o.account_id = " + ACCOUNT + " AND o.lp = 'EXEC' AND o.id IN (" + orderIds + ")")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(3);
    }
  }

  /**
   * The Executor takes limit orders only: a market order gets a session-level Reject (35=3,
   * RefMsgType D, tag 40). The router reads it as the definitive "not accepted" it is, and the
   * client has the answer in the same request — not a 202 and an UNKNOWN order a while later.
   */
  @Test
  void aMarketOrderTheExecutorRefusesAtSessionLevelIsRejectedAtOnceWithItsWords() throws Exception {
    String token = api.loginTrader("trader2", PASSWORD);
    place(token, "BUY", ASK, "IOC", "0.01"); // the session and the quote are up
    HttpResponse<String> r = api.post("/api/v1/orders", new JsonObject().put("accountId", ACCOUNT).put("symbol", "EURUSD")
      .put("side", "BUY").put("type", "MARKET").put("volume", "0.10"), token);
    JsonObject body = Http.json(r);
    assertThat(body.getString("status")).as(r.body()).isEqualTo("REJECTED");
    assertThat(body.getString("reason")).isEqualTo("LP_REJECTED");
    assertThat(r.body()).contains("EXEC: refused the order (session Reject");
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT o.status, (SELECT count(*) FROM deal d WHERE d.order_id = o.id) "
           + "FROM trade_order o WHERE o.id = " + body.getLong("orderId"))) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("REJECTED");
      assertThat(rs.getLong(2)).isZero();
    }
  }

  /**
   * The same Executor with an execution profile that says what it is — limit orders only, IOC
   * (a market order's default fill-or-kill goes as FOK, never weakened to IOC),
   * an account and a tag of its own (Text, 58: the Executor checks every tag against its FIX 4.4
   * dictionary and rejects a custom one at session level, as a strict LP would): a client's market order goes out as a limit IOC at the quote
   * (deviation 0), the Executor fills it at that price, and the NewOrderSingle carries the LP's
   * Account (1), HandlInst (21) and fixed tag. (Orders whose time in force the profile does not
   * list are refused before sending: ExecutionProfileTest.)
   */
  @Test
  void aMarketOrderGoesAsALimitAtTheQuoteToAnLpWhoseProfileTakesLimitsOnly() throws Exception {
    String token = api.loginTrader("trader2", PASSWORD);
    place(token, "BUY", ASK, "IOC", "0.01"); // the session and the quote are up
    TestInfra.execute(database, "UPDATE liquidity_provider SET execution_profile = '{\"orderStyle\": \"LIMIT_IOC\", "
      + "\"maxDeviationPoints\": 0, \"timesInForce\": [\"IOC\", \"FOK\"], \"account\": \"RTX-HOUSE-7\", "
      + "\"handlInst\": \"1\", \"fixedTags\": {\"58\": \"desk-a\"}}' WHERE name = 'EXEC'");
    try {
      engine.vertx().eventBus().publish(com.rtx.bus.Addresses.REFDATA_CHANGED, new JsonObject().put("what", "lp").put("key", "EXEC"));
      Eventually.await("the router on the new profile", Duration.ofSeconds(30),
        () -> Http.get(managementPort, "/health/dependencies/router").body().contains("LIMIT_IOC"));

      HttpResponse<String> market = api.post("/api/v1/orders", new JsonObject().put("accountId", ACCOUNT)
        .put("symbol", "EURUSD").put("side", "BUY").put("type", "MARKET").put("volume", "0.20"), token);
      JsonObject filled = Http.json(market);
      assertThat(filled.getString("status")).as(market.body()).isEqualTo("FILLED");
      JsonObject deal = filled.getJsonArray("events").stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("type").equals("deal.executed")).findFirst().orElseThrow().getJsonObject("deal");
      assertThat(deal.getString("price")).isEqualTo(ASK);
      String clOrdId;
      try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT lp_cl_ord_id FROM trade_order WHERE id = " + filled.getLong("orderId"))) {
        assertThat(rs.next()).isTrue();
        clOrdId = rs.getString(1);
      }
      String sent = Files.readAllLines(executorLog).stream()
        .filter(l -> l.contains("incoming") && l.contains("\u000135=D\u0001") && l.contains("\u000111=" + clOrdId + "\u0001"))
        .findFirst().orElseThrow();
      assertThat(sent).contains("\u000140=2\u0001", "\u000144=" + ASK + "\u0001", "\u000159=4\u0001",
        "\u00011=RTX-HOUSE-7\u0001", "\u000121=1\u0001", "\u000158=desk-a\u0001");

    } finally {
      TestInfra.execute(database, "UPDATE liquidity_provider SET execution_profile = NULL WHERE name = 'EXEC'");
      engine.vertx().eventBus().publish(com.rtx.bus.Addresses.REFDATA_CHANGED, new JsonObject().put("what", "lp").put("key", "EXEC"));
      Eventually.await("the router back on the default profile", Duration.ofSeconds(30),
        () -> !Http.get(managementPort, "/health/dependencies/router").body().contains("LIMIT_IOC"));
    }
  }

  /**
   * What the Executor itself sent for the order (its screen log): an acknowledgement with
   * OrdStatus=NEW and CumQty=0 but a Trade/Fill ExecType, then the fill, each under a new OrderID,
   * so the router keys on ClOrdID, OrdStatus and CumQty.
   */
  private static void executorReported(long orderId) throws Exception {
    String clOrdId;
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT lp_cl_ord_id FROM trade_order WHERE id = " + orderId)) {
      assertThat(rs.next()).isTrue();
      clOrdId = rs.getString(1);
    }
    List<java.util.Map<String, String>> reports = new ArrayList<>();
    for (String line : Files.readAllLines(executorLog)) {
      if (line.contains("outgoing") && line.contains("\u000135=8\u0001") && line.contains("\u000111=" + clOrdId + "\u0001")) {
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        for (String field : line.split("\u0001")) {
          int eq = field.indexOf('=');
          if (eq > 0) {
            fields.putIfAbsent(field.substring(0, eq), field.substring(eq + 1));
          }
        }
        reports.add(fields);
      }
    }
    assertThat(reports).as("the Executor's reports for " + clOrdId).hasSize(2);
    assertThat(reports.get(0).get("39")).isEqualTo("0");
    assertThat(reports.get(0).get("14")).isEqualTo("0");
    assertThat(reports.get(0).get("150")).isIn("2", "F");
    assertThat(reports.get(1).get("39")).isEqualTo("2");
    assertThat(reports.get(1).get("37")).isNotEqualTo(reports.get(0).get("37"));
  }

  /** Places a limit order at {@code price}; retries while the LP session or the quote is not up yet. */
  private static JsonObject place(String token, String side, String price, String tif, String volume) {
    AtomicReference<JsonObject> placed = new AtomicReference<>();
    Eventually.await("an order through the Executor once its session is up", Duration.ofSeconds(90), () -> {
      HttpResponse<String> r = api.post("/api/v1/orders", new JsonObject().put("accountId", ACCOUNT).put("symbol", "EURUSD")
        .put("side", side).put("type", "LIMIT").put("price", price).put("timeInForce", tif).put("volume", volume), token);
      JsonObject body = Http.json(r);
      String reason = body.getString("reason");
      if (r.statusCode() == 422 && ("ROUTING_UNAVAILABLE".equals(reason) || "NO_QUOTE".equals(reason)
        || "SYMBOL_STALE".equals(reason))) {
        return false;
      }
      assertThat(r.statusCode()).as(r.body() + "; Executor log: " + executorLog).isEqualTo(200);
      placed.set(body);
      return true;
    });
    return placed.get();
  }
}
