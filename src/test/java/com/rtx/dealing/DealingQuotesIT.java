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
}
