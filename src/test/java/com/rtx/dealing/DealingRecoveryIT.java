package com.rtx.dealing;

import com.rtx.core.dealing.AccountState;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.TestInfra;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.rtx.dealing.DealingFixture.HEDGING;
import static com.rtx.dealing.DealingFixture.market;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * State rebuilt from PostgreSQL: a restarted engine holds exactly what the stopped one held, and a
 * second node takes over the shards of a node that lost its lock, serving the same balances,
 * while a late write of the old owner is refused by the account version guard.
 */
@Timeout(300)
class DealingRecoveryIT {

  private PgTarget database;
  private DealingFixture a;
  private DealingFixture b;

  @BeforeEach
  void start() {
    database = TestInfra.migratedDatabase();
    // A does not come back for its shards soon after losing them (as a partitioned node would not),
    // so B's take-over is what the test sees.
    a = new DealingFixture(database).start("RTX_DEALING_ACQUIRE_INTERVAL_MS", "600000");
    quotes(a);
  }

  @AfterEach
  void stop() {
    if (a != null) {
      a.stop();
    }
    if (b != null) {
      b.stop();
    }
    TestInfra.drop(database);
  }

  @Test
  void aRestartedEngineHoldsExactlyTheStateBefore() {
    trade(a);
    JsonObject before = a.account(HEDGING);
    a.stop();

    a = new DealingFixture(database).start("RTX_DEALING_ACQUIRE_INTERVAL_MS", "600000");
    quotes(a);
    JsonObject after = a.account(HEDGING);

    assertThat(after.getJsonObject("account")).isEqualTo(before.getJsonObject("account"));
    assertThat(after.getJsonArray("positions")).isEqualTo(before.getJsonArray("positions"));
    assertThat(after.getJsonArray("orders")).isEqualTo(before.getJsonArray("orders"));
    assertThat(before.getJsonArray("positions")).isNotEmpty();
    assertThat(before.getJsonArray("orders")).isNotEmpty();
  }

  @Test
  void aSecondNodeTakesOverALostShardAndTheOldOwnersLateWriteIsRefused() throws Exception {
    trade(a);
    JsonObject served = a.account(HEDGING);
    b = new DealingFixture(database).start();
    quotes(b);
    assertThat(b.account(HEDGING)).as("B owns nothing while A holds the locks").isNull();

    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(database.connectOptions()).using(vertx).build();
    try {
      ShardStore late = new ShardStore(pool, 16, (int) (HEDGING % 16), "node-a", java.time.Clock.systemUTC());
      DealingStore.StoredAccount stale = late.loadAccounts(List.of(HEDGING)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS).get(HEDGING);

      // A's lock connection dies (a partition, a killed backend): PostgreSQL releases A's locks.
      TestInfra.execute(database, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
        + "AND classid = " + DealingVerticle.LOCK_CLASS + " AND granted");
      Eventually.await("B serves the account", Duration.ofSeconds(30), () -> DealingFixture.served(b.account(HEDGING)));
      JsonObject takenOver = b.account(HEDGING);
      assertThat(takenOver.getJsonObject("account")).isEqualTo(served.getJsonObject("account"));
      assertThat(takenOver.getJsonArray("positions")).isEqualTo(served.getJsonArray("positions"));
      assertThat(takenOver.getJsonArray("orders")).isEqualTo(served.getJsonArray("orders"));

      assertThat(b.send(market(HEDGING, "EURUSD", "SELL", "0.01", "after-take-over")).getString("status"))
        .isEqualTo("FILLED");

      // A, unaware, writes what it had in memory: the version it read is no longer the row's.
      AccountState before = stale.state();
      AccountState after = new AccountState(before.profile(), before.balance() + 100, before.credit(),
        before.positions(), before.orders(), before.marginCallActive(), before.version() + 1);
      ShardWrites writes = new ShardWrites();
      writes.accepted(before, after, null, List.of(), new JsonArray(), a.now());
      assertThatThrownBy(() -> late.write(writes, 1).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DealingStore.VersionConflict.class);
      assertThat(DealingIT.count(database, "SELECT balance FROM account WHERE id = " + HEDGING))
        .isEqualTo(Long.parseLong(b.account(HEDGING).getJsonObject("account").getString("balance").replace(".", "")));
    } finally {
      pool.close();
      vertx.close();
    }
  }

  @Test
  void blueGreenSwitchHandsEveryShardFromTheLiveColourToTheStandbyOne(@org.junit.jupiter.api.io.TempDir
                                                                      java.nio.file.Path dir) throws Exception {
    trade(a);
    JsonObject served = a.account(HEDGING);
    a.stop();
    java.nio.file.Path blueConf = dir.resolve("blue.json");
    java.nio.file.Path greenConf = dir.resolve("green.json");
    // As in Kubernetes: each colour knows its own colour; the live colour is shared configuration.
    java.nio.file.Files.writeString(blueConf, colours("blue", "blue"));
    java.nio.file.Files.writeString(greenConf, colours("green", "blue"));
    a = new DealingFixture(database).configFile(blueConf).start("RTX_CONFIG_SCAN_PERIOD_MS", "100");
    b = new DealingFixture(database).configFile(greenConf).start("RTX_CONFIG_SCAN_PERIOD_MS", "100");
    quotes(a);
    quotes(b);
    assertThat(a.account(HEDGING)).isNotNull();
    assertThat(b.account(HEDGING)).as("standby takes no shard").isNull();

    // The switch: green leaves standby, blue drains and releases.
    java.nio.file.Files.writeString(greenConf, colours("green", "green"));
    java.nio.file.Files.writeString(blueConf, colours("blue", "green"));
    Eventually.await("green serves the account", Duration.ofSeconds(30), () -> DealingFixture.served(b.account(HEDGING))
      && a.account(HEDGING) == null);
    assertThat(b.account(HEDGING).getJsonObject("account")).isEqualTo(served.getJsonObject("account"));
    assertThat(b.send(market(HEDGING, "EURUSD", "SELL", "0.01", "after-switch")).getString("status")).isEqualTo("FILLED");
  }

  private static String colours(String colour, String live) {
    return new JsonObject().put("deployment", new JsonObject().put("colour", colour).put("live-colour", live)).encode();
  }

  /** A fill with stops, a resting order and a partial close: positions, orders and ledger to rebuild. */
  private static void trade(DealingFixture f) {
    JsonObject filled = f.send(market(HEDGING, "EURUSD", "BUY", "0.30", "t-1").put("sl", "1.09000").put("tp", "1.12000"));
    assertThat(filled.getString("status")).as(filled.encode()).isEqualTo("FILLED");
    JsonObject limit = f.send(new JsonObject().put("op", "placeOrder").put("accountId", HEDGING).put("symbol", "USDJPY")
      .put("side", "SELL").put("type", "LIMIT").put("volume", "0.20").put("price", "151.500").put("sl", "152.500"));
    assertThat(limit.getString("status")).as(limit.encode()).isEqualTo("ACCEPTED");
    long positionId = filled.getJsonArray("events").stream().map(JsonObject.class::cast)
      .filter(e -> e.getString("type").equals("position.opened")).findFirst().orElseThrow()
      .getJsonObject("position").getLong("positionId");
    JsonObject partial = f.send(new JsonObject().put("op", "closePosition").put("accountId", HEDGING)
      .put("positionId", positionId).put("volume", "0.10"));
    assertThat(partial.getString("status")).as(partial.encode()).isIn("FILLED", "OK");
  }

  private static void quotes(DealingFixture f) {
    f.quote("EURUSD", "1.10000", "1.10002");
    f.quote("USDJPY", "150.000", "150.010");
  }
}
