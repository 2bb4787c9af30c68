package com.rtx.admin;

import com.rtx.bus.Addresses;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.time.Clock;
import java.util.Map;

/**
 * Versioned CRUD of the business settings ({@link SettingEntities}): list, create, update (the
 * fields sent), delete, and roll back to an earlier version; the version list and the diff of two
 * versions. Every change, in one transaction: the row, a new {@code settings_version}, the
 * entity's version column (client groups), and the audit row with before and after. Once
 * committed, {@link Addresses#REFDATA_CHANGED} is published so pricing, the gateway and dealing
 * reload the settings without a restart.
 */
final class SettingsOps implements AdminOperations {

  private final Vertx vertx;
  private final Pool pool;
  private final Audited audited;
  private final Clock clock;

  private final int maxLeverage;
  /** A symbol's fields that give its stored prices their meaning (see {@link #symbolInUse}). */

  SettingsOps(Vertx vertx, Pool pool, Audited audited, Clock clock, int maxLeverage) {
    this.maxLeverage = maxLeverage;
    this.vertx = vertx;
    this.pool = pool;
    this.audited = audited;
    this.clock = clock;
  }

  @Override
  public void register(Map<String, AdminHandler> handlers) {
    for (SettingEntity e : SettingEntities.ALL) {
      String s = e.operationSuffix();
      handlers.put("list" + s + "s", (req, actor) -> SettingsStore.list(pool, e)
        .map(items -> AdminReply.ok(new JsonObject().put(e.listName(), items))));
      handlers.put("create" + s, (req, actor) -> create(e, req, actor));
      handlers.put("update" + s, (req, actor) -> update(e, req, actor));
      handlers.put("delete" + s, (req, actor) -> delete(e, req, actor));
      handlers.put("rollback" + s, (req, actor) -> rollback(e, req, actor));
    }
    handlers.put("listSettingVersions", (req, actor) -> {
      SettingEntity e = SettingEntities.byType(req.query("entityType"));
      return SettingsVersions.list(pool, e, req.query("key"), req.limit(100))
        .map(versions -> AdminReply.ok(new JsonObject().put("versions", versions)));
    });
    handlers.put("diffSettingVersions", (req, actor) -> diff(req));
  }

  private Future<AdminReply> create(SettingEntity e, AdminRequest req, Actor actor) {
    JsonObject body = req.body();
    Object key = e.generatedKey() ? null : body.getValue(e.keyJson());
    return change(e, req, actor, key, conn -> SettingsStore.insert(conn, e, key, body)
      .compose(k -> SettingsStore.snapshot(conn, e, k, false)
        .compose(after -> SettingsVersions.record(conn, e, k, null, after, "CREATE", null, stamp(req, actor))
          .compose(version -> done(conn, e, k, null, after, version, 201)))));
  }

  private Future<AdminReply> update(SettingEntity e, AdminRequest req, Actor actor) {
    Object key = e.key(req.pathString(e.keyJson()));
    return change(e, req, actor, key, conn -> existing(conn, e, key)
      .compose(before -> SettingsStore.update(conn, e, key, req.body())
        .compose(v -> SettingsStore.snapshot(conn, e, key, false))
        .compose(after -> SettingsVersions.record(conn, e, key, before, after, "UPDATE", null, stamp(req, actor))
          .compose(version -> done(conn, e, key, before, after, version, 200)))));
  }

  private Future<AdminReply> delete(SettingEntity e, AdminRequest req, Actor actor) {
    Object key = e.key(req.pathString(e.keyJson()));
    return change(e, req, actor, key, conn -> existing(conn, e, key)
      .compose(before -> SettingsStore.delete(conn, e, key)
        .compose(v -> SettingsVersions.record(conn, e, key, before, null, "DELETE", null, stamp(req, actor)))
        .compose(version -> done(conn, e, key, before, null, version, 200))));
  }

  /** Makes the entity what it was at {@code version} (deleting, re-creating or updating it): a new version. */
  private Future<AdminReply> rollback(SettingEntity e, AdminRequest req, Actor actor) {
    Object key = e.key(req.pathString(e.keyJson()));
    long target = req.body().getLong("version");
    return change(e, req, actor, key, conn -> SettingsVersions.get(conn, e, key.toString(), target)
      .compose(old -> SettingsStore.snapshot(conn, e, key, true).compose(before -> {
        JsonObject state = old.getJsonObject("snapshot");
        Future<Void> restored = state == null
          ? (before == null ? Future.succeededFuture() : SettingsStore.delete(conn, e, key))
          : before == null ? SettingsStore.insert(conn, e, key, state).mapEmpty()
          : SettingsStore.update(conn, e, key, withChildren(e, state));
        return restored.compose(v -> SettingsStore.snapshot(conn, e, key, false))
          .compose(after -> SettingsVersions.record(conn, e, key, before, after, "ROLLBACK", target, stamp(req, actor))
            .compose(version -> done(conn, e, key, before, after, version, 200)));
      })));
  }

  private Future<AdminReply> diff(AdminRequest req) {
    SettingEntity e = SettingEntities.byType(req.query("entityType"));
    String key = req.query("key");
    return Future.all(SettingsVersions.get(pool, e, key, req.queryLong("from")),
        SettingsVersions.get(pool, e, key, req.queryLong("to")))
      .map(both -> {
        JsonObject from = both.resultAt(0);
        JsonObject to = both.resultAt(1);
        return AdminReply.ok(new JsonObject().put("entityType", e.type()).put("key", key)
          .put("from", summary(from)).put("to", summary(to))
          .put("changes", JsonDiff.of(from.getJsonObject("snapshot"), to.getJsonObject("snapshot"))));
      });
  }

  private Future<AdminReply> change(SettingEntity e, AdminRequest req, Actor actor, Object key,
                                    java.util.function.Function<SqlConnection, Future<Audited.Change>> work) {
    return audited.change(AuditEntry.of(clock.instant(), req, actor, req.operationId(), AuditEntry.OK)
        .target(e.type(), key), work)
      // Only once committed: no role may load a change that rolled back.
      .onSuccess(reply -> vertx.eventBus().publish(Addresses.REFDATA_CHANGED, new JsonObject().put("what", e.type())
        .put("key", reply.body() instanceof JsonObject b ? b.getValue("key") : null)
        .put("version", reply.body() instanceof JsonObject b ? b.getValue("version") : null)));
  }

  private Future<Audited.Change> done(SqlConnection conn, SettingEntity e, Object key, JsonObject before,
                                      JsonObject after, long version, int status) {
    // Whatever the path (create, update, rollback to an old version), a group never ends above the
    // broker's maximum leverage; the transaction rolls back with the refusal.
    if (e == SettingEntities.GROUP && after != null && after.getInteger("leverage", 0) > maxLeverage) {
      return Future.failedFuture(new AdminException(ApiErrorCode.LEVERAGE_ABOVE_MAXIMUM,
        "leverage may be at most admin.max-leverage " + maxLeverage, "leverage"));
    }
    AdminException unloadable = LoadableSettings.check(e, after);
    if (unloadable != null) {
      return Future.failedFuture(unloadable);
    }
    Future<Void> allowed = e == SettingEntities.SYMBOL ? SymbolInUse.check(conn, key.toString(), before, after)
      : e == SettingEntities.LP ? LpDialectSetting.check(conn, after) : Future.succeededFuture();
    return allowed.compose(ok -> recorded(conn, e, key, before, after, version, status));
  }

  private Future<Audited.Change> recorded(SqlConnection conn, SettingEntity e, Object key, JsonObject before,
                                          JsonObject after, long version, int status) {
    JsonObject result = new JsonObject().put("entityType", e.type()).put("key", key).put("version", version)
      .put("deleted", after == null).put("state", after);
    JsonObject audited = after == null ? new JsonObject().put("deleted", true) : after.copy();
    audited.put("settingsVersion", version);
    return SettingsStore.stampVersion(conn, e, key, version)
      .map(v -> new Audited.Change(before, audited, key, AdminReply.status(status, result)));
  }

  private static Future<JsonObject> existing(SqlConnection conn, SettingEntity e, Object key) {
    return SettingsStore.snapshot(conn, e, key, true).compose(state -> state == null
      ? Future.failedFuture(AdminException.notFound(e.notFound(), e.type(), key, e.keyJson()))
      : Future.succeededFuture(state));
  }

  /** A rollback restores the child rows too, even when the old version had none. */
  private static JsonObject withChildren(SettingEntity e, JsonObject state) {
    JsonObject values = state.copy();
    if (e.children() != null && !values.containsKey(e.children().json())) {
      values.put(e.children().json(), new JsonObject());
    }
    return values;
  }

  private SettingsVersions.Stamp stamp(AdminRequest req, Actor actor) {
    return new SettingsVersions.Stamp(actor, req.body().getString("reason"), clock.instant());
  }

  private static JsonObject summary(JsonObject version) {
    return new JsonObject().put("version", version.getLong("version")).put("change", version.getString("change"))
      .put("at", version.getString("at")).put("staff", version.getString("staff"))
      .put("deleted", version.getBoolean("deleted"));
  }
}
