package com.rtx.routing;

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
 * Leadership of LP trade sessions: a session-level PostgreSQL advisory lock per LP (second key: the
 * CRC-32 of its name), all held on one dedicated connection, the pattern of the dealing shards'
 * locks: when that connection dies PostgreSQL releases the locks and {@code onLost} tells the
 * router to drop every session at once, so two nodes never log on with one CompID.
 *
 * <p>A partitioned holder must lose its locks within seconds, on both ends: the server drops the
 * session through TCP keepalives and {@code client_connection_check_interval}; this side notices
 * through its own keepalives and a periodic check ({@link #check()}).
 */
final class LpLocks {

  private static final Logger LOG = LoggerFactory.getLogger(LpLocks.class);

  /** First key of the two-key advisory lock: "RTXR" — keeps clear of the dealing shards ("RTXD") and migrations. */
  static final int LOCK_CLASS = 0x52545852;

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final Runnable onLost;
  private Pool single;
  private SqlConnection connection;
  private boolean closing;

  LpLocks(Vertx vertx, PgConnectOptions options, Runnable onLost) {
    this.vertx = vertx;
    this.options = new PgConnectOptions(options).addProperty("application_name", "rtx-router-locks");
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
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setName("rtx-router-locks"))
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
        conn.exceptionHandler(e -> LOG.warn("router lock connection: {}", e.toString()));
        return (Void) null;
      })
      .onFailure(e -> {
        single = null;
        pool.close();
      });
  }

  /** The lock key of an LP: stable across nodes and releases. */
  static int key(String lp) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(lp.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }

  /** Whether this node now holds {@code lp} (true also if it already did). */
  Future<Boolean> tryAcquire(String lp) {
    int lpKey = key(lp);
    if (connection == null) {
      return Future.succeededFuture(false);
    }
    return connection.preparedQuery("SELECT pg_try_advisory_lock($1, $2)").execute(Tuple.of(LOCK_CLASS, lpKey))
      .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Gives {@code lp} up (a disabled LP). */
  Future<Void> release(String lp) {
    int lpKey = key(lp);
    if (connection == null) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery("SELECT pg_advisory_unlock($1, $2)").execute(Tuple.of(LOCK_CLASS, lpKey))
      .mapEmpty();
  }

  /** A round trip on the lock connection; a failure means every lock may be gone. */
  Future<Void> check() {
    if (connection == null) {
      return Future.succeededFuture();
    }
    return connection.query("SELECT 1").execute().<Void>mapEmpty()
      .onFailure(e -> {
        LOG.error("router lock connection failed its check: {}", e.toString());
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
      LOG.error("router lock connection {}: every LP session of this node is released", why);
      onLost.run();
    }
  }
}
