package com.rtx.dealing;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.TestInfra;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static com.rtx.dealing.DealingFixture.A_BOOK;
import static com.rtx.dealing.DealingFixture.HEDGING;
import static com.rtx.dealing.DealingFixture.market;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A-Book orders through the dealing shard, with the test playing the router (the FIX adapter):
 * it answers {@code rtx.router.orders}, reports LP sessions on {@code rtx.router.lp-status}, and
 * sends execution reports as the router would. The shard records each order before it is sent,
 * books fills at the LP price plus markup, tries the next LP after a reject, asks for the status
 * after silence, applies each ExecID once, and recovers orders at the LP after a restart.
 */
@Timeout(300)
class DealingAbookIT {

  private static PgTarget database;
  private static DealingFixture dealing;
  private static final LinkedBlockingQueue<Message<JsonObject>> toRouter = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    startEngine();
  }

  private static void startEngine() {
    dealing = new DealingFixture(database).start("RTX_DEALING_LP_TIMEOUT_MS", "400", "RTX_DEALING_TIMER_MS", "50");
    dealing.engine.vertx().eventBus().<JsonObject>consumer("rtx.router.orders", toRouter::add);
    dealing.quote("EURUSD", "1.10000", "1.10002");
  }

  @AfterAll
  static void stop() {
    dealing.stop();
    TestInfra.drop(database);
  }

  @BeforeEach
  void lpsUp() {
    toRouter.clear();
    lp("LP1", "LOGGED_ON");
    lp("LP2", "LOGGED_ON");
  }

  private static void lp(String lp, String state) {
    dealing.engine.vertx().eventBus().publish("rtx.router.lp-status", new JsonObject().put("lp", lp).put("state", state)
      .put("node", "test"));
  }

  /** The next message to the router, answered {"sent": true}. */
  private static JsonObject routed() throws InterruptedException {
    Message<JsonObject> m = toRouter.poll(30, TimeUnit.SECONDS);
    assertThat(m).as("a message to the router").isNotNull();
    m.reply(new JsonObject().put("sent", true));
    return m.body();
  }

  private static JsonObject report(JsonObject sent, String execId, String execType, String ordStatus, String lastQty,
                                   String lastPx, String leavesQty) {
    JsonObject r = new JsonObject().put("op", "execution").put("accountId", sent.getLong("accountId"))
      .put("orderId", sent.getLong("orderId")).put("clOrdId", sent.getString("clOrdId")).put("lp", sent.getString("lp"))
      .put("execId", execId).put("possDup", false).put("execType", execType).put("ordStatus", ordStatus)
      .put("lastQty", lastQty).put("lastPx", lastPx).put("avgPx", lastPx).put("leavesQty", leavesQty);
    return r;
  }

  @Test
  void anOrderIsRecordedSentFilledAtTheLpPriceAndEachExecIdAppliesOnce() throws Exception {
    CompletableFuture<JsonObject> reply = dealing.sendAsync(market(A_BOOK, "EURUSD", "BUY", "0.10", "ab-1"));
    JsonObject sent = routed();
    assertThat(sent.getString("type")).isEqualTo("new");
    assertThat(sent.getString("lp")).isEqualTo("LP1");
    assertThat(sent.getString("ordType")).isEqualTo("MARKET");
    assertThat(sent.getString("volume")).isEqualTo("0.10");
    // Durable before it left: the order row exists, SENT_TO_LP, with its LP and ClOrdID.
    assertThat(DealingIT.count(database, "SELECT count(*) FROM trade_order WHERE id = " + sent.getLong("orderId")
      + " AND status = 'SENT_TO_LP' AND lp = 'LP1' AND lp_cl_ord_id = '" + sent.getString("clOrdId") + "'"
      + " AND route_reason LIKE 'A_BOOK: group pro-abook default%'")).isEqualTo(1);
    assertThat(reply).isNotDone();

    JsonObject fill = report(sent, "x-1", "FILL", "FILLED", "0.10", "1.10003", "0");
    assertThat(dealing.send(fill).getString("status")).isEqualTo("OK");
    JsonObject result = reply.get(30, TimeUnit.SECONDS);
    assertThat(result.getString("status")).as(result.encode()).isEqualTo("FILLED");
    JsonObject deal = result.getJsonArray("events").stream().map(JsonObject.class::cast)
      .filter(e -> e.getString("type").equals("deal.executed")).findFirst().orElseThrow().getJsonObject("deal");
    // pro-abook deals on the raw profile: no markup on top of the LP's price
    assertThat(deal.getString("price")).isEqualTo("1.10003");
    assertThat(deal.getJsonObject("quote").getString("askLp")).isEqualTo("LP1");

    assertThat(dealing.send(fill).getString("status")).isEqualTo("OK");
    assertThat(DealingIT.count(database, "SELECT count(*) FROM deal WHERE order_id = " + sent.getLong("orderId")))
      .isEqualTo(1);
    assertThat(DealingIT.count(database, "SELECT count(*) FROM lp_execution WHERE exec_id = 'x-1'")).isEqualTo(1);
    JsonObject replay = dealing.send(market(A_BOOK, "EURUSD", "BUY", "0.10", "ab-1"));
    assertThat(replay.getBoolean("replay")).isTrue();
    assertThat(replay.getString("status")).isEqualTo("FILLED");
  }

  @Test
  void aRejectMovesTheOrderToTheNextLpAndTheLastRejectReachesTheClient() throws Exception {
    CompletableFuture<JsonObject> reply = dealing.sendAsync(market(A_BOOK, "EURUSD", "SELL", "0.20", "ab-2"));
    JsonObject first = routed();
    assertThat(first.getString("lp")).isEqualTo("LP1");
    dealing.send(report(first, "r-1", "REJECTED", "REJECTED", "0", "0", "0").put("text", "last look"));
    JsonObject second = routed();
    assertThat(second.getString("lp")).isEqualTo("LP2");
    assertThat(second.getString("clOrdId")).isNotEqualTo(first.getString("clOrdId"));
    assertThat(reply).isNotDone();
    dealing.send(report(second, "r-2", "REJECTED", "REJECTED", "0", "0", "0").put("text", "no liquidity"));
    JsonObject result = reply.get(30, TimeUnit.SECONDS);
    assertThat(result.getString("status")).isEqualTo("REJECTED");
    assertThat(result.getString("reason")).isEqualTo("LP_REJECTED");
    assertThat(dealing.account(A_BOOK).getJsonObject("account").getString("margin")).isNotNull();
  }

  @Test
  void partialFillsBookOneDealEach() throws Exception {
    CompletableFuture<JsonObject> reply = dealing.sendAsync(market(A_BOOK, "EURUSD", "BUY", "0.10", "ab-3"));
    JsonObject sent = routed();
    dealing.send(report(sent, "p-1", "PARTIAL_FILL", "PARTIALLY_FILLED", "0.04", "1.10001", "0.06"));
    assertThat(reply).isNotDone();
    dealing.send(report(sent, "p-2", "FILL", "FILLED", "0.06", "1.10004", "0"));
    assertThat(reply.get(30, TimeUnit.SECONDS).getString("status")).isEqualTo("FILLED");
    assertThat(DealingIT.count(database, "SELECT count(*) FROM deal WHERE order_id = " + sent.getLong("orderId")))
      .isEqualTo(2);
  }

  @Test
  void silenceAsksForTheStatusAndTheAnswerSettlesTheOrder() throws Exception {
    CompletableFuture<JsonObject> reply = dealing.sendAsync(market(A_BOOK, "EURUSD", "BUY", "0.10", "ab-4"));
    JsonObject sent = routed();
    JsonObject interim = reply.get(30, TimeUnit.SECONDS);
    assertThat(interim.getString("status")).isEqualTo("SENT_TO_LP");
    JsonObject status = routed();
    assertThat(status.getString("type")).isEqualTo("status");
    assertThat(status.getString("clOrdId")).isEqualTo(sent.getString("clOrdId"));

    dealing.send(report(sent, "s-1", "ORDER_STATUS", "FILLED", "0", "1.10002", "0"));
    Eventually.await("the status answer filled the order", Duration.ofSeconds(30), () -> DealingIT.count(database,
      "SELECT count(*) FROM trade_order WHERE id = " + sent.getLong("orderId") + " AND status = 'FILLED'") == 1);
    assertThat(dealing.send(market(A_BOOK, "EURUSD", "BUY", "0.10", "ab-4")).getString("status")).isEqualTo("FILLED");
  }

  @Test
  void noConnectedLpRefusesTheOrderAndARuleSendsLargeTicketsOfAnotherGroupToAnLp() throws Exception {
    lp("LP1", "LOGGED_OUT");
    lp("LP2", "LOGGED_OUT");
    JsonObject refused = dealing.send(market(A_BOOK, "EURUSD", "BUY", "0.10", null));
    assertThat(refused.getString("reason")).as(refused.encode()).isEqualTo("ROUTING_UNAVAILABLE");
    lpsUp();

    TestInfra.execute(database, "INSERT INTO routing_rule (priority, group_name, symbol, min_volume, action, lps) "
      + "VALUES (10, 'retail-hedging', 'EURUSD', 5, 'A_BOOK', '{LP2}')");
    dealing.engine.vertx().eventBus().publish("rtx.refdata.changed", new JsonObject());
    Eventually.await("the rule is live", Duration.ofSeconds(30), () -> {
      JsonObject small = dealing.send(market(HEDGING, "EURUSD", "BUY", "0.01", null));
      if (!"FILLED".equals(small.getString("status"))) {
        throw new AssertionError(small.encode());
      }
      CompletableFuture<JsonObject> large = dealing.sendAsync(market(HEDGING, "EURUSD", "BUY", "5", null));
      Message<JsonObject> m;
      try {
        m = toRouter.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      if (m == null) {
        large.join();
        return false;
      }
      m.reply(new JsonObject().put("sent", true));
      assertThat(m.body().getString("lp")).isEqualTo("LP2");
      dealing.send(report(m.body(), "rule-1", "FILL", "FILLED", "5", "1.10002", "0"));
      assertThat(large.join().getString("status")).isEqualTo("FILLED");
      return true;
    });
    assertThat(DealingIT.count(database, "SELECT count(*) FROM trade_order WHERE account_id = " + HEDGING
      + " AND route_rule IS NOT NULL AND lp = 'LP2'")).isEqualTo(1);
    // retail-hedging deals on the standard profile: EURUSD ask + 4 points over the LP's 1.10002, on
    // 5 lots = 4 x 0.00001 x 100,000 x 5 = 20.00 USD earned by the broker on that A-Book fill.
    assertThat(DealingIT.count(database, "SELECT d.lp_markup FROM deal d JOIN trade_order o ON o.id = d.order_id "
      + "WHERE o.account_id = " + HEDGING + " AND o.lp = 'LP2'")).isEqualTo(2000);
  }

  @Test
  void aSplitRuleFillsItsShareInternallyAndSendsTheRestToTheLp() throws Exception {
    TestInfra.execute(database, "INSERT INTO routing_rule (priority, account_id, symbol, action, a_book_percent, lps) "
      + "VALUES (5, " + DealingFixture.NETTING + ", 'EURUSD', 'SPLIT', 60, '{LP1}')");
    dealing.engine.vertx().eventBus().publish("rtx.refdata.changed", new JsonObject());
    CompletableFuture<JsonObject> reply = null;
    JsonObject sent = null;
    for (int attempt = 0; attempt < 50 && sent == null; attempt++) {
      reply = dealing.sendAsync(market(DealingFixture.NETTING, "EURUSD", "BUY", "1.00", "split-" + attempt));
      Message<JsonObject> m = toRouter.poll(500, TimeUnit.MILLISECONDS);
      if (m == null) {
        assertThat(reply.get(30, TimeUnit.SECONDS).getString("status")).isEqualTo("FILLED"); // rule not live yet
        continue;
      }
      m.reply(new JsonObject().put("sent", true));
      sent = m.body();
    }
    assertThat(sent).as("the split's LP share reached the router").isNotNull();
    // 60 % of 1.00 lot to the LP, the other 0.40 filled at once in the B-Book
    assertThat(sent.getString("volume")).isEqualTo("0.60");
    assertThat(DealingIT.count(database, "SELECT count(*) FROM trade_order WHERE account_id = " + DealingFixture.NETTING
      + " AND status = 'FILLED' AND volume = 40 AND route_reason LIKE 'SPLIT%'")).isEqualTo(1);
    dealing.send(report(sent, "split-x", "FILL", "FILLED", "0.60", "1.10003", "0"));
    JsonObject result = reply.get(30, TimeUnit.SECONDS);
    assertThat(result.getString("status")).as(result.encode()).isEqualTo("FILLED");
    assertThat(result.getJsonArray("events").stream().map(JsonObject.class::cast)
      .filter(e -> e.getString("type").equals("deal.executed")).count()).isEqualTo(2);
    TestInfra.execute(database, "DELETE FROM routing_rule WHERE priority = 5");
    dealing.engine.vertx().eventBus().publish("rtx.refdata.changed", new JsonObject());
  }

  @Test
  void anOrderLeftAtTheLpByARestartIsReconciledFromTheLp() throws Exception {
    CompletableFuture<JsonObject> reply = dealing.sendAsync(market(A_BOOK, "EURUSD", "SELL", "0.10", "ab-5"));
    JsonObject sent = routed();
    dealing.stop();
    reply.cancel(true); // the client never heard back: its engine is gone

    startEngine();
    lpsUp();
    JsonObject status = routed();
    assertThat(status.getString("type")).isEqualTo("status");
    assertThat(status.getLong("orderId")).isEqualTo(sent.getLong("orderId"));
    dealing.send(report(sent, "rs-1", "ORDER_STATUS", "FILLED", "0", "1.09998", "0"));
    Eventually.await("reconciled", Duration.ofSeconds(30), () -> DealingIT.count(database,
      "SELECT count(*) FROM deal WHERE order_id = " + sent.getLong("orderId")) == 1);
  }

  @Test
  void aPartialFillResentAfterARestartIsBookedOnce() throws Exception {
    CompletableFuture<JsonObject> reply = dealing.sendAsync(market(A_BOOK, "EURUSD", "BUY", "0.10", "ab-6"));
    JsonObject sent = routed();
    JsonObject partial = report(sent, "pf-1", "PARTIAL_FILL", "PARTIALLY_FILLED", "0.04", "1.10003", "0.06")
      .put("cumQty", "0.04");
    assertThat(dealing.send(partial).getString("status")).isEqualTo("OK");
    long orderId = sent.getLong("orderId");
    assertThat(DealingIT.count(database, "SELECT count(*) FROM deal WHERE order_id = " + orderId)).isEqualTo(1);
    dealing.stop();
    reply.cancel(true);
    assertThat(DealingIT.count(database, "SELECT count(*) FROM trade_order WHERE id = " + orderId
      + " AND status = 'SENT_TO_LP'")).as("the rest is at the LP").isEqualTo(1);

    // The FIX session's incoming sequence number is written behind: after the restart the LP resends
    // what the platform already booked (PossDup), and the shard rebuilt the order from the database.
    startEngine();
    lpsUp();
    assertThat(routed().getString("type")).as("the recovered order's status request").isEqualTo("status");
    assertThat(dealing.send(partial.copy().put("possDup", true)).getString("status")).isEqualTo("OK");
    assertThat(DealingIT.count(database, "SELECT count(*) FROM deal WHERE order_id = " + orderId))
      .as("the resent partial fill is not booked again").isEqualTo(1);

    JsonObject rest = report(sent, "pf-2", "FILL", "FILLED", "0.06", "1.10004", "0").put("cumQty", "0.10");
    assertThat(dealing.send(rest).getString("status")).isEqualTo("OK");
    Eventually.await("the rest booked", Duration.ofSeconds(30), () -> DealingIT.count(database,
      "SELECT count(*) FROM trade_order WHERE id = " + orderId + " AND status = 'FILLED'") == 1);
    assertThat(DealingIT.count(database, "SELECT count(*) FROM deal WHERE order_id = " + orderId)).isEqualTo(2);
  }

  @Test
  void aReportNamingAnotherSymbolThanItsOrderIsNotBooked() throws Exception {
    CompletableFuture<JsonObject> reply = dealing.sendAsync(market(A_BOOK, "EURUSD", "BUY", "0.10", "ab-7"));
    JsonObject sent = routed();
    long orderId = sent.getLong("orderId");
    // Its quantities were scaled as another instrument's: 0.10 "lots" of the wrong symbol say nothing of this order.
    JsonObject wrong = report(sent, "sy-1", "FILL", "FILLED", "0.10", "1.10003", "0").put("symbol", "LP:EUR/USD");
    assertThat(dealing.send(wrong).getString("status")).isEqualTo("OK");
    assertThat(DealingIT.count(database, "SELECT count(*) FROM deal WHERE order_id = " + orderId)).isZero();
    assertThat(reply).isNotDone();

    JsonObject right = report(sent, "sy-2", "FILL", "FILLED", "0.10", "1.10003", "0").put("symbol", "EURUSD");
    assertThat(dealing.send(right).getString("status")).isEqualTo("OK");
    assertThat(reply.get(30, TimeUnit.SECONDS).getString("status")).isEqualTo("FILLED");
    assertThat(DealingIT.count(database, "SELECT count(*) FROM deal WHERE order_id = " + orderId)).isEqualTo(1);
  }
}
