package com.rtx.routing;

import com.rtx.platform.Engine;
import com.rtx.bus.RouterAddresses;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.Ports;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leadership of LP trade sessions: two engines with the router role on one database (and a third
 * running only the simulator). Exactly one holds each LP's session; when it stops, the other takes
 * the lock and logs on — continuing the session's sequence numbers from PostgreSQL, not resetting
 * them — and orders flow through it.
 */
@Timeout(300)
class RouterLeadershipIT {

  private final List<Engine> engines = new ArrayList<>();
  private PgTarget database;

  @AfterEach
  void stop() {
    for (Engine engine : engines) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  private Engine router() {
    Engine engine = TestEngine.on(database)
      .env("RTX_ROLES", "router")
      .env("RTX_ROUTER_ACQUIRE_INTERVAL_MS", "200")
      .env("RTX_ROUTER_LOCK_CHECK_MS", "200")
      .env("RTX_ROUTER_FIX_HEARTBEAT_S", "1")
      .env("RTX_ROUTER_RECONNECT_S", "1")
      .env("RTX_ROUTER_STATUS_PUBLISH_MS", "300")
      .start();
    engines.add(engine);
    return engine;
  }

  private static double gauge(Engine engine, String name, String lp) {
    var gauge = engine.metricsRegistry().find(name).tag("lp", lp).gauge();
    return gauge == null ? 0 : gauge.value();
  }

  @Test
  void oneNodeHoldsEachLpAndTheOtherTakesOverWhenItStops() throws Exception {
    database = TestInfra.migratedDatabase();
    int fixPort = Ports.free();
    TestInfra.execute(database, "UPDATE liquidity_provider SET port = " + fixPort);
    engines.add(TestEngine.on(database)
      .env("RTX_ROLES", "lp-sim")
      .env("RTX_LPSIM_PORT", String.valueOf(fixPort))
      .env("RTX_LPSIM_CONTROL_PORT", String.valueOf(Ports.free()))
      .start());
    Engine first = router();
    ShardRecorder firstShards = new ShardRecorder(first.vertx(), first.config().dealing().shards());
    firstShards.awaitStatus("LP1", s -> "LOGGED_ON".equals(s.getString("state")), 0);
    Engine second = router();
    ShardRecorder secondShards = new ShardRecorder(second.vertx(), second.config().dealing().shards());
    // Several leadership rounds of the second node go by while the first holds the LP.
    int firstMark = firstShards.mark();
    firstShards.awaitStatus("LP1", s -> true, firstMark);
    firstShards.awaitStatus("LP1", s -> true, firstShards.mark());

    assertThat(gauge(first, "rtx.router.lp.held", "LP1")).isEqualTo(1.0);
    assertThat(gauge(second, "rtx.router.lp.held", "LP1")).isEqualTo(0.0);
    assertThat(gauge(second, "rtx.router.lp.held", "LP2")).isEqualTo(0.0);
    assertThat(secondShards.lpStatus).noneMatch(s -> "LOGGED_ON".equals(s.getString("state")));

    for (int i = 1; i <= 3; i++) {
      String id = RouterAddresses.clOrdId(2, 800 + i, "1");
      assertThat(order(first, id, 800 + i).getBoolean("sent")).isTrue();
      firstShards.awaitReports(id, 2);
    }
    long sentByFirst = outgoingSeqNum();
    assertThat(sentByFirst).as("logon + 3 orders at least").isGreaterThanOrEqualTo(5);

    first.stop();
    engines.remove(first);

    JsonObject takenOver = secondShards.awaitStatus("LP1", s -> "LOGGED_ON".equals(s.getString("state")), 0);
    assertThat(gauge(second, "rtx.router.lp.held", "LP1")).isEqualTo(1.0);
    Eventually.await("LP2 taken over too", Duration.ofSeconds(60),
      () -> gauge(second, "rtx.router.lp.logged.on", "LP2") == 1.0);
    assertThat(takenOver.getString("node")).isNotBlank();

    String clOrdId = RouterAddresses.clOrdId(2, 900, "1");
    JsonObject reply = order(second, clOrdId, 900);
    assertThat(reply.getBoolean("sent")).isTrue();
    assertThat(secondShards.awaitReports(clOrdId, 2).get(1).body().getString("ordStatus")).isEqualTo("FILLED");
    // the new holder continued where the first stopped (a reset would have started again at 1)
    assertThat(outgoingSeqNum()).isGreaterThan(sentByFirst + 1);
  }

  private static JsonObject order(Engine engine, String clOrdId, long orderId) throws Exception {
    return engine.vertx().eventBus().<JsonObject>request(RouterAddresses.ORDERS, new JsonObject()
        .put("type", "new").put("clOrdId", clOrdId).put("orderId", orderId).put("accountId", 2L).put("lp", "LP1")
        .put("symbol", "EURUSD").put("side", "BUY").put("volume", "0.10").put("ordType", "MARKET"),
        new DeliveryOptions().setSendTimeout(10_000))
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).body();
  }

  /** The next outgoing sequence number of LP1's trade session, as the store in PostgreSQL holds it. */
  private long outgoingSeqNum() throws Exception {
    try (java.sql.Connection c = TestInfra.connect(database); java.sql.Statement s = c.createStatement();
         java.sql.ResultSet rs = s.executeQuery("SELECT outgoing_seqnum FROM fix_session WHERE session_qualifier = "
           + "'trade' AND targetcompid = (SELECT target_comp_id FROM liquidity_provider WHERE name = 'LP1')")) {
      assertThat(rs.next()).as("LP1's session is in fix_session").isTrue();
      return rs.getLong(1);
    }
  }
}
