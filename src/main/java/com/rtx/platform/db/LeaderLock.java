package com.rtx.platform.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Leadership of one cluster-wide job: one advisory lock on a dedicated connection
 * ({@link AdvisoryLocks}); the connection's death releases it and {@code onLost} tells the holder.
 *
 * <p>Used from one verticle's event loop only. Keys in use: 1 the hedger, 2 the pricing lead (LP
 * market-data sessions).
 */
public final class LeaderLock {

  /** First key of the two-key advisory lock: "RTXH" — apart from the dealing shards' "RTXD". */
  public static final int LOCK_CLASS = 0x52545848;

  private final AdvisoryLocks locks;
  private final int key;
  private final Runnable onLost;
  private boolean held;

  public LeaderLock(Vertx vertx, PgConnectOptions options, int key, String name, Runnable onLost) {
    this.key = key;
    this.onLost = onLost;
    this.locks = new AdvisoryLocks(vertx, options, LOCK_CLASS, name, this::dropped);
  }

  public boolean held() {
    return held;
  }

  /** Tries to become leader (connecting first when needed); true when this node leads. */
  public Future<Boolean> tryAcquire() {
    if (held) {
      return Future.succeededFuture(true);
    }
    return locks.connect().compose(v -> locks.tryAcquire(key)).map(mine -> held = mine);
  }

  /** A round trip on the lock connection; a failure means the lock may be gone. */
  public Future<Void> check() {
    return locks.check();
  }

  /** Gives the lead up (standby) without closing for good: a later {@link #tryAcquire} may win it again. */
  public Future<Void> release() {
    if (!held) {
      return Future.succeededFuture();
    }
    held = false;
    return locks.release(key);
  }

  /** Closes the connection, which releases the lock. */
  public Future<Void> close() {
    held = false;
    return locks.close();
  }

  private void dropped() {
    boolean wasHeld = held;
    held = false;
    if (wasHeld) {
      onLost.run();
    }
  }
}
