package com.rtx.admin;

import com.rtx.auth.PasswordHasher;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Staff users and the role → permission mapping. Every change is audited with before and after. */
final class StaffOps implements AdminOperations {

  private static final String STAFF_COLUMNS = "id, username, role, status, totp_secret IS NOT NULL AS totp, "
    + "locked_until, created_at";

  private final Pool pool;
  private final Audited audited;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final StaffGrants grants;

  private final StaffLockout lockout;

  StaffOps(Pool pool, Audited audited, PasswordHasher hasher, Clock clock, StaffLockout lockout) {
    this.lockout = lockout;
    this.grants = new StaffGrants(audited.log(), clock);
    this.pool = pool;
    this.audited = audited;
    this.hasher = hasher;
    this.clock = clock;
  }

  @Override
  public void register(Map<String, AdminHandler> handlers) {
    handlers.put("listStaff", (req, actor) -> pool.query("SELECT " + STAFF_COLUMNS + " FROM staff ORDER BY id").execute()
      .map(rows -> {
        JsonArray staff = new JsonArray();
        rows.forEach(r -> staff.add(json(r)));
        return AdminReply.ok(new JsonObject().put("staff", staff));
      }));
    handlers.put("createStaff", this::create);
    handlers.put("updateStaff", this::update);
    handlers.put("resetStaffPassword", this::resetPassword);
    handlers.put("listRoles", (req, actor) -> roles());
    handlers.put("setRolePermissions", this::setPermissions);
  }

  private Future<AdminReply> create(AdminRequest req, Actor actor) {
    JsonObject body = req.body();
    return grants.check(pool, req, actor, null, null, body.getString("role"))
      .compose(allowed -> hasher.hash(body.getString("password"))).compose(hash -> audited.change(
      AuditEntry.of(clock.instant(), req, actor, "createStaff", AuditEntry.OK).target("staff", null),
      conn -> conn.preparedQuery("INSERT INTO staff (username, password_hash, role, password_changed_at) "
          + "VALUES ($1, $2, $3, $4) RETURNING " + STAFF_COLUMNS)
        .execute(Tuple.of(body.getString("username"), hash, body.getString("role"), clock.instant().atOffset(ZoneOffset.UTC)))
        .map(rows -> {
          JsonObject created = json(rows.iterator().next());
          return new Audited.Change(null, created, created.getLong("staffId"), AdminReply.status(201, created));
        })));
  }

  private Future<AdminReply> update(AdminRequest req, Actor actor) {
    long id = req.pathLong("staffId");
    JsonObject body = req.body();
    return audited.change(AuditEntry.of(clock.instant(), req, actor, "updateStaff", AuditEntry.OK).target("staff", id),
      conn -> staff(conn, id).compose(before -> grants.check(conn, req, actor, id, before.getString("role"),
          body.getString("role")).map(before)).compose(before -> conn.preparedQuery("UPDATE staff SET role = coalesce($2, role), "
            + "status = coalesce($3, status) WHERE id = $1 RETURNING " + STAFF_COLUMNS)
          .execute(Tuple.of(id, body.getString("role"), body.getString("status")))
          .compose(rows -> {
            JsonObject after = json(rows.iterator().next());
            // A disabled user's sessions end now, not when their tokens expire.
            Future<?> revoked = "DISABLED".equals(body.getString("status"))
              ? conn.preparedQuery("UPDATE staff_session SET revoked_at = $2 WHERE staff_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(id, clock.instant().atOffset(ZoneOffset.UTC))) : Future.succeededFuture();
            return revoked.map(v -> new Audited.Change(before, after, AdminReply.ok(after)));
          })));
  }

  /**
   * A forgotten password: a one-time password (shown once, in the reply) replaces it, the lockout is
   * lifted (from every address: {@link StaffLockout#clear}) and every session ends. The audit row says a reset happened, never the password.
   */
  private Future<AdminReply> resetPassword(AdminRequest req, Actor actor) {
    long id = req.pathLong("staffId");
    String temporary = TemporaryPasswords.next();
    return hasher.hash(temporary).compose(hash -> audited.change(
      AuditEntry.of(clock.instant(), req, actor, "resetStaffPassword", AuditEntry.OK).target("staff", id),
      conn -> staff(conn, id).compose(before -> grants.check(conn, req, actor, id, before.getString("role"), null)
          .map(before)).compose(before -> conn.preparedQuery("UPDATE staff SET password_hash = $2, "
            + "password_changed_at = $3, failed_logins = 0, locked_until = NULL WHERE id = $1")
          .execute(Tuple.of(id, hash, clock.instant().atOffset(ZoneOffset.UTC)))
          .compose(v -> conn.preparedQuery("UPDATE staff_session SET revoked_at = $2 WHERE staff_id = $1 AND revoked_at IS NULL")
            .execute(Tuple.of(id, clock.instant().atOffset(ZoneOffset.UTC))))
          .map(v -> new Audited.Change(before, before.copy().put("passwordReset", true), AdminReply.ok(new JsonObject()
            .put("staffId", id).put("username", before.getString("username")).put("temporaryPassword", temporary))))))
      .compose(reply -> lockout.clear(((JsonObject) reply.body()).getString("username", ""))
        .map(reply)));
  }

  private static Future<JsonObject> staff(SqlConnection conn, long id) {
    return conn.preparedQuery("SELECT " + STAFF_COLUMNS + " FROM staff WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
      .compose(rows -> rows.size() == 0 ? Future.failedFuture(AdminException.notFound(ApiErrorCode.STAFF_NOT_FOUND,
          "staff", id, "staffId"))
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  private Future<AdminReply> roles() {
    return pool.query("SELECT r.name, p.permission FROM staff_role r LEFT JOIN staff_role_permission p ON p.role = r.name "
        + "ORDER BY r.name, p.permission").execute()
      .compose(rows -> pool.query("SELECT name, description FROM staff_permission ORDER BY name").execute()
        .map(perms -> {
          Map<String, JsonArray> byRole = new TreeMap<>();
          for (Row r : rows) {
            JsonArray list = byRole.computeIfAbsent(r.getString("name"), k -> new JsonArray());
            if (r.getString("permission") != null) {
              list.add(r.getString("permission"));
            }
          }
          JsonArray all = new JsonArray();
          perms.forEach(p -> all.add(new JsonObject().put("name", p.getString("name"))
            .put("description", p.getString("description"))));
          return AdminReply.ok(new JsonObject().put("roles", new JsonObject(new java.util.LinkedHashMap<>(byRole)))
            .put("permissions", all));
        }));
  }

  private Future<AdminReply> setPermissions(AdminRequest req, Actor actor) {
    String role = req.pathString("role");
    List<String> wanted = new ArrayList<>();
    req.body().getJsonArray("permissions").forEach(p -> wanted.add((String) p));
    wanted.sort(null);
    return grants.checkMapping(req, actor, role).compose(allowed -> audited.change(AuditEntry.of(clock.instant(), req, actor, "setRolePermissions", AuditEntry.OK).target("role", role),
      conn -> conn.preparedQuery("SELECT name FROM staff_permission WHERE name = ANY($1)")
        .execute(Tuple.tuple().addArrayOfString(wanted.toArray(new String[0])))
        .compose(known -> {
          if (known.size() != wanted.size()) {
            return Future.failedFuture(new AdminException(ApiErrorCode.UNKNOWN_PERMISSION,
              "permissions must be among GET /roles permissions", "permissions"));
          }
          return permissionsOf(conn, role);
        })
        .compose(before -> conn.preparedQuery("DELETE FROM staff_role_permission WHERE role = $1").execute(Tuple.of(role))
          .compose(v -> wanted.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(
              "INSERT INTO staff_role_permission (role, permission) SELECT $1, unnest($2::text[])")
            .execute(Tuple.tuple().addValue(role).addArrayOfString(wanted.toArray(new String[0]))))
          .map(v -> {
            JsonObject after = new JsonObject().put("role", role).put("permissions", new JsonArray(wanted));
            return new Audited.Change(before, after, AdminReply.ok(after));
          }))));
  }

  private static Future<JsonObject> permissionsOf(SqlConnection conn, String role) {
    return conn.preparedQuery("SELECT permission FROM staff_role_permission WHERE role = $1 ORDER BY permission")
      .execute(Tuple.of(role)).map(rows -> {
        JsonArray list = new JsonArray();
        rows.forEach(r -> list.add(r.getString("permission")));
        return new JsonObject().put("role", role).put("permissions", list);
      });
  }

  static JsonObject json(Row r) {
    return new JsonObject().put("staffId", r.getLong("id")).put("username", r.getString("username"))
      .put("role", r.getString("role")).put("status", r.getString("status")).put("totpEnabled", r.getBoolean("totp"))
      .put("lockedUntil", r.getOffsetDateTime("locked_until") == null ? null
        : r.getOffsetDateTime("locked_until").toInstant().toString())
      .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
  }
}
