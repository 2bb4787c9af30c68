package com.rtx.dealing;

import com.rtx.core.toxicity.MarkedDeal;
import com.rtx.core.toxicity.ToxicityParams;
import com.rtx.core.toxicity.ToxicityScore;
import com.rtx.core.trading.Side;
import com.rtx.bus.HedgingAddresses;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.TestInfra;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static com.rtx.dealing.DealingFixture.HEDGING;
import static com.rtx.dealing.DealingFixture.NETTING;
import static com.rtx.dealing.DealingFixture.market;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hedger and the toxicity monitor with the dealing role, the test playing the router as in
 * {@link DealingAbookIT}: B-Book fills push the house's exposure over a limit and a hedge of the
 * house account reaches the router, not before; the hedged volume moves only with the LP's fill.
 * Toxic trading (short horizons) stores markouts, computes a score, and a routing rule on the
 * score then sends the account's next order to an LP.
 */
@Timeout(300)
class HedgingIT {

  private static final long HOUSE = 1;
  private static PgTarget database;
  private static DealingFixture dealing;
  private static final LinkedBlockingQueue<Message<JsonObject>> toRouter = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    TestInfra.execute(database, "UPDATE exposure_limit SET max_net_lots = 1.00, target_net_lots = 0.20 "
      + "WHERE symbol = 'EURUSD'");
    // Toxic accounts of retail-netting go to LP2; the score starts at 0, below the range.
    TestInfra.execute(database, "INSERT INTO routing_rule (priority, group_name, symbol, min_toxicity, action, lps) "
      + "VALUES (20, 'retail-netting', 'GBPUSD', 0.5, 'A_BOOK', '{LP2}')");
    dealing = new DealingFixture(database).start("RTX_DEALING_LP_TIMEOUT_MS", "120000", "RTX_DEALING_TIMER_MS", "50",
      "RTX_HEDGING_CHECK_MS", "100", "RTX_HEDGING_SNAPSHOT_MS", "200", "RTX_TOXICITY_HORIZONS_MS", "500,1000,1500",
      "RTX_TOXICITY_RECOMPUTE_MS", "200");
    dealing.engine.vertx().eventBus().<JsonObject>consumer("rtx.router.orders", toRouter::add);
    for (String lp : List.of("LP1", "LP2")) {
      dealing.engine.vertx().eventBus().publish("rtx.router.lp-status", new JsonObject().put("lp", lp)
        .put("state", "LOGGED_ON").put("node", "test"));
    }
    dealing.quote("EURUSD", "1.10000", "1.10002");
    dealing.quote("GBPUSD", "1.25000", "1.25002");
  }

  @AfterAll
  static void stop() {
    if (dealing != null) {
      dealing.stop();
    }
    TestInfra.drop(database);
  }

  private static JsonObject view() {
    return dealing.engine.vertx().eventBus().<JsonObject>request(HedgingAddresses.EXPOSURE, new JsonObject())
      .map(Message::body).toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }

  private static JsonObject row(String symbol) {
    return view().getJsonArray("symbols").stream().map(JsonObject.class::cast)
      .filter(r -> r.getString("symbol").equals(symbol)).findFirst().orElse(new JsonObject());
  }

  private static void filled(long account, String symbol, String side, String volume) {
    JsonObject r = dealing.send(market(account, symbol, side, volume, null));
    assertThat(r.getString("status")).as(r.encode()).isEqualTo("FILLED");
  }

  @Test
  void aHedgeGoesOutStrictlyAboveTheLimitAndCountsOnlyOnceFilled() throws Exception {
    filled(HEDGING, "EURUSD", "BUY", "0.60");
    filled(HEDGING, "EURUSD", "BUY", "0.40");
    // The house is short 1.00: exactly at the limit, so nothing goes out, however many decisions run.
    Eventually.await("the hedger sees -1.00", Duration.ofSeconds(30),
      () -> "-1.00".equals(row("EURUSD").getString("clientNet")));
    assertThat(toRouter.poll(1500, TimeUnit.MILLISECONDS)).as("no hedge at the limit").isNull();

    filled(HEDGING, "EURUSD", "BUY", "0.01");
    Message<JsonObject> m = toRouter.poll(30, TimeUnit.SECONDS);
    assertThat(m).as("a hedge for the router").isNotNull();
    m.reply(new JsonObject().put("sent", true));
    JsonObject hedge = m.body();
    assertThat(hedge.getLong("accountId")).isEqualTo(HOUSE);
    assertThat(hedge.getString("type")).isEqualTo("new");
    assertThat(hedge.getString("symbol")).isEqualTo("EURUSD");
    assertThat(hedge.getString("side")).isEqualTo("BUY");
    assertThat(hedge.getString("volume")).isEqualTo("0.81");
    assertThat(hedge.getString("ordType")).isEqualTo("MARKET");

    // Sent but not filled: nothing hedged yet, the symbol is in flight, and no second hedge follows.
    JsonObject before = row("EURUSD");
    assertThat(before.getString("hedged")).isEqualTo("0.00");
    assertThat(before.getString("unhedged")).isEqualTo("-1.01");
    assertThat(before.getBoolean("hedgeInFlight")).isTrue();
    assertThat(toRouter.poll(1500, TimeUnit.MILLISECONDS)).as("no second hedge while one is in flight").isNull();
    assertThat(DealingIT.count(database, "SELECT count(*) FROM trade_order WHERE account_id = 1 AND status = 'SENT_TO_LP'"
      + " AND client_order_id LIKE 'hedge-EURUSD-%'")).isEqualTo(1);

    JsonObject fill = new JsonObject().put("op", "execution").put("accountId", HOUSE)
      .put("orderId", hedge.getLong("orderId")).put("clOrdId", hedge.getString("clOrdId")).put("lp", hedge.getString("lp"))
      .put("execId", "h-1").put("possDup", false).put("execType", "FILL").put("ordStatus", "FILLED")
      .put("lastQty", "0.81").put("lastPx", "1.10003").put("avgPx", "1.10003").put("leavesQty", "0");
    assertThat(dealing.send(fill).getString("status")).isEqualTo("OK");
    Eventually.await("the fill is hedged volume", Duration.ofSeconds(30), () -> {
      JsonObject after = row("EURUSD");
      return "0.81".equals(after.getString("hedged")) && "-0.20".equals(after.getString("unhedged"))
        && !after.getBoolean("hedgeInFlight");
    });
    JsonObject house = view().getJsonObject("house");
    assertThat(house.getLong("accountId")).isEqualTo(HOUSE);
    assertThat(house.getString("floatingPnl")).isNotNull();
    // The house's own fill does not count as client exposure, and nothing more goes out.
    assertThat(row("EURUSD").getString("clientNet")).isEqualTo("-1.01");
    assertThat(toRouter.poll(1000, TimeUnit.MILLISECONDS)).isNull();
    Eventually.await("a snapshot with the hedge", Duration.ofSeconds(30), () -> DealingIT.count(database,
      "SELECT count(*) FROM exposure_snapshot WHERE symbol = 'EURUSD' AND client_net = -1.01 AND house_hedge = 0.81 "
        + "AND unhedged = -0.20") > 0);
  }

  @Test
  void toxicTradingIsScoredAndTheScoreRoutesTheNextOrderToAnLp() throws Exception {
    // Score 0: the toxicity rule does not match, the order fills in the B-Book.
    filled(NETTING, "GBPUSD", "BUY", "0.10");
    // The price runs the client's way at once, and it takes the profit straight away.
    dealing.quote("GBPUSD", "1.25100", "1.25102");
    Eventually.await("the shard values the position at the new price", Duration.ofSeconds(30), () ->
      new BigDecimal(dealing.account(NETTING).getJsonObject("account").getString("floatingPnl")).signum() > 0);
    filled(NETTING, "GBPUSD", "SELL", "0.10");

    Eventually.await("both deals' markouts stored", Duration.ofSeconds(30), () -> DealingIT.count(database,
      "SELECT count(*) FROM deal_markout WHERE account_id = " + NETTING + " AND mid_60s IS NOT NULL") == 2);
    List<MarkedDeal> stored = markouts(NETTING);
    BigDecimal expected = ToxicityScore.of(stored, ToxicityParams.defaults(60_000)).score();
    assertThat(expected).isGreaterThanOrEqualTo(new BigDecimal("0.5"));
    Eventually.await("the score is computed", Duration.ofSeconds(30), () -> DealingIT.count(database,
      "SELECT count(*) FROM account_toxicity WHERE account_id = " + NETTING + " AND score = " + expected) == 1);

    Eventually.await("the score routes the next order to LP2", Duration.ofSeconds(30), () -> {
      CompletableFuture<JsonObject> next = dealing.sendAsync(market(NETTING, "GBPUSD", "BUY", "0.01", null));
      Message<JsonObject> m;
      try {
        m = toRouter.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      if (m == null) {
        assertThat(next.join().getString("status")).isEqualTo("FILLED");
        return false;
      }
      m.reply(new JsonObject().put("sent", true));
      assertThat(m.body().getLong("accountId")).isEqualTo(NETTING);
      assertThat(m.body().getString("lp")).isEqualTo("LP2");
      return true;
    });
    assertThat(DealingIT.count(database, "SELECT count(*) FROM trade_order WHERE account_id = " + NETTING
      + " AND lp = 'LP2' AND route_reason LIKE 'A_BOOK: rule % toxicity 0.5%'")).isEqualTo(1);
  }

  private static List<MarkedDeal> markouts(long account) throws Exception {
    List<MarkedDeal> deals = new ArrayList<>();
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM deal_markout WHERE account_id = " + account)) {
      while (rs.next()) {
        boolean closing = rs.getBoolean("closing");
        long held = rs.getLong("held_ms");
        boolean heldUnknown = rs.wasNull();
        deals.add(new MarkedDeal(Side.valueOf(rs.getString("side")), rs.getLong("volume"), rs.getBigDecimal("price"),
          rs.getBigDecimal("point"), rs.getBigDecimal("mid_1s"), rs.getBigDecimal("mid_5s"), rs.getBigDecimal("mid_60s"),
          closing, closing ? rs.getBigDecimal("realized_pnl") : null, heldUnknown ? null : held));
      }
    }
    return deals;
  }
}
