package com.rtx.auth;

import com.rtx.bus.Addresses;
import com.rtx.bus.SessionsRevoked;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends the access tokens of revoked trader sessions at once, not when they expire. An access
 * token carries its session ({@code sid}, the refresh-token family); a session is revoked by
 * logout, refresh-token reuse, a staff password reset or the trader's password change, always
 * first in PostgreSQL (the family's refresh tokens get {@code revoked_at}) and then here:
 * <ul>
 *   <li>Redis key {@code rtx:auth:revoked:<sessionId>}, expiring after the access-token lifetime
 *   (no token of the session outlives it), checked on every authenticated request;</li>
 *   <li>{@link Addresses#SESSIONS_REVOKED} published to every gateway, which remembers the session
 *   in memory for the same time (so a revocation made while Redis is down still holds on every
 *   running gateway) and closes the session's open WebSockets.</li>
 * </ul>
 * When Redis does not answer a check, PostgreSQL decides: a session with no refresh token left
 * unrevoked has ended. When neither answers, the token is refused (fail closed).
 *
 * <p>Thread-safe; every operation is non-blocking.
 */
public final class SessionRevocations {

  private static final Logger LOG = LoggerFactory.getLogger(SessionRevocations.class);
  private static final String PREFIX = "rtx:auth:revoked:";

  private final Vertx vertx;
  private final RedisAPI redis;
  private final Pool pool;
  private final Clock clock;
  private final Duration ttl;
  /** Sessions this process heard were revoked, with when that stops mattering (epoch ms). */
  private final Map<UUID, Long> recent = new ConcurrentHashMap<>();

  /** {@code ttl} is the access-token lifetime. */
  public SessionRevocations(Vertx vertx, RedisAPI redis, Pool pool, Clock clock, Duration ttl) {
    this.vertx = vertx;
    this.redis = redis;
    this.pool = pool;
    this.clock = clock;
    this.ttl = ttl;
  }

  /**
   * Marks sessions already revoked in PostgreSQL as ended for their access tokens: Redis, this
   * process and every gateway (bus). Never fails: when Redis does not answer, the bus and the
   * PostgreSQL fallback still refuse the tokens.
   */
  public Future<Void> revoke(Collection<UUID> sessions) {
    if (sessions.isEmpty()) {
      return Future.succeededFuture();
    }
    remember(sessions);
    vertx.eventBus().publish(Addresses.SESSIONS_REVOKED, new SessionsRevoked(List.copyOf(sessions)).toJson());
    List<Future<?>> writes = new ArrayList<>();
    String millis = Long.toString(ttl.toMillis());
    for (UUID session : sessions) {
      writes.add(redis.set(List.of(PREFIX + session, "1", "PX", millis)));
    }
    return Future.join(writes).<Void>mapEmpty().recover(e -> {
      LOG.warn("could not record {} revoked session(s) in Redis ({}); gateways were told over the bus and "
        + "PostgreSQL holds the revocation", sessions.size(), e.getMessage());
      return Future.succeededFuture();
    });
  }

  /**
   * Remembers the sessions revoked within the last access-token lifetime, from PostgreSQL: a gateway
   * that starts after a revocation (a new pod, the other colour) refuses their tokens even if Redis
   * lost the key (eviction, a failed write). Sessions still holding a live refresh token (a rotation
   * revokes only the old token) are not among them.
   */
  public Future<Integer> loadRecent() {
    return pool.preparedQuery("SELECT DISTINCT r.family_id FROM refresh_token r WHERE r.revoked_at > $1 "
        + "AND NOT EXISTS (SELECT 1 FROM refresh_token l WHERE l.family_id = r.family_id AND l.revoked_at IS NULL)")
      .execute(Tuple.of(java.time.OffsetDateTime.ofInstant(clock.instant().minus(ttl), java.time.ZoneOffset.UTC)))
      .map(rows -> {
        List<UUID> sessions = new ArrayList<>();
        rows.forEach(row -> sessions.add(row.getUUID("family_id")));
        remember(sessions);
        return sessions.size();
      });
  }

  /** Records sessions another node revoked ({@link Addresses#SESSIONS_REVOKED}). */
  public void remember(Collection<UUID> sessions) {
    long now = clock.millis();
    long until = now + ttl.toMillis();
    recent.values().removeIf(t -> t <= now);
    sessions.forEach(id -> recent.put(id, until));
  }

  /** The claims when their session is live; else a failed future with {@link TokenRejected}. */
  public Future<AccessClaims> live(AccessClaims claims) {
    return revoked(claims.sessionId()).compose(ended -> ended
      ? Future.failedFuture(new TokenRejected("the session of this access token has ended; log in again"))
      : Future.succeededFuture(claims));
  }

  /** Whether this process has heard of the session's revocation (no I/O; see {@link #revoked}). */
  public boolean knownRevoked(UUID session) {
    Long until = recent.get(session);
    return until != null && until > clock.millis();
  }

  /** How long a revocation lookup waits for Redis before asking PostgreSQL. */
  static final long REDIS_ANSWER_MS = 500;

  /** Whether the session was revoked (Redis, then PostgreSQL when Redis does not answer). */
  public Future<Boolean> revoked(UUID session) {
    if (knownRevoked(session)) {
      return Future.succeededFuture(true);
    }
    // A Redis that hangs rather than fails must not hang every trader request: past the timeout,
    // PostgreSQL decides as it does when Redis errors.
    return redis.exists(List.of(PREFIX + session)).timeout(REDIS_ANSWER_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
      .map(n -> n.toLong() > 0)
      .recover(e -> pool.preparedQuery("SELECT NOT EXISTS (SELECT 1 FROM refresh_token WHERE family_id = $1 "
          + "AND revoked_at IS NULL) AS ended").execute(Tuple.of(session))
        .map(rows -> rows.iterator().next().getBoolean("ended")))
      .recover(e -> Future.failedFuture(new TokenRejected("the session could not be checked; retry shortly")));
  }

}
