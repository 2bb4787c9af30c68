package com.rtx.auth;

import com.rtx.platform.http.ApiErrorCode;
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
 * Traders' login, refresh and logout. Login order matters: the throttle counts the attempt and
 * decides before any password work (a throttled caller costs nothing, and of parallel attempts only
 * those within the limit reach the password check), the password is always verified — against a
 * dummy hash for unknown users — so unknown user and wrong password take the same time and get
 * the same {@link ApiErrorCode#INVALID_CREDENTIALS}; only a caller who knows the password
 * learns that a login is locked.
 */
public final class TraderAuth {

  private static final Logger LOG = LoggerFactory.getLogger(TraderAuth.class);

  /**
   * A successful login or refresh: both tokens and who they are for; {@code mustChangePassword}
   * when the password was set by staff (the access token then carries {@code pwc}).
   */
  public record Session(String accessToken, String refreshToken, long expiresInSeconds, long traderId,
                        String username, UUID sessionId, Instant refreshExpiresAt, boolean mustChangePassword) {
  }

  private final Pool pool;
  private final PasswordHasher hasher;
  private final AccessTokens access;
  private final RefreshTokens refresh;
  private final LoginThrottle throttle;
  private final Clock clock;
  private final Duration refreshTtl;
  private final SessionRevocations revocations;

  public TraderAuth(Pool pool, PasswordHasher hasher, AccessTokens access, RefreshTokens refresh,
                    LoginThrottle throttle, Clock clock, Duration refreshTtl, SessionRevocations revocations) {
    this.revocations = revocations;
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
    return throttle.attempt(username, ip).compose(blocked -> {
      if (blocked.isPresent()) {
        LOG.info("login throttled for {} from {}", username, ip);
        return Future.failedFuture(new AuthFailure(ApiErrorCode.LOGIN_THROTTLED,
          "too many failed logins; retry later", blocked.get()));
      }
      // PostgreSQL text cannot hold NUL: such a name is nobody's (asking would fail the query: a 500).
      String lookup = username.indexOf('\u0000') >= 0 ? "" : username;
      return pool.preparedQuery("SELECT id, username, password_hash, status, must_change_password FROM trader "
          + "WHERE username = $1")
        .execute(Tuple.of(lookup))
        .compose(rows -> {
          Row trader = rows.size() == 0 ? null : rows.iterator().next();
          return hasher.verify(password, trader == null ? null : trader.getString("password_hash"))
            .compose(ok -> ok ? accepted(trader, ip) : rejected(username, ip));
        });
    });
  }

  private Future<Session> accepted(Row trader, String ip) {
    String username = trader.getString("username");
    if (!"ACTIVE".equals(trader.getString("status"))) {
      LOG.info("login refused for {}: trader is {}", username, trader.getString("status"));
      return Future.failedFuture(new AuthFailure(ApiErrorCode.LOGIN_DISABLED,
        "this login is locked or disabled; contact support"));
    }
    Instant now = clock.instant();
    long traderId = trader.getLong("id");
    boolean mustChange = trader.getBoolean("must_change_password");
    return throttle.succeeded(username, ip)
      .compose(v -> refresh.issue(traderId, now, now.plus(refreshTtl)))
      .map(issued -> session(issued, username, mustChange))
      .onSuccess(s -> LOG.info("trader {} ({}) logged in, session {}", username, traderId, s.sessionId()));
  }

  private Future<Session> rejected(String username, String ip) {
    LOG.info("login failed for {} from {}", username, ip);
    // Already counted by the throttle's attempt, before the password was checked.
    return Future.failedFuture(new AuthFailure(ApiErrorCode.INVALID_CREDENTIALS, "invalid username or password"));
  }

  /** New tokens for a refresh token, which is revoked (see {@link RefreshTokens#rotate}). */
  public Future<Session> refresh(String refreshToken) {
    return refresh.rotate(refreshToken, clock.instant())
      .map(rotated -> session(rotated.next(), rotated.username(), rotated.mustChangePassword()));
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

  /**
   * The trader's own password change, from a live session: the current password is checked like a
   * login (counted by the throttle first; a wrong one is {@link ApiErrorCode#INVALID_CREDENTIALS}),
   * then the new hash is stored, the password-change requirement cleared and every other session of
   * the trader revoked in one transaction; once committed their access tokens are refused
   * ({@link SessionRevocations}). The answer is a new access token for this session.
   */
  public Future<String> changePassword(long traderId, String username, UUID sessionId, String current, String next,
                                       String ip) {
    if (current.equals(next)) {
      // Says nothing about whether the current password is right, so it costs no attempt.
      return Future.failedFuture(new AuthFailure(ApiErrorCode.PASSWORD_UNCHANGED,
        "the new password must differ from the current one"));
    }
    return throttle.attempt(username, ip).compose(blocked -> {
      if (blocked.isPresent()) {
        return Future.failedFuture(new AuthFailure(ApiErrorCode.LOGIN_THROTTLED,
          "too many wrong passwords; retry later", blocked.get()));
      }
      return pool.preparedQuery("SELECT password_hash FROM trader WHERE id = $1").execute(Tuple.of(traderId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("password_hash"))
        .compose(stored -> hasher.verify(current, stored).compose(ok -> {
          if (!ok) {
            LOG.info("password change refused for {} from {}: wrong current password", username, ip);
            return Future.failedFuture(new AuthFailure(ApiErrorCode.INVALID_CREDENTIALS, "the current password is wrong"));
          }
          return replacePassword(traderId, username, sessionId, stored, next, ip);
        }));
    });
  }

  /**
   * Replaces {@code verified} (the hash the current password was checked against) only if it is still
   * the stored one and the caller's session is still live: a staff reset or a logout that commits while
   * this change hashes wins, instead of being silently overwritten by it.
   */
  private Future<String> replacePassword(long traderId, String username, UUID sessionId, String verified, String next,
                                         String ip) {
    Instant now = clock.instant();
    return hasher.hash(next)
      .compose(hash -> pool.withTransaction(conn -> conn.preparedQuery(
          "UPDATE trader SET password_hash = $2, must_change_password = false WHERE id = $1 AND password_hash = $3 "
            + "AND EXISTS (SELECT 1 FROM refresh_token WHERE family_id = $4 AND trader_id = $1 AND revoked_at IS NULL)")
        .execute(Tuple.of(traderId, hash, verified, sessionId))
        .compose(updated -> updated.rowCount() == 1
          ? RefreshTokens.revokeTraderSessions(conn, traderId, sessionId, now)
          : Future.failedFuture(new AuthFailure(ApiErrorCode.INVALID_CREDENTIALS,
            "the password or the session changed meanwhile; log in again")))))
      .compose(ended -> revocations.revoke(ended).map(v -> ended.size()))
      .compose(ended -> throttle.succeeded(username, ip).map(v -> {
        LOG.info("trader {} ({}) changed their password; {} other session(s) ended", username, traderId, ended);
        return access.issue(traderId, username, sessionId, false);
      }));
  }

  public Future<Integer> purgeExpired() {
    return refresh.purgeExpired(clock.instant());
  }

  private Session session(RefreshTokens.Issued issued, String username, boolean mustChangePassword) {
    return new Session(access.issue(issued.traderId(), username, issued.familyId(), mustChangePassword), issued.token(),
      access.ttlSeconds(), issued.traderId(), username, issued.familyId(), issued.expiresAt(), mustChangePassword);
  }
}
