package com.rtx.dealing;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import static com.rtx.dealing.DealingFixture.market;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What quotes and time do to accounts without a client command: stop losses fire on the quote
 * that crosses them, a stop-out closes positions and stores its evidence (with negative-balance
 * protection), and the daily roll-over charges swap once per trade date, across restarts too.
 * Each test trades on an account of its own, created in SQL and funded by a ledger deposit.
 */
@Timeout(300)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
class DealingQuotesIT {

  private static final AtomicLong ACCOUNTS = new AtomicLong(300_000);
  private static PgTarget database;
  private static DealingFixture dealing;

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    dealing = new DealingFixture(database).start("RTX_DEALING_TIMER_MS", "50");
    dealing.quote("EURUSD", "1.10000", "1.10002");
  }

  @AfterAll
  static void stop() {
    dealing.stop();
    TestInfra.drop(database);
  }

  /** A fresh hedging account in retail-hedging (1:100, stop-out 50 %) funded with {@code cents}. */
  private static long account(long cents) {
    long id = ACCOUNTS.incrementAndGet();
    TestInfra.execute(database, "INSERT INTO account (id, trader_id, group_name, currency, leverage, mode, balance) "
      + "VALUES (" + id + ", 1, 'retail-hedging', 'USD', 100, 'HEDGING', " + cents + "); "
      + "INSERT INTO ledger_entry (id, account_id, type, amount, balance_after, credit_after, deal_id, position_id, time, comment) "
      + "VALUES (" + (id * 1024 + 1023) + ", " + id + ", 'DEPOSIT', " + cents + ", " + cents + ", 0, 0, 0, now(), 'test')");
    return id;
  }

  @Test
  void aStopLossFiresOnTheQuoteThatCrossesIt() {
    long id = account(1_000_000);
    JsonObject filled = dealing.send(market(id, "EURUSD", "BUY", "0.10", null).put("sl", "1.09500"));
    assertThat(filled.getString("status")).as(filled.encode()).isEqualTo("FILLED");

    dealing.quote("EURUSD", "1.09600", "1.09602");
    assertThat(DealingIT.count(database, "SELECT count(*) FROM deal WHERE account_id = " + id)).isEqualTo(1);
    // Client bid = LP bid - 4 points: 1.09500 - 0.00004 is at or below the SL.
    dealing.quote("EURUSD", "1.09500", "1.09502");
    Eventually.await("the stop loss closed the position", Duration.ofSeconds(30),
      () -> DealingIT.count(database, "SELECT count(*) FROM deal WHERE account_id = " + id
        + " AND reason = 'STOP_LOSS'") == 1);
    assertThat(dealing.account(id).getJsonArray("positions")).isEmpty();
    dealing.quote("EURUSD", "1.10000", "1.10002");
  }

  @Test
  void aStopOutClosesTheLoserKeepsItsEvidenceAndResetsANegativeBalance() {
    long id = account(10_000);
    JsonObject filled = dealing.send(market(id, "EURUSD", "BUY", "0.08", null));
    assertThat(filled.getString("status")).as(filled.encode()).isEqualTo("FILLED");

    // 200 points down on 0.08 lot: -160 USD against a 100 USD balance.
    dealing.quote("EURUSD", "1.08000", "1.08002");
    Eventually.await("stop-out recorded", Duration.ofSeconds(30),
      () -> DealingIT.count(database, "SELECT count(*) FROM stop_out WHERE account_id = " + id) == 1);
    assertThat(DealingIT.count(database, "SELECT count(*) FROM deal WHERE account_id = " + id
      + " AND reason = 'STOP_OUT'")).isEqualTo(1);
    assertThat(DealingIT.count(database, "SELECT count(*) FROM ledger_entry WHERE account_id = " + id
      + " AND type = 'NEGATIVE_BALANCE_RESET'")).isEqualTo(1);
    assertThat(DealingIT.count(database, "SELECT balance FROM account WHERE id = " + id)).isZero();
    assertThat(DealingIT.count(database, "SELECT count(*) FROM stop_out WHERE account_id = " + id
      + " AND evidence->'quotes'->0->>'symbol' = 'EURUSD' AND group_version = 1")).isEqualTo(1);
    assertThat(DealingIT.count(database, "SELECT a.balance - (SELECT sum(amount) FROM ledger_entry l "
      + "WHERE l.account_id = a.id AND l.type <> 'CREDIT') FROM account a WHERE a.id = " + id)).isZero();
    dealing.quote("EURUSD", "1.10000", "1.10002");
  }

  /**
   * Issue 12's reproduction, with the state an older version let in: a short whose trailing
   * distance overflows on every tick, and a resting order that throws when it triggers. The
   * account is stopped out exactly like the one beside it, the failure is counted and isolated.
   */
  @Test
  void anAccountWithPoisonedItemsIsStoppedOutLikeTheOneBesideIt() {
    long poisoned = account(10_000);
    long healthy = account(10_000);
    for (long id : new long[] {poisoned, healthy}) {
      TestInfra.execute(database, "INSERT INTO position (id, account_id, symbol, side, volume, open_price, opened_at, sl, "
        + "tp, trailing_points, swap) VALUES (" + (id * 1024 + 1) + ", " + id + ", 'EURUSD', 'SELL', 8000, 1.10000, now(), "
        + "0, 0, " + (id == poisoned ? Long.MAX_VALUE : 0) + ", 0)");
    }
    TestInfra.execute(database, "INSERT INTO trade_order (id, account_id, symbol, side, type, volume, price, "
      + "stop_limit_price, sl, tp, trailing_points, time_in_force, position_id, triggered, status, created_at, updated_at) "
      + "VALUES (" + (poisoned * 1024 + 2) + ", " + poisoned + ", 'EURUSD', 'BUY', 'STOP', 8000, 110500, 0, 0, 0, 0, "
      + "'GTC', 424242, false, 'PENDING', now(), now())");
    assertThat(dealing.account(poisoned).getJsonArray("positions")).hasSize(1);
    assertThat(dealing.account(healthy).getJsonArray("positions")).hasSize(1);

    // 200 points up on a 0.08 lot short: -160 USD against a 100 USD balance; the ask crosses the poisoned stop
    dealing.quote("EURUSD", "1.12000", "1.12002");
    for (long id : new long[] {poisoned, healthy}) {
      Eventually.await("stop-out of " + id, Duration.ofSeconds(30),
        () -> DealingIT.count(database, "SELECT count(*) FROM stop_out WHERE account_id = " + id) == 1);
      assertThat(DealingIT.count(database, "SELECT count(*) FROM position WHERE closed_at IS NULL AND account_id = "
        + id)).isZero();
      assertThat(DealingIT.count(database, "SELECT balance FROM account WHERE id = " + id)).isZero();
    }
    assertThat(DealingIT.count(database, "SELECT count(*) FROM trade_order WHERE status = 'PENDING' AND account_id = "
      + poisoned)).as("the order that cannot fill is left for a dealer, not half-applied").isEqualTo(1);
    io.micrometer.core.instrument.MeterRegistry metrics = dealing.engine.metricsRegistry();
    assertThat(metrics.get("rtx_dealing_processing_faults_total").tag("stage", "TRIGGER").counter().count())
      .isPositive();
    assertThat(metrics.get("rtx_dealing_faulted_items").gauge().value()).isPositive();
    dealing.quote("EURUSD", "1.10000", "1.10002");
  }

  @Test
  void theDailyRolloverChargesSwapOncePerTradeDateEvenAcrossARestart() {
    long id = account(1_000_000);
    assertThat(dealing.send(market(id, "EURUSD", "BUY", "1.00", null)).getString("status")).isEqualTo("FILLED");
    LocalDate wednesday = LocalDate.ofInstant(dealing.now(), ZoneOffset.UTC);
    // Past 17:00 New York of that Wednesday (21:00 or 22:00 UTC): EURUSD's triple-swap day.
    dealing.clock.advanceTo(wednesday.atTime(23, 0).toInstant(ZoneOffset.UTC).toEpochMilli());
    dealing.quote("EURUSD", "1.10000", "1.10002");
    Eventually.await("swap charged", Duration.ofSeconds(30), () -> DealingIT.count(database,
      "SELECT count(*) FROM ledger_entry WHERE account_id = " + id + " AND type = 'SWAP'") == 1);

    // MT5 "swap in points", in the quote currency: 1 lot x 100,000 x 0.00001 x -7.50 points x 3 days
    // = -22.50 USD, already the account currency.
    assertThat(DealingIT.count(database, "SELECT amount FROM ledger_entry WHERE account_id = " + id
      + " AND type = 'SWAP'")).isEqualTo(-2250);
    assertThat(DealingIT.count(database, "SELECT count(*) FROM equity_snapshot WHERE account_id = " + id
      + " AND trade_date = '" + wednesday + "'")).isEqualTo(1);

    dealing.stop();
    dealing = new DealingFixture(database).start("RTX_DEALING_TIMER_MS", "50");
    dealing.clock.advanceTo(wednesday.atTime(23, 30).toInstant(ZoneOffset.UTC).toEpochMilli());
    dealing.quote("EURUSD", "1.10000", "1.10002");
    assertThat(dealing.account(id).getJsonObject("account")).isNotNull();
    assertThat(DealingIT.count(database, "SELECT count(*) FROM ledger_entry WHERE account_id = " + id
      + " AND type = 'SWAP'")).isEqualTo(1);
    assertThat(DealingIT.count(database, "SELECT count(*) FROM account WHERE id = " + id
      + " AND last_rollover = '" + wednesday + "'")).isEqualTo(1);
  }

  /**
   * Found under load: the timer queued the roll-over again on every tick while the first was still
   * committing, and swap was charged three times. Here the commit is held by a table lock for five
   * timer runs: the swap is still charged once.
   */
  @Test
  void theRolloverQueuedAgainDuringASlowCommitIsChargedOnce() throws Exception {
    long id = account(1_000_000);
    assertThat(dealing.send(market(id, "EURUSD", "BUY", "1.00", null)).getString("status")).isEqualTo("FILLED");
    // runs after the daily roll-over test (method order): the account starts on Wednesday night, rolls on Thursday
    LocalDate thursday = LocalDate.ofInstant(dealing.now(), ZoneOffset.UTC).plusDays(1);
    io.micrometer.core.instrument.Counter timer = dealing.engine.metricsRegistry().get("rtx_dealing_timer_runs_total")
      .counter();
    try (java.sql.Connection blocker = TestInfra.connect(database)) {
      blocker.setAutoCommit(false);
      try (java.sql.Statement s = blocker.createStatement()) {
        s.execute("LOCK TABLE dealing_batch IN SHARE ROW EXCLUSIVE MODE");
      }
      dealing.clock.advanceTo(thursday.atTime(23, 0).toInstant(ZoneOffset.UTC).toEpochMilli());
      Eventually.await("the roll-over's commit waits on the lock", Duration.ofSeconds(30),
        () -> DealingIT.count(database, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
          + "AND query LIKE 'INSERT INTO dealing_batch%'") >= 1);
      double runs = timer.count();
      Eventually.await("five more timer runs", Duration.ofSeconds(30), () -> timer.count() >= runs + 5);
      blocker.rollback();
    }
    Eventually.await("swap charged", Duration.ofSeconds(30), () -> DealingIT.count(database,
      "SELECT count(*) FROM ledger_entry WHERE account_id = " + id + " AND type = 'SWAP'") >= 1);
    assertThat(dealing.account(id).getJsonObject("account")).isNotNull(); // a round trip after anything queued
    assertThat(dealing.account(id).getJsonObject("account")).isNotNull();
    assertThat(DealingIT.count(database, "SELECT count(*) FROM ledger_entry WHERE account_id = " + id
      + " AND type = 'SWAP'")).isEqualTo(1);
  }
  /**
   * A restart over a quiet market leaves the shard without a quote for a held symbol: the account is
   * still read (booked money, and why it is not valued), a close is refused with NO_QUOTE instead of
   * failing, and the first quote values it again.
   */
  @Test
  void anAccountHoldingAnUnpricedSymbolIsReadAndItsCloseRefusedUntilTheFirstQuote() {
    long id = account(1_000_000);
    long positionId = id * 1024 + 1022;
    TestInfra.execute(database, "INSERT INTO position (id, account_id, symbol, side, volume, open_price, opened_at, "
      + "sl, tp, trailing_points, swap) VALUES (" + positionId + ", " + id + ", 'NZDUSD', 'BUY', 10, 0.60000, now(), "
      + "0, 0, 0, 0)");

    JsonObject read = dealing.account(id);
    assertThat(DealingFixture.served(read)).as(read.encode()).isTrue();
    JsonObject unvalued = read.getJsonObject("account");
    assertThat(unvalued.getString("balance")).isEqualTo("10000.00");
    assertThat(unvalued.containsKey("equity")).isFalse();
    assertThat(unvalued.getJsonObject("valuation").getString("reason")).isEqualTo("NO_QUOTE");
    assertThat(read.getJsonArray("positions")).hasSize(1);

    JsonObject close = dealing.send(new JsonObject().put("op", "closePosition").put("accountId", id)
      .put("positionId", positionId));
    assertThat(close.getString("status")).as(close.encode()).isEqualTo("REJECTED");
    assertThat(close.getString("reason")).isEqualTo("NO_QUOTE");
    assertThat(dealing.account(id).getJsonArray("positions")).hasSize(1);

    dealing.quote("NZDUSD", "0.61000", "0.61002");
    JsonObject valued = dealing.account(id).getJsonObject("account");
    assertThat(valued.containsKey("valuation")).isFalse();
    assertThat(valued.getString("equity")).isNotNull();
  }
}
