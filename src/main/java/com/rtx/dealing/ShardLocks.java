package com.rtx.dealing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ownership of dealing shards: a session-level PostgreSQL advisory lock per shard, all held on one
 * dedicated connection (never a pooled one, never through a transaction pooler, where session
 * locks would leak between clients). When that connection dies, PostgreSQL releases the locks and
 * {@code onLost} tells the owner to stop serving every shard at once.
 *
 * <p>A partitioned owner must lose its locks within seconds, on both ends: the server drops the
 * session through TCP keepalives (set per session below) and {@code client_connection_check_interval};
 * this side notices through its own keepalives and a periodic check ({@link #check()}).
 */
final class ShardLocks {

  private static final Logger LOG = LoggerFactory.getLogger(ShardLocks.class);

  /** First key of the two-key advisory lock: "RTXD" — keeps clear of other advisory locks (migrations). */
  static final int LOCK_CLASS = 0x52545844;

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final Runnable onLost;
  private Pool single;
  private SqlConnection connection;
  private boolean closing;

  ShardLocks(Vertx vertx, PgConnectOptions options, Runnable onLost) {
    this.vertx = vertx;
    this.options = new PgConnectOptions(options).addProperty("application_name", "rtx-dealing-locks");
    this.onLost = onLost;
  }

  boolean connected() {
    return connection != null;
  }

  /** Opens the lock connection (no-op when open). */
  Future<Void> connect() {
    if (connection != null) {
      return Future.succeededFuture();
    }
    // A pool of one connection, held for good: the only way to give a single connection TCP
    // keepalives here. Closing the pool closes the socket, which is what releases the locks.
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setName("rtx-dealing-locks"))
      .with(new NetClientOptions().setTcpKeepAlive(true).setConnectTimeout(5000))
      .connectingTo(options).using(vertx).build();
    single = pool;
    return pool.getConnection()
      .compose(conn -> conn.query("SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; "
          + "SET tcp_keepalives_count = 3; SET client_connection_check_interval = 2000").execute()
        .map(v -> conn))
      .map(conn -> {
        connection = conn;
        conn.closeHandler(v -> dropped("closed"));
        conn.exceptionHandler(e -> LOG.warn("dealing lock connection: {}", e.toString()));
        return (Void) null;
      })
      .onFailure(e -> {
        single = null;
        pool.close();
      });
  }

  /** Whether this node now owns {@code shard} (true also if it already did). */
  Future<Boolean> tryAcquire(int shard) {
    if (connection == null) {
      return Future.succeededFuture(false);
    }
    return connection.preparedQuery("SELECT pg_try_advisory_lock($1, $2)").execute(Tuple.of(LOCK_CLASS, shard))
      .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Gives {@code shard} up (a clean stop, or a shard found in doubt). */
  Future<Void> release(int shard) {
    if (connection == null) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery("SELECT pg_advisory_unlock($1, $2)").execute(Tuple.of(LOCK_CLASS, shard))
      .mapEmpty();
  }

  /** A round trip on the lock connection; a failure means every lock may be gone. */
  Future<Void> check() {
    if (connection == null) {
      return Future.succeededFuture();
    }
    return connection.query("SELECT 1").execute().<Void>mapEmpty()
      .onFailure(e -> {
        LOG.error("dealing lock connection failed its check: {}", e.toString());
        dropped("check failed");
      });
  }

  /** Closes the connection, which releases every lock this node holds. */
  Future<Void> close() {
    closing = true;
    connection = null;
    Pool pool = single;
    single = null;
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  private void dropped(String why) {
    if (connection == null) {
      return;
    }
    connection = null;
    Pool pool = single;
    single = null;
    if (pool != null) {
      pool.close();
    }
    if (!closing) {
      LOG.error("dealing lock connection {}: every shard of this node is released", why);
      onLost.run();
    }
  }
}
