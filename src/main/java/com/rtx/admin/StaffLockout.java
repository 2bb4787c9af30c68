package com.rtx.admin;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Counts a staff member's consecutive failed logins: Redis key {@code rtx:staff:fail:<username>}
 * (expiring after the lockout period, shared by every node), or — when Redis does not answer — the
 * {@code staff.failed_logins} column, so lockout keeps working cluster-wide without Redis. Reaching
 * the limit is the caller's cue to lock the user ({@code staff.locked_until}, durable in
 * PostgreSQL whichever counter was used).
 */
final class StaffLockout {

  private static final Logger LOG = LoggerFactory.getLogger(StaffLockout.class);

  private final RedisAPI redis;
  private final Pool pool;
  private final Duration window;

  StaffLockout(RedisAPI redis, Pool pool, Duration window) {
    this.redis = redis;
    this.pool = pool;
    this.window = window;
  }

  /** Counts one failure; the number of failures so far. */
  Future<Long> recordFailure(long staffId, String username) {
    String key = key(username);
    return redis.set(List.of(key, "0", "NX", "EX", Long.toString(window.toSeconds())))
      .compose(v -> redis.incr(key))
      .map(count -> count.toLong())
      .recover(e -> {
        LOG.warn("staff lockout: Redis unavailable ({}); counting in PostgreSQL", e.getMessage());
        return pool.preparedQuery("UPDATE staff SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins")
          .execute(Tuple.of(staffId)).map(rows -> (long) rows.iterator().next().getInteger("failed_logins"));
      });
  }

  /** Forgets the failures (after a successful login or when the user was locked). */
  Future<Void> clear(long staffId, String username) {
    Future<Void> redisCleared = redis.del(List.of(key(username))).<Void>mapEmpty().recover(e -> Future.succeededFuture());
    Future<Void> pgCleared = pool.preparedQuery("UPDATE staff SET failed_logins = 0 WHERE id = $1 AND failed_logins <> 0")
      .execute(Tuple.of(staffId)).mapEmpty();
    return Future.all(redisCleared, pgCleared).mapEmpty();
  }

  private static String key(String username) {
    return "rtx:staff:fail:" + username.toLowerCase(Locale.ROOT);
  }
}
