package com.rtx.admin;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Counts staff login attempts, increment first and decide after (so 30 parallel attempts get the
 * counts 1..30, never 30 times "1"), in PostgreSQL table {@code staff_login_attempt}: one upsert
 * ... RETURNING increments both counts of an attempt and reads them in one statement, atomic and
 * shared by every node.
 * <ul>
 *   <li>per client address, over all usernames (known or not): row {@code ('', ip)}, a fixed window
 *   of {@code admin.lockout-s}. A successful login gives its attempt back; above
 *   {@code admin.login-max-failures-per-ip} the address gets 429 before any password is checked.</li>
 *   <li>per username <em>and</em> address: row {@code (username, ip)}, expiring {@code admin.lockout-s}
 *   after that pair's last attempt. Above {@code admin.lockout-failures} the user is locked <em>from
 *   that address</em>. Why per address: a lock per username alone lets any outsider keep
 *   {@code admin} locked out forever by failing on purpose; this way the outsider locks only
 *   themselves, while the per-address limit still bounds how many passwords one address can try. A
 *   success clears the pair; a password reset clears the user from every address.</li>
 * </ul>
 * Why PostgreSQL and not Redis: every attempt already writes its audit row there, so this costs
 * one more statement, and there is one counting domain. With Redis first and PostgreSQL as the
 * fallback, a burst of 30 parallel attempts overflowed the Redis pool's wait queue and 4 of them
 * were counted in the other store: a flood would split the counts and slip past the limits.
 */
final class StaffLockout {

  /** The counts after this attempt, and how long the window lasts. */
  record Attempt(long fromIp, long userFromIp, Duration retryAfter) {
  }

  private final Pool pool;
  private final Duration window;
  private final Clock clock;

  StaffLockout(Pool pool, Duration window, Clock clock) {
    this.pool = pool;
    this.window = window;
    this.clock = clock;
  }

  /**
   * Counts one attempt of {@code username} from {@code ip}; decide on the returned counts. A row
   * whose window has ended starts again at 1; the address's window is fixed, the pair's slides.
   */
  Future<Attempt> attempt(String username, String ip) {
    Instant now = clock.instant();
    return pool.preparedQuery("INSERT INTO staff_login_attempt AS a (username, ip, attempts, expires_at) "
        + "VALUES ('', $2, 1, $4), ($1, $2, 1, $4) ON CONFLICT (username, ip) DO UPDATE SET "
        + "attempts = CASE WHEN a.expires_at <= $3 THEN 1 ELSE a.attempts + 1 END, "
        + "expires_at = CASE WHEN a.expires_at <= $3 OR a.username <> '' THEN $4 ELSE a.expires_at END "
        + "RETURNING username, attempts, expires_at")
      .execute(Tuple.of(normalized(username), ip, now.atOffset(ZoneOffset.UTC), now.plus(window).atOffset(ZoneOffset.UTC)))
      .map(rows -> {
        long fromIp = 0;
        long fromUser = 0;
        Instant ipUntil = now.plus(window);
        for (Row row : rows) {
          if (row.getString("username").isEmpty()) {
            fromIp = row.getInteger("attempts");
            ipUntil = row.getOffsetDateTime("expires_at").toInstant();
          } else {
            fromUser = row.getInteger("attempts");
          }
        }
        Duration retry = fromIp > 0 && ipUntil.isAfter(now) ? Duration.between(now, ipUntil) : window;
        return new Attempt(fromIp, fromUser, Duration.ofSeconds(Math.max(1, Math.min(retry.toSeconds(), window.toSeconds()))));
      });
  }

  /** After a successful login: the pair's count is cleared and the address's attempt given back. */
  Future<Void> succeeded(String username, String ip) {
    return pool.preparedQuery("DELETE FROM staff_login_attempt WHERE (username = $1 AND ip = $2) OR expires_at < $3")
      .execute(Tuple.of(normalized(username), ip, clock.instant().atOffset(ZoneOffset.UTC)))
      .compose(v -> pool.preparedQuery("UPDATE staff_login_attempt SET attempts = attempts - 1 "
        + "WHERE username = '' AND ip = $1 AND attempts > 0").execute(Tuple.of(ip)))
      .mapEmpty();
  }

  /** After a password reset: the user is no longer locked from anywhere. */
  Future<Void> clear(String username) {
    return pool.preparedQuery("DELETE FROM staff_login_attempt WHERE username = $1")
      .execute(Tuple.of(normalized(username))).mapEmpty();
  }

  private static String normalized(String username) {
    String lower = username.toLowerCase(Locale.ROOT);
    // Longer names are never staff (varchar(64)); they still count, under their first 64 characters.
    return lower.length() > 64 ? lower.substring(0, 64) : lower;
  }
}
