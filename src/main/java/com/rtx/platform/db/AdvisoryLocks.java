package com.rtx.platform.db;

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
 * Session-level PostgreSQL advisory locks {@code (lockClass, key)} held on one dedicated
 * connection: how one node owns something cluster-wide (a dealing shard, an LP's sessions, the
 * hedger's lead). Never a pooled connection, never through a transaction pooler, where session
 * locks would leak between clients. When the connection dies, PostgreSQL releases every lock on
 * it and {@code onLost} tells the owner to stop at once.
 *
 * <p>A partitioned owner must lose its locks within seconds, on both ends: the server drops the
 * session through TCP keepalives (set per session below) and
 * {@code client_connection_check_interval}; this side notices through its own keepalives and a
 * periodic {@link #check()}.
 */
public final class AdvisoryLocks {

  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLocks.class);

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final int lockClass;
  private final String name;
  private final Runnable onLost;
  private Pool single;
  private SqlConnection connection;
  private boolean closing;

  /**
   * @param lockClass first key of every lock here: four letters naming the owner (keeps clear of
   *     the other owners and of the migrations' lock)
   * @param name the connection's application_name, and the name in log lines
   */
  public AdvisoryLocks(Vertx vertx, PgConnectOptions options, int lockClass, String name, Runnable onLost) {
    this.vertx = vertx;
    this.options = new PgConnectOptions(options).addProperty("application_name", name);
    this.lockClass = lockClass;
    this.name = name;
    this.onLost = onLost;
  }

  public boolean connected() {
    return connection != null;
  }

  /** Opens the lock connection (no-op when open). */
  public Future<Void> connect() {
    if (connection != null) {
      return Future.succeededFuture();
    }
    // A pool of one connection, held for good: the only way to give a single connection TCP
    // keepalives here. Closing the pool closes the socket, which is what releases the locks.
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setName(name))
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
        conn.exceptionHandler(e -> LOG.warn("{}: {}", name, e.toString()));
        return (Void) null;
      })
      .onFailure(e -> {
        single = null;
        pool.close();
      });
  }

  /** Whether this node now holds {@code key} (true also if it already did); false when not connected. */
  public Future<Boolean> tryAcquire(int key) {
    if (connection == null || closing) {
      return Future.succeededFuture(false);
    }
    return connection.preparedQuery("SELECT pg_try_advisory_lock($1, $2)").execute(Tuple.of(lockClass, key))
      .map(rows -> rows.iterator().next().getBoolean(0) && connection != null);
  }

  /** Gives {@code key} up, keeping the others. */
  public Future<Void> release(int key) {
    if (connection == null) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery("SELECT pg_advisory_unlock($1, $2)").execute(Tuple.of(lockClass, key)).mapEmpty();
  }

  /** A round trip on the lock connection; a failure means every lock may be gone. */
  public Future<Void> check() {
    if (connection == null) {
      return Future.succeededFuture();
    }
    return connection.query("SELECT 1").execute().<Void>mapEmpty()
      .onFailure(e -> {
        LOG.error("{} failed its check: {}", name, e.toString());
        dropped("check failed");
      });
  }

  /** Closes the connection for good, which releases every lock this node holds. */
  public Future<Void> close() {
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
      LOG.error("{} {}: every lock of this node is released", name, why);
      onLost.run();
    }
  }
}
