package com.rtx.hedging;

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
 * Leadership of one cluster-wide job: a session-level PostgreSQL advisory lock held on a dedicated
 * connection (never pooled, never through a transaction pooler), as the dealing shards hold theirs.
 * The connection's death releases the lock on the server; this side notices through TCP keepalives
 * and {@link #check()}, and tells the holder through {@code onLost}.
 *
 * <p>Used from one verticle's event loop only.
 */
final class LeaderLock {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderLock.class);

  /** First key of the two-key advisory lock: "RTXH" — apart from the dealing shards' "RTXD". */
  static final int LOCK_CLASS = 0x52545848;

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final int key;
  private final Runnable onLost;
  private Pool single;
  private SqlConnection connection;
  private boolean held;
  private boolean closing;

  LeaderLock(Vertx vertx, PgConnectOptions options, int key, String name, Runnable onLost) {
    this.vertx = vertx;
    this.options = new PgConnectOptions(options).addProperty("application_name", name);
    this.key = key;
    this.onLost = onLost;
  }

  boolean held() {
    return held;
  }

  /** Tries to become leader (connecting first when needed); true when this node leads. */
  Future<Boolean> tryAcquire() {
    if (closing) {
      return Future.succeededFuture(false);
    }
    if (held) {
      return Future.succeededFuture(true);
    }
    return connect()
      .compose(conn -> conn.preparedQuery("SELECT pg_try_advisory_lock($1, $2)").execute(Tuple.of(LOCK_CLASS, key)))
      .map(rows -> {
        held = rows.iterator().next().getBoolean(0) && connection != null;
        return held;
      });
  }

  /** A round trip on the lock connection; a failure means the lock may be gone. */
  Future<Void> check() {
    if (connection == null) {
      return Future.succeededFuture();
    }
    return connection.query("SELECT 1").execute().<Void>mapEmpty()
      .onFailure(e -> dropped("failed its check: " + e));
  }

  /** Gives the lead up (standby) without closing for good: a later {@link #tryAcquire} may win it again. */
  Future<Void> release() {
    if (!held || connection == null) {
      return Future.succeededFuture();
    }
    held = false;
    return connection.preparedQuery("SELECT pg_advisory_unlock($1, $2)").execute(Tuple.of(LOCK_CLASS, key)).mapEmpty();
  }

  /** Closes the connection, which releases the lock. */
  Future<Void> close() {
    closing = true;
    held = false;
    connection = null;
    Pool pool = single;
    single = null;
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  private Future<SqlConnection> connect() {
    if (connection != null) {
      return Future.succeededFuture(connection);
    }
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setName(options.getProperties()
        .get("application_name")))
      .with(new NetClientOptions().setTcpKeepAlive(true).setConnectTimeout(5000))
      .connectingTo(options).using(vertx).build();
    single = pool;
    return pool.getConnection()
      .compose(conn -> conn.query("SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; "
        + "SET tcp_keepalives_count = 3; SET client_connection_check_interval = 2000").execute().map(v -> conn))
      .map(conn -> {
        connection = conn;
        conn.closeHandler(v -> dropped("closed"));
        conn.exceptionHandler(e -> LOG.warn("leader lock connection: {}", e.toString()));
        return conn;
      })
      .onFailure(e -> {
        single = null;
        pool.close();
      });
  }

  private void dropped(String why) {
    if (connection == null) {
      return;
    }
    boolean wasHeld = held;
    connection = null;
    held = false;
    Pool pool = single;
    single = null;
    if (pool != null) {
      pool.close();
    }
    if (!closing && wasHeld) {
      LOG.error("leader lock connection {}: leadership released", why);
      onLost.run();
    }
  }
}
