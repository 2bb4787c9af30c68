package com.rtx.pricing;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.TestInfra;
import com.rtx.support.TestInstruments;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Monthly partitions of the tick archive, and retention dropping what is too old. */
@Timeout(120)
class TickRetentionIT {

  private PgTarget database;
  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void setUp() {
    database = TestInfra.migratedDatabase();
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().connectingTo(database.connectOptions()).using(vertx).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    pool.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    TestInfra.drop(database);
  }

  @Test
  void retentionDropsWholeOldPartitionsAndTrimsOlderRowsButKeepsRecentOnes() throws Exception {
    TestInfra.execute(database, "SELECT rtx_ensure_month_partitions('2025-01-01', 1)");
    TestInfra.execute(database, "SELECT rtx_ensure_month_partitions(date_trunc('month', now())::date, 1)");
    TestInfra.execute(database, "INSERT INTO tick (symbol, time, sequence, bid, ask, status) VALUES "
      + "('EURGBP', '2025-01-15T10:00:00Z', 1, 0.85, 0.86, 'OK'), "
      + "('EURGBP', now() - interval '40 days', 2, 0.85, 0.86, 'OK'), "
      + "('EURGBP', now(), 3, 0.85, 0.86, 'OK')");
    assertThat(partitions()).contains("tick_202501");

    new TickArchive(pool, s -> TestInstruments.eurgbp()).applyRetention(30)
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(partitions()).doesNotContain("tick_202501");
    try (Connection c = TestInfra.connect(database);
         ResultSet rs = c.createStatement().executeQuery("SELECT sequence FROM tick ORDER BY sequence")) {
      List<Long> left = new ArrayList<>();
      while (rs.next()) {
        left.add(rs.getLong(1));
      }
      assertThat(left).containsExactly(3L);
    }
  }

  @Test
  void partitionsAreCreatedIdempotentlyAndRowsLandInTheirMonth() throws Exception {
    TestInfra.execute(database, "SELECT rtx_ensure_month_partitions('2026-11-01', 2)");
    TestInfra.execute(database, "SELECT rtx_ensure_month_partitions('2026-11-01', 2)");
    TestInfra.execute(database, "INSERT INTO tick (symbol, time, sequence, bid, ask, status) VALUES "
      + "('EURGBP', '2026-12-31T23:59:59Z', 1, 0.85, 0.86, 'OK')");

    try (Connection c = TestInfra.connect(database);
         ResultSet rs = c.createStatement().executeQuery("SELECT tableoid::regclass::text FROM tick")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("tick_202612");
    }
    assertThat(partitions()).contains("bar_202611", "bar_202612", "tick_202611", "tick_202612");
  }

  private List<String> partitions() throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = TestInfra.connect(database);
         ResultSet rs = c.createStatement().executeQuery(
           "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid ORDER BY 1")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
