package com.rtx.routing;

import com.rtx.platform.Engine;
import com.rtx.bus.RouterAddresses;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Http;
import com.rtx.support.Ports;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router end to end over real FIX trade sessions on 127.0.0.1: an engine with roles
 * {@code lp-sim,router}, the LP rows pointing at its simulator, and {@link ShardRecorder} standing
 * in for the dealing shards on the bus. The simulated LPs tick once a minute, so the price an order
 * meets is the one a persistent spike just put in the LP's book.
 */
@Timeout(300)
class RouterIT {

  private static PgTarget database;
  private static Engine engine;
  private static int controlPort;
  private static ShardRecorder shards;
  private static long orderIds = 100;

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    int fixPort = Ports.free();
    controlPort = Ports.free();
    TestInfra.execute(database, "UPDATE liquidity_provider SET port = " + fixPort);
    engine = TestEngine.on(database)
      .env("RTX_ROLES", "lp-sim,router")
      .env("RTX_LPSIM_PORT", String.valueOf(fixPort))
      .env("RTX_LPSIM_CONTROL_PORT", String.valueOf(controlPort))
      .env("RTX_LPSIM_LPS", "[{\"name\":\"LP1\",\"tick-interval-ms\":60000},"
        + "{\"name\":\"LP2\",\"tick-interval-ms\":60000,\"order-latency-ms\":5}]")
      .env("RTX_ROUTER_ACQUIRE_INTERVAL_MS", "200")
      .env("RTX_ROUTER_FIX_HEARTBEAT_S", "1")
      .env("RTX_ROUTER_RECONNECT_S", "1")
      .env("RTX_ROUTER_STATUS_PUBLISH_MS", "500")
      .start();
    shards = new ShardRecorder(engine.vertx(), engine.config().dealing().shards());
    shards.awaitStatus("LP1", s -> "LOGGED_ON".equals(s.getString("state")), 0);
    shards.awaitStatus("LP2", s -> "LOGGED_ON".equals(s.getString("state")), 0);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @BeforeEach
  void resetFaults() {
    control("/reset", new JsonObject());
  }

  private static JsonObject control(String path, JsonObject body) {
    var response = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + path))
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return Http.json(response);
  }

  /** Moves the LP's level by one point for good and returns the quote now in its book. */
  private static JsonObject book(String lp, String symbol) {
    return control("/lps/" + lp + "/symbols/" + symbol + "/spike", new JsonObject().put("points", 1).put("persist", true));
  }

  private static JsonObject request(JsonObject body) {
    try {
      return engine.vertx().eventBus().<JsonObject>request(RouterAddresses.ORDERS, body,
          new DeliveryOptions().setSendTimeout(10_000)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS).body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonObject order(long accountId, String lp, String side, String volume, String ordType, String price,
                                  String tif) {
    long orderId = ++orderIds;
    JsonObject body = new JsonObject().put("type", "new").put("clOrdId", RouterAddresses.clOrdId(accountId, orderId, "1"))
      .put("orderId", orderId).put("accountId", accountId).put("lp", lp).put("symbol", "EURUSD").put("side", side)
      .put("volume", volume).put("ordType", ordType).put("timeInForce", tif);
    if (price != null) {
      body.put("price", price);
    }
    return body;
  }

  @Test
  void aMarketOrderIsSentInUnitsAndItsReportsReachTheAccountsShardInLots() {
    JsonObject quote = book("LP1", "EURUSD");
    JsonObject order = order(23, "LP1", "BUY", "0.10", "MARKET", null, "IOC");

    assertThat(request(order)).isEqualTo(new JsonObject().put("sent", true));

    List<ShardRecorder.Received> reports = shards.awaitReports(order.getString("clOrdId"), 2);
    assertThat(reports).allSatisfy(r -> assertThat(r.address()).isEqualTo("rtx.dealing.shard.7"));
    JsonObject ack = reports.get(0).body();
    JsonObject fill = reports.get(1).body();
    assertThat(ack.getString("op")).isEqualTo("execution");
    assertThat(ack.getLong("accountId")).isEqualTo(23);
    assertThat(ack.getLong("orderId")).isEqualTo(order.getLong("orderId"));
    assertThat(ack.getString("lp")).isEqualTo("LP1");
    assertThat(ack.getString("execType")).isEqualTo("NEW");
    assertThat(ack.getString("ordStatus")).isEqualTo("NEW");
    assertThat(ack.getString("leavesQty")).isEqualTo("0.10");
    assertThat(ack.getBoolean("possDup")).isFalse();
    assertThat(fill.getString("execType")).isEqualTo("FILL");
    assertThat(fill.getString("ordStatus")).isEqualTo("FILLED");
    assertThat(fill.getString("lastQty")).isEqualTo("0.10");
    assertThat(fill.getString("cumQty")).isEqualTo("0.10");
    assertThat(fill.getString("leavesQty")).isEqualTo("0.00");
    assertThat(new BigDecimal(fill.getString("lastPx"))).isEqualByComparingTo(quote.getString("ask"));
    assertThat(new BigDecimal(fill.getString("avgPx"))).isEqualByComparingTo(quote.getString("ask"));
    assertThat(fill.getString("execId")).isNotEqualTo(ack.getString("execId"));
  }

  @Test
  void statusRequestsAndCancelsAreAnswered() {
    JsonObject quote = book("LP1", "EURUSD");
    String below = new BigDecimal(quote.getString("ask")).subtract(new BigDecimal("0.01000")).toPlainString();
    JsonObject order = order(5, "LP1", "BUY", "1.5", "LIMIT", below, "GTC");
    String clOrdId = order.getString("clOrdId");
    assertThat(request(order).getBoolean("sent")).isTrue();
    shards.awaitReports(clOrdId, 1);

    JsonObject status = new JsonObject().put("type", "status").put("clOrdId", clOrdId).put("lp", "LP1")
      .put("orderId", order.getLong("orderId")).put("accountId", 5L).put("symbol", "EURUSD").put("side", "BUY");
    assertThat(request(status).getBoolean("sent")).isTrue();
    JsonObject answer = shards.awaitReports(clOrdId, 2).get(1).body();

    String cancelId = RouterAddresses.clOrdId(5, order.getLong("orderId"), "c1");
    JsonObject cancel = status.copy().put("type", "cancel").put("clOrdId", cancelId).put("origClOrdId", clOrdId);
    assertThat(request(cancel).getBoolean("sent")).isTrue();
    JsonObject cancelled = shards.awaitReports(cancelId, 1).get(0).body();

    assertThat(answer.getString("execType")).isEqualTo("ORDER_STATUS");
    assertThat(answer.getString("ordStatus")).isEqualTo("NEW");
    assertThat(answer.getString("leavesQty")).isEqualTo("1.50");
    assertThat(answer.getString("cumQty")).isEqualTo("0.00");
    assertThat(cancelled.getString("execType")).isEqualTo("CANCELED");
    assertThat(cancelled.getString("ordStatus")).isEqualTo("CANCELED");
    assertThat(cancelled.getLong("orderId")).isEqualTo(order.getLong("orderId"));
  }

  @Test
  void duplicateReportsAreDeliveredWithPossDupAndTheSameExecId() {
    control("/lps/LP2/orders/duplicate-reports", new JsonObject());
    JsonObject order = order(9, "LP2", "SELL", "0.01", "MARKET", null, "IOC");

    assertThat(request(order).getBoolean("sent")).isTrue();

    List<ShardRecorder.Received> reports = shards.awaitReports(order.getString("clOrdId"), 4);
    assertThat(reports).extracting(r -> r.body().getBoolean("possDup")).containsExactly(false, true, false, true);
    assertThat(reports.get(1).body().getString("execId")).isEqualTo(reports.get(0).body().getString("execId"));
    assertThat(reports.get(3).body().getString("execId")).isEqualTo(reports.get(2).body().getString("execId"));
    assertThat(reports.get(3).body().getString("lastQty")).isEqualTo("0.01");
  }

  @Test
  void requestsOutsideTheContractAreRefusedWithAReason() {
    JsonObject good = order(3, "LP1", "BUY", "0.10", "MARKET", null, "IOC");

    assertThat(request(good.copy().put("lp", "LP9")).getString("reason")).isEqualTo("UNKNOWN_LP");
    assertThat(request(good.copy().put("clOrdId", "abc")).getString("reason")).isEqualTo("INVALID");
    assertThat(request(good.copy().put("accountId", 4L)).getString("reason")).isEqualTo("INVALID");
    assertThat(request(good.copy().put("volume", "-1")).getString("reason")).isEqualTo("INVALID");
    assertThat(request(good.copy().put("symbol", "NOPE")).getString("reason")).isEqualTo("INVALID");
    assertThat(request(good.copy().put("ordType", "LIMIT")).getString("reason")).isEqualTo("INVALID");
    assertThat(request(good.copy().put("timeInForce", "DAY")).getString("reason")).isEqualTo("INVALID");
  }

  @Test
  void aDroppedLpIsLoggedOutAndRefusesOrdersUntilItIsBack() {
    int mark = shards.mark();
    control("/lps/LP2/refuse-logon", new JsonObject().put("refuse", true));
    control("/lps/LP2/trade/disconnect", new JsonObject());

    JsonObject down = shards.awaitStatus("LP2", s -> "LOGGED_OUT".equals(s.getString("state")), mark);
    JsonObject refused = request(order(11, "LP2", "BUY", "0.10", "MARKET", null, "IOC"));
    int back = shards.mark();
    control("/lps/LP2/refuse-logon", new JsonObject().put("refuse", false));
    shards.awaitStatus("LP2", s -> "LOGGED_ON".equals(s.getString("state")), back);
    JsonObject accepted = request(order(11, "LP2", "BUY", "0.10", "MARKET", null, "IOC"));

    assertThat(down.getString("node")).isNotBlank();
    assertThat(refused.getBoolean("sent")).isFalse();
    assertThat(refused.getString("reason")).isEqualTo("LP_DOWN");
    assertThat(accepted.getBoolean("sent")).isTrue();
  }

  @Test
  void disconnectMidOrderReportsArriveAfterReconnectAsPossibleDuplicates() {
    control("/lps/LP1/orders/disconnect-mid-order", new JsonObject());
    JsonObject order = order(44, "LP1", "BUY", "0.20", "MARKET", null, "IOC");

    assertThat(request(order).getBoolean("sent")).isTrue();

    List<ShardRecorder.Received> reports = shards.awaitReports(order.getString("clOrdId"), 2);
    assertThat(reports).allSatisfy(r -> assertThat(r.body().getBoolean("possDup")).isTrue());
    assertThat(reports.get(1).body().getString("execType")).isEqualTo("FILL");
    assertThat(reports.get(1).body().getString("cumQty")).isEqualTo("0.20");
  }
}
