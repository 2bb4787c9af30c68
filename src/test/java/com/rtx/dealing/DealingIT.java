package com.rtx.dealing;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static com.rtx.dealing.DealingFixture.HEDGING;
import static com.rtx.dealing.DealingFixture.NETTING;
import static com.rtx.dealing.DealingFixture.A_BOOK;
import static com.rtx.dealing.DealingFixture.market;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dealing role against real PostgreSQL: fills are committed before they are acknowledged,
 * client order ids fill once, commands share transactions (group commit), a failing command or a
 * failed commit loses nothing else, and a restarted engine rebuilds the same state.
 */
@Timeout(300)
class DealingIT {

  private static PgTarget database;
  private static DealingFixture dealing;

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    dealing = new DealingFixture(database).start();
    dealing.quote("EURUSD", "1.10000", "1.10002");
    dealing.quote("USDJPY", "150.000", "150.010");
  }

  @AfterAll
  static void stop() {
    dealing.stop();
    TestInfra.drop(database);
  }

  @Test
  void marketOrderIsFilledAtTheMarkedUpAskAndCommittedBeforeTheReply() throws Exception {
    long balanceBefore = count("SELECT balance FROM account WHERE id = " + NETTING);
    JsonObject reply = dealing.send(market(NETTING, "EURUSD", "BUY", "0.10", "fill-1"));

    assertThat(reply.getString("status")).as(reply.encode()).isEqualTo("FILLED");
    assertThat(reply.getLong("batchId")).isNotNull();
    JsonObject deal = event(reply, "deal.executed").getJsonObject("deal");
    // standard markup: 4 points each side, 10 points minimum spread -> 1.09996 / 1.10006
    assertThat(deal.getString("price")).isEqualTo("1.10006");
    assertThat(deal.getJsonObject("quote").getString("ask")).isEqualTo("1.10006");
    // retail-netting pays 3.50 USD per lot per side: 0.10 lot -> 0.35
    assertThat(deal.getString("commission")).isEqualTo("0.35");
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT d.price, d.commission, d.batch_id, d.quote->>'sequence' AS seq, "
        + "a.balance, a.version FROM deal d JOIN account a ON a.id = d.account_id "
        + "WHERE d.account_id = " + NETTING + " AND d.id = " + deal.getLong("dealId"));
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong("price")).isEqualTo(110006);
      assertThat(rs.getLong("commission")).isEqualTo(35);
      assertThat(rs.getLong("batch_id")).isEqualTo(reply.getLong("batchId"));
      assertThat(rs.getString("seq")).isNotNull();
      assertThat(rs.getLong("balance")).isEqualTo(balanceBefore - 35);
    }
    JsonObject position = event(reply, "position.opened").getJsonObject("position");
    JsonObject account = dealing.account(NETTING);
    JsonObject held = account.getJsonArray("positions").stream().map(JsonObject.class::cast)
      .filter(p -> p.getString("symbol").equals("EURUSD")).findFirst().orElseThrow();
    assertThat(held.getLong("positionId")).isEqualTo(position.getLong("positionId"));
    assertThat(held.getString("volume")).isEqualTo("0.10");
    assertThat(account.getJsonObject("account").getString("balance"))
      .isEqualTo(java.math.BigDecimal.valueOf(balanceBefore - 35, 2).toPlainString());
  }

  @Test
  void aRepeatedClientOrderIdReturnsTheOriginalResultAndNeverFillsTwice() throws Exception {
    List<CompletableFuture<JsonObject>> replies = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      replies.add(dealing.sendAsync(market(HEDGING, "EURUSD", "BUY", "0.01", "dup-1")));
    }
    Set<Long> orderIds = new HashSet<>();
    int originals = 0;
    for (CompletableFuture<JsonObject> f : replies) {
      JsonObject reply = f.join();
      assertThat(reply.getString("status")).as(reply.encode()).isEqualTo("FILLED");
      orderIds.add(reply.getLong("orderId"));
      originals += reply.getBoolean("replay", false) ? 0 : 1;
    }
    assertThat(orderIds).hasSize(1);
    assertThat(originals).isEqualTo(1);
    JsonObject later = dealing.send(market(HEDGING, "EURUSD", "BUY", "0.01", "dup-1"));
    assertThat(later.getBoolean("replay")).isTrue();
    assertThat(later.getLong("orderId")).isEqualTo(orderIds.iterator().next());
    assertThat(count("SELECT count(*) FROM deal WHERE account_id = " + HEDGING + " AND order_id = "
      + orderIds.iterator().next())).isEqualTo(1);
  }

  /**
   * The window of recent client order ids is a hint, the primary key the guarantee: an id stored
   * long before (outside the window a shard rebuilds at acquisition) is answered from its stored
   * result, and the fresh orders sharing its batch fill once each.
   */
  @Test
  void aClientOrderIdStoredBeforeTheWindowIsReplayedFromTheDatabase() throws Exception {
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO order_request (account_id, client_order_id, result, batch_id, created_at) VALUES ("
        + HEDGING + ", 'old-1', '{\"httpStatus\":200,\"status\":\"FILLED\",\"orderId\":424242,"
        + "\"clientOrderId\":\"old-1\"}', 0, now() - interval '2 days')");
    }
    List<CompletableFuture<JsonObject>> fresh = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fresh.add(dealing.sendAsync(market(HEDGING, "EURUSD", "BUY", "0.01", "old-window-" + i)));
    }
    CompletableFuture<JsonObject> repeat = dealing.sendAsync(market(HEDGING, "EURUSD", "BUY", "0.01", "old-1"));
    for (int i = 5; i < 10; i++) {
      fresh.add(dealing.sendAsync(market(HEDGING, "EURUSD", "BUY", "0.01", "old-window-" + i)));
    }

    JsonObject replayed = repeat.join();
    assertThat(replayed.getBoolean("replay")).as(replayed.encode()).isTrue();
    assertThat(replayed.getLong("orderId")).isEqualTo(424242);
    for (CompletableFuture<JsonObject> f : fresh) {
      JsonObject reply = f.join();
      assertThat(reply.getString("status")).as(reply.encode()).isEqualTo("FILLED");
      assertThat(reply.getBoolean("replay", false)).isFalse();
    }
    assertThat(count("SELECT count(*) FROM trade_order WHERE account_id = " + HEDGING
      + " AND client_order_id = 'old-1'")).isZero();
    assertThat(count("SELECT count(*) FROM trade_order WHERE account_id = " + HEDGING
      + " AND client_order_id LIKE 'old-window-%'")).isEqualTo(10);
    assertThat(count("SELECT count(*) FROM deal d JOIN trade_order o ON o.id = d.order_id WHERE o.account_id = "
      + HEDGING + " AND o.client_order_id LIKE 'old-window-%'")).isEqualTo(10);
    // Known now: the next repeat is read before its batch runs, not discovered by a failed commit.
    assertThat(dealing.send(market(HEDGING, "EURUSD", "BUY", "0.01", "old-1")).getLong("orderId")).isEqualTo(424242);
  }

  @Test
  void aRejectionIsAnsweredWithItsReasonAndReplayedAsSuch() {
    JsonObject tooSmall = dealing.send(market(HEDGING, "EURUSD", "BUY", "0.001", null));
    assertThat(tooSmall.getJsonObject("failure").getString("code")).isEqualTo("VALIDATION_INVALID_VALUE");
    assertThat(tooSmall.getJsonObject("failure").getString("field")).isEqualTo("volume");

    JsonObject unknown = dealing.send(market(HEDGING, "NOSUCH", "BUY", "0.10", "rej-1"));
    assertThat(unknown.getString("status")).isEqualTo("REJECTED");
    assertThat(unknown.getString("reason")).isEqualTo("UNKNOWN_SYMBOL");
    assertThat(dealing.send(market(HEDGING, "NOSUCH", "BUY", "0.10", "rej-1")).getBoolean("replay")).isTrue();

    JsonObject huge = dealing.send(market(HEDGING, "EURUSD", "BUY", "49", null));
    assertThat(huge.getString("reason")).isEqualTo("INSUFFICIENT_MARGIN");

    JsonObject aBook = dealing.send(market(A_BOOK, "EURUSD", "BUY", "0.10", null));
    assertThat(aBook.getString("reason")).isEqualTo("ROUTING_UNAVAILABLE");

    JsonObject missing = dealing.send(market(999_999, "EURUSD", "BUY", "0.10", null));
    assertThat(missing.getJsonObject("failure").getString("code")).isEqualTo("ACCOUNT_NOT_FOUND");
  }

  @Test
  void commandsArrivingDuringACommitShareTheNextTransaction() throws Exception {
    List<CompletableFuture<JsonObject>> replies = new ArrayList<>();
    try (Connection blocker = TestInfra.connect(database)) {
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        s.execute("LOCK TABLE dealing_batch IN SHARE ROW EXCLUSIVE MODE");
      }
      replies.add(dealing.sendAsync(market(HEDGING, "EURUSD", "SELL", "0.01", "gc-held")));
      Eventually.await("the first commit waits on the lock", Duration.ofSeconds(30),
        () -> count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
          + "AND query LIKE 'INSERT INTO dealing_batch%'") == 1);
      for (int i = 0; i < 50; i++) {
        replies.add(dealing.sendAsync(market(HEDGING, "EURUSD", "SELL", "0.01", "gc-" + i)));
      }
      blocker.rollback();
    }
    Set<Long> batches = new HashSet<>();
    for (int i = 0; i < replies.size(); i++) {
      JsonObject reply = replies.get(i).join();
      assertThat(reply.getString("status")).as(reply.encode()).isEqualTo("FILLED");
      if (i > 0) {
        batches.add(reply.getLong("batchId"));
      }
    }
    assertThat(batches).hasSizeLessThanOrEqualTo(2);
    assertThat(count("SELECT count(*) FROM deal WHERE batch_id IN (" + String.join(",",
      batches.stream().map(String::valueOf).toList()) + ")")).isEqualTo(50);
  }

  @Test
  void oneCommandFailingInTheDatabaseDoesNotSinkTheOthersInItsBatch() throws Exception {
    TestInfra.execute(database, "CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
      + "IF NEW.client_order_id = 'poison' THEN RAISE EXCEPTION 'poisoned' USING ERRCODE = '23514'; END IF; "
      + "RETURN NEW; END $$; CREATE TRIGGER poison BEFORE INSERT ON order_request FOR EACH ROW "
      + "EXECUTE FUNCTION refuse_poison()");
    try {
      List<CompletableFuture<JsonObject>> replies = new ArrayList<>();
      try (Connection blocker = TestInfra.connect(database)) {
        blocker.setAutoCommit(false);
        try (Statement s = blocker.createStatement()) {
          s.execute("LOCK TABLE dealing_batch IN SHARE ROW EXCLUSIVE MODE");
        }
        replies.add(dealing.sendAsync(market(NETTING, "USDJPY", "BUY", "0.01", "p-held")));
        Eventually.await("the first commit waits on the lock", Duration.ofSeconds(30),
          () -> count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            + "AND query LIKE 'INSERT INTO dealing_batch%'") == 1);
        for (int i = 0; i < 20; i++) {
          replies.add(dealing.sendAsync(market(NETTING, "USDJPY", "BUY", "0.01", i == 7 ? "poison" : "p-" + i)));
        }
        blocker.rollback();
      }
      int filled = 0;
      for (CompletableFuture<JsonObject> f : replies) {
        JsonObject reply = f.join();
        if ("FILLED".equals(reply.getString("status"))) {
          filled++;
        } else {
          assertThat(reply.getJsonObject("failure").getInteger("status")).as(reply.encode()).isEqualTo(500);
        }
      }
      assertThat(filled).isEqualTo(20);
      assertThat(count("SELECT count(*) FROM order_request WHERE account_id = " + NETTING
        + " AND client_order_id LIKE 'p-%'")).isEqualTo(20);
      assertThat(dealing.account(NETTING).getJsonObject("account").getLong("version"))
        .isEqualTo(count("SELECT version FROM account WHERE id = " + NETTING));
    } finally {
      TestInfra.execute(database, "DROP TRIGGER poison ON order_request; DROP FUNCTION refuse_poison()");
    }
  }

  @Test
  void aCommitKilledInFlightAcknowledgesNothingAndMemoryStaysTheDatabase() throws Exception {
    JsonObject before = dealing.account(HEDGING).getJsonObject("account");
    CompletableFuture<JsonObject> reply;
    try (Connection blocker = TestInfra.connect(database)) {
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        s.execute("LOCK TABLE dealing_batch IN SHARE ROW EXCLUSIVE MODE");
      }
      reply = dealing.sendAsync(market(HEDGING, "EURUSD", "BUY", "0.05", "killed-1"));
      Eventually.await("the commit waits on the lock", Duration.ofSeconds(30),
        () -> count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
          + "AND query LIKE 'INSERT INTO dealing_batch%'") == 1);
      TestInfra.execute(database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        + "WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO dealing_batch%'");
      blocker.rollback();
    }
    JsonObject answer = reply.join();
    assertThat(answer.getJsonObject("failure").getString("code")).as(answer.encode()).isEqualTo("DEALING_UNAVAILABLE");
    assertThat(count("SELECT count(*) FROM order_request WHERE client_order_id = 'killed-1'")).isZero();
    Eventually.await("the shard serves again", Duration.ofSeconds(30),
      () -> DealingFixture.served(dealing.account(HEDGING)));
    JsonObject after = dealing.account(HEDGING).getJsonObject("account");
    assertThat(after.getLong("version")).isEqualTo(before.getLong("version"));
    assertThat(after.getString("balance")).isEqualTo(before.getString("balance"));
    assertThat(after.getLong("version")).isEqualTo(count("SELECT version FROM account WHERE id = " + HEDGING));
    // The client retries with the same id: it fills once.
    assertThat(dealing.send(market(HEDGING, "EURUSD", "BUY", "0.05", "killed-1")).getString("status"))
      .isEqualTo("FILLED");
  }

  private static JsonObject event(JsonObject reply, String type) {
    return reply.getJsonArray("events").stream().map(JsonObject.class::cast)
      .filter(e -> type.equals(e.getString("type"))).findFirst().orElseThrow();
  }

  static long count(String sql) {
    return count(database, sql);
  }

  static long count(PgTarget target, String sql) {
    try (Connection c = TestInfra.connect(target); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
