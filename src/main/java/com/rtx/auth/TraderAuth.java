package com.rtx.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Traders' login, refresh and logout. Login order matters: the throttle is checked before any
 * password work (a throttled caller costs nothing), the password is always verified — against a
 * dummy hash for unknown users — so unknown user and wrong password take the same time and get
 * the same {@link AuthFailure.Code#INVALID_CREDENTIALS}; only a caller who knows the password
 * learns that a login is locked.
 */
public final class TraderAuth {

  private static final Logger LOG = LoggerFactory.getLogger(TraderAuth.class);

  /** A successful login or refresh: both tokens and who they are for. */
  public record Session(String accessToken, String refreshToken, long expiresInSeconds, long traderId,
                        String username, UUID sessionId, Instant refreshExpiresAt) {
  }

  private final Pool pool;
  private final PasswordHasher hasher;
  private final AccessTokens access;
  private final RefreshTokens refresh;
  private final LoginThrottle throttle;
  private final Clock clock;
  private final Duration refreshTtl;

  public TraderAuth(Pool pool, PasswordHasher hasher, AccessTokens access, RefreshTokens refresh,
                    LoginThrottle throttle, Clock clock, Duration refreshTtl) {
    this.pool = pool;
    this.hasher = hasher;
    this.access = access;
    this.refresh = refresh;
    this.throttle = throttle;
    this.clock = clock;
    this.refreshTtl = refreshTtl;
  }

  public AccessTokens accessTokens() {
    return access;
  }

  /** {@code ip} is the client address the throttle counts per. */
  public Future<Session> login(String username, String password, String ip) {
    return throttle.check(username, ip).compose(blocked -> {
      if (blocked.isPresent()) {
        LOG.info("login throttled for {} from {}", username, ip);
        return Future.failedFuture(new AuthFailure(AuthFailure.Code.LOGIN_THROTTLED,
          "too many failed logins; retry later", blocked.get()));
      }
      // PostgreSQL text cannot hold NUL: such a name is nobody's (asking would fail the query: a 500).
      String lookup = username.indexOf('\u0000') >= 0 ? "" : username;
      return pool.preparedQuery("SELECT id, username, password_hash, status FROM trader WHERE username = $1")
        .execute(Tuple.of(lookup))
        .compose(rows -> {
          Row trader = rows.size() == 0 ? null : rows.iterator().next();
          return hasher.verify(password, trader == null ? null : trader.getString("password_hash"))
            .compose(ok -> ok ? accepted(trader) : rejected(username, ip));
        });
    });
  }

  private Future<Session> accepted(Row trader) {
    String username = trader.getString("username");
    if (!"ACTIVE".equals(trader.getString("status"))) {
      LOG.info("login refused for {}: trader is {}", username, trader.getString("status"));
      return Future.failedFuture(new AuthFailure(AuthFailure.Code.LOGIN_DISABLED,
        "this login is locked or disabled; contact support"));
    }
    Instant now = clock.instant();
    long traderId = trader.getLong("id");
    return throttle.recordSuccess(username)
      .compose(v -> refresh.issue(traderId, now, now.plus(refreshTtl)))
      .map(issued -> session(issued, username))
      .onSuccess(s -> LOG.info("trader {} ({}) logged in, session {}", username, traderId, s.sessionId()));
  }

  private Future<Session> rejected(String username, String ip) {
    LOG.info("login failed for {} from {}", username, ip);
    return throttle.recordFailure(username, ip).compose(v -> Future.failedFuture(
      new AuthFailure(AuthFailure.Code.INVALID_CREDENTIALS, "invalid username or password")));
  }

  /** New tokens for a refresh token, which is revoked (see {@link RefreshTokens#rotate}). */
  public Future<Session> refresh(String refreshToken) {
    return refresh.rotate(refreshToken, clock.instant())
      .map(rotated -> session(rotated.next(), rotated.username()));
  }

  /** Ends a session (the {@code sid} of a verified access token). */
  public Future<Void> logoutSession(UUID sessionId, String username) {
    return refresh.revokeFamily(sessionId, clock.instant())
      .onSuccess(any -> LOG.info("trader {} logged out, session {}", username, sessionId))
      .mapEmpty();
  }

  /**
   * Ends the session a refresh token belongs to; an unknown token is not an error (logging out
   * twice is fine). With {@code traderId} the token must be that trader's.
   */
  public Future<Void> logout(String refreshToken, Long traderId) {
    return refresh.revokeFamilyOf(refreshToken, traderId, clock.instant())
      .onSuccess(family -> {
        if (family != null) {
          LOG.info("session {} logged out by refresh token", family);
        }
      })
      .mapEmpty();
  }

  public Future<Integer> purgeExpired() {
    return refresh.purgeExpired(clock.instant());
  }

  private Session session(RefreshTokens.Issued issued, String username) {
    return new Session(access.issue(issued.traderId(), username, issued.familyId()), issued.token(),
      access.ttlSeconds(), issued.traderId(), username, issued.familyId(), issued.expiresAt());
  }
}
