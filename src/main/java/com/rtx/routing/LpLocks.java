package com.rtx.routing;

import com.rtx.platform.db.AdvisoryLocks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Leadership of LP trade sessions: an advisory lock per LP (second key: the CRC-32 of its name),
 * all on one dedicated connection ({@link AdvisoryLocks}): when it dies PostgreSQL releases them
 * and {@code onLost} tells the router to drop every session at once, so two nodes never log on
 * with one CompID.
 */
final class LpLocks {

  /** First key of the two-key advisory lock: "RTXR" — keeps clear of the dealing shards ("RTXD") and migrations. */
  static final int LOCK_CLASS = 0x52545852;

  private final AdvisoryLocks locks;

  LpLocks(Vertx vertx, PgConnectOptions options, Runnable onLost) {
    this.locks = new AdvisoryLocks(vertx, options, LOCK_CLASS, "rtx-router-locks", onLost);
  }

  /** The lock key of an LP: stable across nodes and releases. */
  static int key(String lp) {
    CRC32 crc = new CRC32();
    crc.update(lp.getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }

  boolean connected() {
    return locks.connected();
  }

  Future<Void> connect() {
    return locks.connect();
  }

  /** Whether this node now holds {@code lp} (true also if it already did). */
  Future<Boolean> tryAcquire(String lp) {
    return locks.tryAcquire(key(lp));
  }

  /** Gives {@code lp} up (a disabled LP, standby). */
  Future<Void> release(String lp) {
    return locks.release(key(lp));
  }

  /** A round trip on the lock connection; a failure means every lock may be gone. */
  Future<Void> check() {
    return locks.check();
  }

  /** Closes the connection, which releases every lock this node holds. */
  Future<Void> close() {
    return locks.close();
  }
}
