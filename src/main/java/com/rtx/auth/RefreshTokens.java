package com.rtx.auth;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Refresh tokens in table {@code refresh_token}: 256 random bits (base64url, 43 characters) given
 * to the client once, stored only as their SHA-256. One family per login; every {@link #rotate}
 * revokes the presented token and issues its successor with the family's original expiry (a
 * session lasts at most {@code auth.refresh-token-ttl-s} from login however often it refreshes).
 * Presenting a rotated (already used) token again means it was copied: the whole family is
 * revoked, which logs out both the thief and the victim. A token revoked by logout or by such a
 * revocation is simply invalid. Every family revoked here is also handed to
 * {@link SessionRevocations} once committed, so the session's access tokens stop working at once.
 */
public final class RefreshTokens {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshTokens.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new token's value (for the client) and its session. */
  public record Issued(String token, UUID familyId, long traderId, Instant expiresAt) {
  }

  /** The trader a successfully rotated token belonged to, the successor, and whether they must change their password. */
  public record Rotated(Issued next, String username, boolean mustChangePassword) {
  }

  private final Pool pool;
  private final SessionRevocations revocations;

  public RefreshTokens(Pool pool, SessionRevocations revocations) {
    this.pool = pool;
    this.revocations = revocations;
  }

  /** Starts a new family (a login). */
  public Future<Issued> issue(long traderId, Instant now, Instant expiresAt) {
    String token = newToken();
    UUID family = UUID.randomUUID();
    return pool.preparedQuery("INSERT INTO refresh_token (token_hash, family_id, trader_id, issued_at, expires_at) "
        + "VALUES ($1, $2, $3, $4, $5)")
      .execute(Tuple.of(hash(token), family, traderId, utc(now), utc(expiresAt)))
      .map(rows -> new Issued(token, family, traderId, expiresAt));
  }

  /**
   * Replaces {@code token} by a new one of the same family. Fails with
   * {@link ApiErrorCode#INVALID_REFRESH_TOKEN} (unknown, expired, trader no longer active) or
   * {@link ApiErrorCode#REFRESH_TOKEN_REUSED} (already revoked: the family is revoked now, and
   * that revocation is committed before the failure is reported).
   */
  public Future<Rotated> rotate(String token, Instant now) {
    Buffer hash = hash(token);
    return pool.withTransaction(conn -> conn.preparedQuery(
          "SELECT r.family_id, r.trader_id, r.expires_at, r.revoked_at, r.replaced_by, t.username, t.status, "
            + "t.must_change_password "
            + "FROM refresh_token r JOIN trader t ON t.id = r.trader_id WHERE r.token_hash = $1 FOR UPDATE OF r")
        .execute(Tuple.of(hash))
        .compose(rows -> rows.size() == 0
          ? Future.succeededFuture(Outcome.failed(ApiErrorCode.INVALID_REFRESH_TOKEN, "unknown refresh token"))
          : decide(conn, hash, rows.iterator().next(), now)))
      .compose(outcome -> (outcome.revoked == null ? Future.<Void>succeededFuture()
          : revocations.revoke(List.of(outcome.revoked)))
        .compose(v -> outcome.failure == null ? Future.succeededFuture(outcome.rotated)
          : Future.failedFuture(outcome.failure)));
  }

  private Future<Outcome> decide(SqlConnection conn, Buffer hash, Row row, Instant now) {
    UUID family = row.getUUID("family_id");
    long traderId = row.getLong("trader_id");
    Instant expiresAt = row.getOffsetDateTime("expires_at").toInstant();
    if (row.getOffsetDateTime("revoked_at") != null && row.getBuffer("replaced_by") == null) {
      return Future.succeededFuture(Outcome.failed(ApiErrorCode.INVALID_REFRESH_TOKEN,
        "the session of this refresh token has ended; log in again"));
    }
    if (row.getOffsetDateTime("revoked_at") != null) {
      // Rotated before: someone holds a copy. Whoever presents it second, the session ends.
      LOG.warn("refresh token reused for trader {} (session {}): the session is revoked", traderId, family);
      return revokeFamily(conn, family, now).map(n -> Outcome.failed(ApiErrorCode.REFRESH_TOKEN_REUSED,
        "refresh token was already used; the session is revoked, log in again").revoking(family));
    }
    if (!expiresAt.isAfter(now)) {
      return Future.succeededFuture(Outcome.failed(ApiErrorCode.INVALID_REFRESH_TOKEN, "refresh token expired"));
    }
    if (!"ACTIVE".equals(row.getString("status"))) {
      return revokeFamily(conn, family, now).map(n -> Outcome.failed(ApiErrorCode.INVALID_REFRESH_TOKEN,
        "the login is locked or disabled").revoking(family));
    }
    String next = newToken();
    Buffer nextHash = hash(next);
    return conn.preparedQuery("UPDATE refresh_token SET revoked_at = $2, replaced_by = $3 WHERE token_hash = $1")
      .execute(Tuple.of(hash, utc(now), nextHash))
      .compose(v -> conn.preparedQuery("INSERT INTO refresh_token (token_hash, family_id, trader_id, issued_at, expires_at) "
          + "VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(nextHash, family, traderId, utc(now), utc(expiresAt))))
      .map(v -> new Outcome(new Rotated(new Issued(next, family, traderId, expiresAt), row.getString("username"),
        row.getBoolean("must_change_password")), null, null));
  }

  /** Revokes every live token of the session (logout); true when there was one. */
  public Future<Boolean> revokeFamily(UUID family, Instant now) {
    return pool.withConnection(conn -> revokeFamily(conn, family, now))
      .compose(n -> revocations.revoke(List.of(family)).map(v -> n > 0));
  }

  /**
   * Revokes every session of the trader except {@code keep} (null: all of them), inside
   * {@code conn}'s transaction; the families revoked, for {@link SessionRevocations#revoke} once committed.
   */
  public static Future<List<UUID>> revokeTraderSessions(SqlConnection conn, long traderId, UUID keep, Instant now) {
    return conn.preparedQuery("UPDATE refresh_token SET revoked_at = $2 WHERE trader_id = $1 AND revoked_at IS NULL "
        + "AND ($3::uuid IS NULL OR family_id <> $3) RETURNING family_id")
      .execute(Tuple.of(traderId, utc(now), keep))
      .map(rows -> {
        List<UUID> families = new ArrayList<>();
        rows.forEach(r -> {
          if (!families.contains(r.getUUID("family_id"))) {
            families.add(r.getUUID("family_id"));
          }
        });
        return families;
      });
  }

  /**
   * Revokes the session {@code token} belongs to, when the token is known and belongs to
   * {@code traderId} (or any trader when null); the family id, or null.
   */
  public Future<UUID> revokeFamilyOf(String token, Long traderId, Instant now) {
    return pool.preparedQuery("UPDATE refresh_token SET revoked_at = $2 WHERE revoked_at IS NULL AND family_id = "
        + "(SELECT family_id FROM refresh_token WHERE token_hash = $1 AND ($3::bigint IS NULL OR trader_id = $3)) "
        + "RETURNING family_id")
      .execute(Tuple.of(hash(token), utc(now), traderId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("family_id"))
      .compose(family -> family == null ? Future.succeededFuture(null)
        : revocations.revoke(List.of(family)).map(v -> family));
  }

  /** Deletes tokens whose session ended more than a day ago (kept a day to recognise late reuse). */
  public Future<Integer> purgeExpired(Instant now) {
    return pool.preparedQuery("DELETE FROM refresh_token WHERE expires_at < $1")
      .execute(Tuple.of(utc(now.minusSeconds(86_400))))
      .map(rows -> rows.rowCount());
  }

  private static Future<Integer> revokeFamily(SqlConnection conn, UUID family, Instant now) {
    return conn.preparedQuery("UPDATE refresh_token SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL")
      .execute(Tuple.of(family, utc(now)))
      .map(rows -> rows.rowCount());
  }

  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static Buffer hash(String token) {
    try {
      return Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** The transaction's result: a rotation, or a refusal to report after the commit (and a family it revoked). */
  private record Outcome(Rotated rotated, AuthFailure failure, UUID revoked) {
    static Outcome failed(ApiErrorCode code, String message) {
      return new Outcome(null, new AuthFailure(code, message), null);
    }

    Outcome revoking(UUID family) {
      return new Outcome(rotated, failure, family);
    }
  }
}
