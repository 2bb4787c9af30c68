package com.rtx.admin;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Grants never grow by themselves (SECURITY.md invariant 3): holding {@code staff.write} lets a staff
 * member create, edit or reset only staff whose permissions — of the target's current role and of
 * the role it would get — are a subset of their own; nobody changes their own role; a SUPER_ADMIN is
 * created, edited or reset only by a SUPER_ADMIN, and only a SUPER_ADMIN edits the role → permission
 * mapping, whatever else the mapping says (so granting {@code roles.write} to another role cannot
 * be turned into a way up). A refusal is audited as DENIED ({@code grant.denied}) and answered 403.
 *
 * <p>The check reads the mapping as it is now; callers that then change a staff row make the change
 * conditional on the role they checked (a concurrent role change turns into a 409, never a bypass).
 */
final class StaffGrants {

  static final String SUPER_ADMIN = "SUPER_ADMIN";

  private final AuditLog audit;
  private final Clock clock;

  StaffGrants(AuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Succeeds when {@code actor} may act on a staff member ({@code targetId}/{@code targetRole}, both
   * null when creating one) and give them {@code newRole} (null: the role stays). {@code db} is the
   * caller's transaction (which holds the target row locked); a refusal is audited in a transaction of
   * its own, so it stays recorded when the caller's rolls back.
   */
  Future<Void> check(SqlClient db, AdminRequest req, Actor actor, Long targetId, String targetRole, String newRole) {
    Set<String> roles = new HashSet<>();
    roles.add(actor.role());
    if (targetRole != null) {
      roles.add(targetRole);
    }
    if (newRole != null) {
      roles.add(newRole);
    }
    return db.preparedQuery("SELECT role, permission FROM staff_role_permission WHERE role = ANY($1)")
      .execute(Tuple.tuple().addArrayOfString(roles.toArray(new String[0])))
      .compose(rows -> {
        Map<String, Set<String>> byRole = new HashMap<>();
        for (Row r : rows) {
          byRole.computeIfAbsent(r.getString("role"), k -> new HashSet<>()).add(r.getString("permission"));
        }
        AdminException refused = decide(actor, byRole, targetId, targetRole, newRole);
        return refused == null ? Future.succeededFuture() : deny(req, actor, targetId, refused);
      });
  }

  /** Only a SUPER_ADMIN edits the mapping, never the SUPER_ADMIN role itself (it always holds everything). */
  Future<Void> checkMapping(AdminRequest req, Actor actor, String role) {
    if (!SUPER_ADMIN.equals(actor.role())) {
      return deny(req, actor, null, new AdminException(ApiErrorCode.SUPER_ADMIN_ONLY,
        "only a SUPER_ADMIN changes the role → permission mapping", "role"));
    }
    if (SUPER_ADMIN.equals(role)) {
      return deny(req, actor, null, new AdminException(ApiErrorCode.ROLE_PROTECTED,
        "the SUPER_ADMIN role always holds every permission", "role"));
    }
    return Future.succeededFuture();
  }

  /** The rule itself, without I/O: null when allowed, else the refusal to answer. */
  static AdminException decide(Actor actor, Map<String, Set<String>> permissionsByRole, Long targetId,
                               String targetRole, String newRole) {
    boolean roleChanges = newRole != null && !newRole.equals(targetRole);
    if (targetId != null && targetId.equals(actor.staffId()) && roleChanges) {
      return new AdminException(ApiErrorCode.OWN_ROLE, "nobody changes their own role", "role");
    }
    boolean superAdminInvolved = SUPER_ADMIN.equals(targetRole) || SUPER_ADMIN.equals(newRole);
    if (superAdminInvolved && !SUPER_ADMIN.equals(actor.role())) {
      return new AdminException(ApiErrorCode.SUPER_ADMIN_ONLY,
          "a SUPER_ADMIN is created, edited or reset by a SUPER_ADMIN only",
        newRole != null ? "role" : "staffId");
    }
    Set<String> own = permissionsByRole.getOrDefault(actor.role(), Set.of());
    for (String role : new String[] {targetRole, newRole}) {
      if (role != null && !own.containsAll(permissionsByRole.getOrDefault(role, Set.of()))) {
        return new AdminException(ApiErrorCode.GRANT_EXCEEDED, "role " + role + " holds permissions that role "
          + actor.role() + " does not; only staff within one's own grant can be managed",
          Objects.equals(role, newRole) ? "role" : "staffId");
      }
    }
    return null;
  }

  private Future<Void> deny(AdminRequest req, Actor actor, Long targetId, AdminException refused) {
    AuditEntry denied = AuditEntry.of(clock.instant(), req, actor, "grant.denied", AuditEntry.DENIED)
      .target("staff", targetId)
      // Only the role: a createStaff body also carries a password, which never reaches the audit log.
      .change(null, new JsonObject().put("operation", req.operationId()).put("code", refused.code())
        .put("requestedRole", req.body().getString("role")));
    return audit.append(denied).compose(id -> Future.failedFuture(refused));
  }
}
