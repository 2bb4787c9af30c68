package com.rtx.admin;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Server-side authorisation of every admin request: the token's session must still be live (not
 * logged out, not expired), the staff member active, and their current role (read now, not from
 * the token, so a role or mapping change applies to the next request) must hold the operation's
 * permission. A refusal for a missing permission is audited ({@code permission.denied}) before the
 * 403 is answered.
 */
final class StaffGuard {

  private final Pool pool;
  private final AuditLog audit;
  private final Clock clock;

  StaffGuard(Pool pool, AuditLog audit, Clock clock) {
    this.pool = pool;
    this.audit = audit;
    this.clock = clock;
  }

  Future<Actor> authorize(AdminRequest req, String permission) {
    if (OperationPermissions.PUBLIC.equals(permission)) {
      return Future.succeededFuture(Actor.ANONYMOUS);
    }
    if (req.staffId() == null || req.sessionId() == null) {
      return Future.failedFuture(unauthenticated("a staff Bearer access token is required"));
    }
    return pool.preparedQuery("SELECT s.id, s.username, s.role, s.status, ss.revoked_at, ss.expires_at, "
        + "EXISTS (SELECT 1 FROM staff_role_permission p WHERE p.role = s.role AND p.permission = $3) AS allowed "
        + "FROM staff s JOIN staff_session ss ON ss.staff_id = s.id AND ss.id = $2 WHERE s.id = $1")
      .execute(Tuple.of(req.staffId(), req.sessionId(), permission))
      .compose(rows -> {
        Row row = rows.size() == 0 ? null : rows.iterator().next();
        if (row == null || row.getOffsetDateTime("revoked_at") != null
          || !row.getOffsetDateTime("expires_at").isAfter(clock.instant().atOffset(ZoneOffset.UTC))) {
          return Future.failedFuture(unauthenticated("the session has ended; log in again"));
        }
        if (!"ACTIVE".equals(row.getString("status"))) {
          return Future.failedFuture(unauthenticated("this staff login is disabled"));
        }
        Actor actor = new Actor(row.getLong("id"), row.getString("username"), row.getString("role"));
        if (OperationPermissions.AUTHENTICATED.equals(permission) || row.getBoolean("allowed")) {
          return Future.succeededFuture(actor);
        }
        AuditEntry denied = AuditEntry.of(clock.instant(), req, actor, "permission.denied", AuditEntry.DENIED)
          .target("operation", req.operationId())
          .change(null, new io.vertx.core.json.JsonObject().put("permission", permission));
        return audit.append(denied).compose(id -> Future.failedFuture(new AdminException(ApiErrorCode.PERMISSION_DENIED,
          "role " + actor.role() + " lacks permission " + permission, null)));
      });
  }

  private static AdminException unauthenticated(String message) {
    return new AdminException(ApiErrorCode.UNAUTHENTICATED, message, null);
  }
}
