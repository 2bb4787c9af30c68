package com.rtx.platform.db;

import com.rtx.support.TestInfra;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's statement cache against real PostgreSQL, on one connection (a pool of one), through
 * an expand migration run while the connection lives — a rolling upgrade: statements naming their
 * columns, writes, and {@code SELECT *} (never cached) all keep working after a column is added.
 */
@Timeout(60)
class StatementCacheIT {

  private static PgTarget database;
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    database = TestInfra.emptyDatabase();
    TestInfra.execute(database, "CREATE TABLE cache_probe (id bigint PRIMARY KEY, name text)");
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
      .connectingTo(StatementCache.apply(database.connectOptions())).using(vertx).build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (database != null) {
      TestInfra.drop(database);
    }
  }

  private static RowSet<Row> run(String sql, Tuple args) throws Exception {
    return pool.preparedQuery(sql).execute(args).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void cachedStatementsSurviveAColumnAddedWhileTheConnectionLives() throws Exception {
    for (int i = 1; i <= 3; i++) { // several runs: cached and reused, not prepared once
      run("INSERT INTO cache_probe (id, name) VALUES ($1, $2)", Tuple.of(i, "n" + i));
      assertThat(run("SELECT id, name FROM cache_probe WHERE id = $1", Tuple.of(i)).iterator().next().getString("name"))
        .isEqualTo("n" + i);
      assertThat(run("SELECT * FROM cache_probe WHERE id = $1", Tuple.of(i)).size()).isEqualTo(1);
    }

    TestInfra.execute(database, "ALTER TABLE cache_probe ADD COLUMN note text");

    run("INSERT INTO cache_probe (id, name) VALUES ($1, $2)", Tuple.of(4, "n4"));
    assertThat(run("SELECT id, name FROM cache_probe WHERE id = $1", Tuple.of(4)).iterator().next().getString("name"))
      .isEqualTo("n4");
    Row star = run("SELECT * FROM cache_probe WHERE id = $1", Tuple.of(4)).iterator().next();
    assertThat(star.getColumnIndex("note")).as("the new column is seen: the star query was not cached").isEqualTo(2);
  }

  @Test
  void aCachedStarQueryWouldFailAfterTheSameMigration() throws Exception {
    TestInfra.execute(database, "CREATE TABLE star_probe (id bigint PRIMARY KEY)");
    Pool cachingAll = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
      .connectingTo(database.connectOptions().setCachePreparedStatements(true)).using(vertx).build();
    try {
      cachingAll.preparedQuery("SELECT * FROM star_probe").execute().toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
      TestInfra.execute(database, "ALTER TABLE star_probe ADD COLUMN note text");
      Throwable failure = cachingAll.preparedQuery("SELECT * FROM star_probe").execute()
        .toCompletionStage().toCompletableFuture().handle((rows, e) -> e).get(10, TimeUnit.SECONDS);
      assertThat(failure).as("why star queries stay out of the cache").isNotNull()
        .hasMessageContaining("cached plan must not change result type");
    } finally {
      cachingAll.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void onlyStatementsWithoutAStarAndOfSaneLengthAreCached() {
    assertThat(StatementCache.cacheable("SELECT id, name FROM cache_probe WHERE id = $1")).isTrue();
    assertThat(StatementCache.cacheable("UPDATE account SET balance = $2 WHERE id = $1")).isTrue();
    assertThat(StatementCache.cacheable("SELECT o.*, s.digits FROM trade_order o")).isFalse();
    assertThat(StatementCache.cacheable("SELECT count(*) FROM deal")).isFalse();
    assertThat(StatementCache.cacheable("SELECT " + "x, ".repeat(3000) + "1")).isFalse();
  }
}
