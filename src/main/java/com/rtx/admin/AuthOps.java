package com.rtx.admin;

import com.rtx.auth.AccessTokens;
import com.rtx.auth.PasswordHasher;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Staff login, logout, password change and TOTP enrolment. Login order: the attempt is counted
 * ({@link StaffLockout}: per address, and per user and address) and an address over its limit is
 * refused (429); then the password is always verified (against a dummy hash for unknown users: same
 * time, same 401), then the lock, status and second factor are looked at, so only someone who knows
 * the password learns more. Every outcome is audited ({@code login}, {@code login.failed},
 * {@code login.lockout}, {@code login.locked}, {@code login.throttled}).
 */
final class AuthOps implements AdminOperations {

  /** Settings: failures (per user and address) before lockout, how long it lasts, and failures per address. */
  record Limits(int failures, Duration lockout, int perIp) {
  }

  private final Pool pool;
  private final Audited audited;
  private final PasswordHasher hasher;
  private final AccessTokens tokens;
  private final StaffLockout lockout;
  private final Totp totp;
  private final TotpSecrets secrets;
  private final Clock clock;
  private final Limits limits;

  AuthOps(Pool pool, Audited audited, PasswordHasher hasher, AccessTokens tokens, StaffLockout lockout, Totp totp,
          TotpSecrets secrets, Clock clock, Limits limits) {
    this.secrets = secrets;
    this.pool = pool;
    this.audited = audited;
    this.hasher = hasher;
    this.tokens = tokens;
    this.lockout = lockout;
    this.totp = totp;
    this.clock = clock;
    this.limits = limits;
  }

  @Override
  public void register(Map<String, AdminHandler> handlers) {
    handlers.put("staffLogin", (req, actor) -> login(req));
    handlers.put("staffLogout", this::logout);
    handlers.put("getMe", this::me);
    handlers.put("changePassword", this::changePassword);
    handlers.put("enrollTotp", this::enrollTotp);
    handlers.put("confirmTotp", this::confirmTotp);
  }

  private Future<AdminReply> login(AdminRequest req) {
    String username = req.body().getString("username");
    String ip = clientAddress(req);
    return lockout.attempt(username, ip).compose(attempt -> {
      if (attempt.fromIp() > limits.perIp()) {
        // Before any password check: an address that failed too often tries nothing more for a while.
        AdminException throttled = new AdminException(ApiErrorCode.LOGIN_THROTTLED,
          "too many failed logins from this address; retry later", null, attempt.retryAfter().toSeconds());
        // Audited once per window, when the address crosses the limit: a flood of refused attempts
        // must not become a flood of audit rows.
        return attempt.fromIp() == limits.perIp() + 1L
          ? refuse(req, Actor.claimed(username), "login.throttled", "too many attempts from " + ip, throttled)
          : Future.failedFuture(throttled);
      }
      return pool.preparedQuery("SELECT id, username, password_hash, role, status, totp_secret "
          + "FROM staff WHERE username = $1").execute(Tuple.of(username))
        .compose(rows -> {
          Row staff = rows.size() == 0 ? null : rows.iterator().next();
          return hasher.verify(req.body().getString("password"), staff == null ? null : staff.getString("password_hash"))
            .compose(ok -> decide(req, username, staff, ok, attempt));
        });
    });
  }

  /**
   * Unknown user, wrong password, and a locked user with a wrong password all get the same 401
   * INVALID_CREDENTIALS: nothing tells an outsider whether a username exists or is locked. Only
   * someone who gives the right password learns more (locked, disabled, second factor).
   */
  private Future<AdminReply> decide(AdminRequest req, String username, Row staff, boolean passwordOk,
                                    StaffLockout.Attempt attempt) {
    Instant now = clock.instant();
    if (staff == null) {
      return refuse(req, Actor.claimed(username), "login.failed", "unknown user", invalidCredentials());
    }
    Actor actor = new Actor(staff.getLong("id"), staff.getString("username"), staff.getString("role"));
    if (!passwordOk) {
      return failed(req, actor, "wrong password", attempt, invalidCredentials());
    }
    if (attempt.userFromIp() > limits.failures()) {
      return refuse(req, actor, "login.locked", "locked from " + req.ip(), new AdminException(
        ApiErrorCode.LOGIN_LOCKED, "too many failed logins; this login is locked, retry later", null,
        Math.max(1, attempt.retryAfter().toSeconds())));
    }
    if (!"ACTIVE".equals(staff.getString("status"))) {
      return refuse(req, actor, "login.failed", "disabled", new AdminException(ApiErrorCode.LOGIN_DISABLED,
        "this staff login is disabled", null));
    }
    String stored = staff.getString("totp_secret");
    if (stored == null) {
      return accepted(req, actor, now);
    }
    String code = req.body().getString("totp");
    if (code == null) {
      return refuse(req, actor, "login.failed", "TOTP code missing", new AdminException(ApiErrorCode.TOTP_REQUIRED,
        "a TOTP code is required for this login", "totp"));
    }
    AdminException wrongCode = new AdminException(ApiErrorCode.INVALID_TOTP,
        "the TOTP code is wrong or was already used", "totp");
    long step = totp.matchingStep(secrets.open(actor.staffId(), stored), code);
    if (step < 0) {
      return failed(req, actor, "wrong TOTP code", attempt, wrongCode);
    }
    return useStep(actor.staffId(), step).compose(fresh -> fresh
      ? sealIfPlain(actor.staffId(), stored).compose(v -> accepted(req, actor, now))
      : failed(req, actor, "TOTP code replayed", attempt, wrongCode));
  }

  /**
   * Moves the staff member's last accepted step forward to {@code step}, or reports false when that
   * step (or a later one) was already used: one conditional UPDATE, so of two logins racing with the
   * same code exactly one wins.
   */
  private Future<Boolean> useStep(long staffId, long step) {
    return pool.preparedQuery("UPDATE staff SET totp_last_step = $2 WHERE id = $1 "
        + "AND (totp_last_step IS NULL OR totp_last_step < $2)").execute(Tuple.of(staffId, step))
      .map(r -> r.rowCount() == 1);
  }

  /** A plaintext secret from before encryption is sealed at its first use (unless it changed meanwhile). */
  private Future<Void> sealIfPlain(long staffId, String stored) {
    if (TotpSecrets.isSealed(stored)) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("UPDATE staff SET totp_secret = $2 WHERE id = $1 AND totp_secret = $3")
      .execute(Tuple.of(staffId, secrets.seal(staffId, stored), stored)).mapEmpty();
  }

  private Future<AdminReply> accepted(AdminRequest req, Actor actor, Instant now) {
    UUID session = UUID.randomUUID();
    Instant expires = now.plusSeconds(tokens.ttlSeconds());
    AuditEntry entry = AuditEntry.of(now, req, actor, "login", AuditEntry.OK).target("staff", actor.staffId());
    return lockout.succeeded(actor.username(), clientAddress(req))
      .compose(v -> audited.change(entry, conn -> conn.preparedQuery(
          "INSERT INTO staff_session (id, staff_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(session, actor.staffId(), now.atOffset(ZoneOffset.UTC), expires.atOffset(ZoneOffset.UTC)))
        .map(r -> new Audited.Change(null, new JsonObject().put("sessionId", session.toString()), AdminReply.ok(
          new JsonObject().put("accessToken", tokens.issue(actor.staffId(), actor.username(), session))
            .put("tokenType", "Bearer").put("expiresIn", tokens.ttlSeconds()).put("staffId", actor.staffId())
            .put("username", actor.username()).put("role", actor.role()))))));
  }

  /**
   * A counted failure (the attempt was counted before the password was checked). The attempt that
   * reaches the limit locks the user from this address, audited once as login.lockout; the answer
   * stays the same either way.
   */
  private Future<AdminReply> failed(AdminRequest req, Actor actor, String why, StaffLockout.Attempt attempt,
                                    AdminException answer) {
    long count = attempt.userFromIp();
    if (count != limits.failures()) {
      return refuse(req, actor, "login.failed", why + " (" + count + " of " + limits.failures() + ")", answer);
    }
    AuditEntry entry = AuditEntry.of(clock.instant(), req, actor, "login.lockout", AuditEntry.OK)
      .target("staff", actor.staffId())
      .change(null, new JsonObject().put("ip", req.ip()).put("lockedForS", attempt.retryAfter().toSeconds())
        .put("failures", count).put("last", why));
    return audited.log().append(entry).compose(v -> Future.failedFuture(answer));
  }

  private Future<AdminReply> refuse(AdminRequest req, Actor actor, String action, String why, AdminException answer) {
    AuditEntry entry = AuditEntry.of(clock.instant(), req, actor, action, AuditEntry.DENIED)
      .target("staff", actor.staffId() == null ? actor.username() : actor.staffId())
      .change(null, new JsonObject().put("reason", why));
    return audited.log().append(entry).compose(id -> Future.failedFuture(answer));
  }

  private Future<AdminReply> logout(AdminRequest req, Actor actor) {
    AuditEntry entry = AuditEntry.of(clock.instant(), req, actor, "staffLogout", AuditEntry.OK).target("staff", actor.staffId());
    return audited.change(entry, conn -> conn.preparedQuery(
        "UPDATE staff_session SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
      .execute(Tuple.of(req.sessionId(), clock.instant().atOffset(ZoneOffset.UTC)))
      .map(r -> new Audited.Change(new JsonObject().put("sessionId", req.sessionId().toString()),
        new JsonObject().put("revoked", true), AdminReply.noContent())));
  }

  private Future<AdminReply> me(AdminRequest req, Actor actor) {
    return pool.preparedQuery("SELECT s.totp_secret IS NOT NULL AS totp, array_agg(p.permission ORDER BY p.permission) "
        + "FILTER (WHERE p.permission IS NOT NULL) AS permissions FROM staff s "
        + "LEFT JOIN staff_role_permission p ON p.role = s.role WHERE s.id = $1 GROUP BY s.id")
      .execute(Tuple.of(actor.staffId()))
      .map(rows -> {
        Row row = rows.iterator().next();
        String[] permissions = row.getArrayOfStrings("permissions");
        return AdminReply.ok(new JsonObject().put("staffId", actor.staffId()).put("username", actor.username())
          .put("role", actor.role()).put("totpEnabled", row.getBoolean("totp"))
          .put("permissions", new io.vertx.core.json.JsonArray(permissions == null ? java.util.List.of()
            : java.util.List.of(permissions))));
      });
  }

  private Future<AdminReply> changePassword(AdminRequest req, Actor actor) {
    String current = req.body().getString("currentPassword");
    String next = req.body().getString("newPassword");
    return pool.preparedQuery("SELECT password_hash FROM staff WHERE id = $1").execute(Tuple.of(actor.staffId()))
      .compose(rows -> hasher.verify(current, rows.iterator().next().getString("password_hash")))
      .compose(ok -> ok ? hasher.hash(next)
        : Future.failedFuture(new AdminException(ApiErrorCode.INVALID_CREDENTIALS,
            "the current password is wrong", "currentPassword")))
      .compose(hash -> {
        Instant now = clock.instant();
        AuditEntry entry = AuditEntry.of(now, req, actor, "changePassword", AuditEntry.OK).target("staff", actor.staffId());
        // Other sessions end: whoever else knew the old password is logged out with it.
        return audited.change(entry, conn -> conn.preparedQuery(
            "UPDATE staff SET password_hash = $2, password_changed_at = $3 WHERE id = $1")
          .execute(Tuple.of(actor.staffId(), hash, now.atOffset(ZoneOffset.UTC)))
          .compose(r -> conn.preparedQuery("UPDATE staff_session SET revoked_at = $3 WHERE staff_id = $1 AND id <> $2 "
            + "AND revoked_at IS NULL").execute(Tuple.of(actor.staffId(), req.sessionId(), now.atOffset(ZoneOffset.UTC))))
          .map(r -> new Audited.Change(null, new JsonObject().put("passwordChangedAt", now.toString())
            .put("otherSessionsRevoked", r.rowCount()), AdminReply.noContent())));
      });
  }

  /**
   * Starts (or restarts) enrolment. Replacing an active second factor needs the password and a
   * current code of it: a stolen session alone cannot move the second factor to another device.
   */
  private Future<AdminReply> enrollTotp(AdminRequest req, Actor actor) {
    return pool.preparedQuery("SELECT password_hash, totp_secret FROM staff WHERE id = $1").execute(Tuple.of(actor.staffId()))
      .compose(rows -> {
        Row row = rows.iterator().next();
        String active = row.getString("totp_secret");
        return active == null ? Future.succeededFuture() : reauthenticate(req, actor, row.getString("password_hash"), active);
      })
      .compose(v -> {
        String secret = totp.newSecret();
        AuditEntry entry = AuditEntry.of(clock.instant(), req, actor, "enrollTotp", AuditEntry.OK).target("staff", actor.staffId());
        return audited.change(entry, conn -> conn.preparedQuery("UPDATE staff SET totp_pending = $2 WHERE id = $1")
          .execute(Tuple.of(actor.staffId(), secrets.seal(actor.staffId(), secret)))
          .map(r -> new Audited.Change(null, new JsonObject().put("totpPending", true), AdminReply.ok(new JsonObject()
            .put("secret", secret).put("uri", Totp.uri(actor.username(), secret))))));
      });
  }

  private Future<Void> reauthenticate(AdminRequest req, Actor actor, String passwordHash, String activeSecret) {
    String password = req.body().getString("password");
    String code = req.body().getString("code");
    if (password == null || code == null) {
      return Future.failedFuture(new AdminException(ApiErrorCode.REAUTHENTICATION_REQUIRED,
        "replacing an active second factor needs the password and a current code", password == null ? "password" : "code"));
    }
    return hasher.verify(password, passwordHash).compose(ok -> {
      if (!ok) {
        return Future.failedFuture(new AdminException(ApiErrorCode.INVALID_CREDENTIALS, "the password is wrong", "password"));
      }
      long step = totp.matchingStep(secrets.open(actor.staffId(), activeSecret), code);
      return (step < 0 ? Future.succeededFuture(false) : useStep(actor.staffId(), step)).compose(fresh -> fresh
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(new AdminException(ApiErrorCode.INVALID_TOTP,
            "the TOTP code is wrong or was already used", "code")));
    });
  }

  private Future<AdminReply> confirmTotp(AdminRequest req, Actor actor) {
    String code = req.body().getString("code");
    return pool.preparedQuery("SELECT totp_pending, totp_secret FROM staff WHERE id = $1").execute(Tuple.of(actor.staffId()))
      .compose(rows -> {
        Row row = rows.iterator().next();
        String pending = row.getString("totp_pending");
        if (pending == null) {
          return Future.failedFuture(new AdminException(ApiErrorCode.NO_TOTP_ENROLMENT, "start with POST /auth/totp", null));
        }
        long step = totp.matchingStep(secrets.open(actor.staffId(), pending), code);
        if (step < 0) {
          return Future.failedFuture(new AdminException(400, ApiErrorCode.INVALID_TOTP, "the TOTP code is wrong", "code"));
        }
        AuditEntry entry = AuditEntry.of(clock.instant(), req, actor, "confirmTotp", AuditEntry.OK).target("staff", actor.staffId());
        // The confirming code counts as used: it cannot log in afterwards.
        return audited.change(entry, conn -> conn.preparedQuery("UPDATE staff SET totp_secret = totp_pending, "
              + "totp_pending = NULL, totp_last_step = $2 WHERE id = $1 AND totp_pending = $3")
            .execute(Tuple.of(actor.staffId(), step, pending))
          .compose(r -> r.rowCount() == 1 ? Future.succeededFuture(r) : Future.failedFuture(new AdminException(
            ApiErrorCode.NO_TOTP_ENROLMENT, "the enrolment changed meanwhile; start again with POST /auth/totp", null)))
          .map(r -> new Audited.Change(new JsonObject().put("totpEnabled", row.getString("totp_secret") != null),
            new JsonObject().put("totpEnabled", true), AdminReply.noContent())));
      });
  }

  /** The address attempts are counted under (an IPv6 address has at most 45 characters). */
  private static String clientAddress(AdminRequest req) {
    String ip = req.ip() == null || req.ip().isBlank() ? "unknown" : req.ip();
    return ip.length() > 64 ? ip.substring(0, 64) : ip;
  }

  private static AdminException invalidCredentials() {
    return new AdminException(ApiErrorCode.INVALID_CREDENTIALS, "invalid username or password", null);
  }
}
