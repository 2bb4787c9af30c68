package com.rtx.admin;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * The version history of business settings (table {@code settings_version}). Each change stores
 * the entity's whole state after it; the first change of an entity that existed before versioning
 * (seeded by a migration) first stores what it found as a BASELINE version, so every change can be
 * compared with and rolled back to what came before it.
 */
final class SettingsVersions {

  /** Who changed a setting, why and when. */
  record Stamp(Actor actor, String reason, Instant at) {
  }

  private SettingsVersions() {
  }

  /**
   * Records {@code after} (null: deleted) as the entity's next version, after a BASELINE of
   * {@code before} when the entity has no history yet; the new version number.
   */
  static Future<Long> record(SqlClient conn, SettingEntity e, Object key, JsonObject before, JsonObject after,
                             String change, Long rolledBackTo, Stamp stamp) {
    String k = key.toString();
    return conn.preparedQuery("SELECT max(version) FROM settings_version WHERE entity_type = $1 AND entity_key = $2")
      .execute(Tuple.of(e.type(), k))
      .compose(rows -> {
        Long last = rows.iterator().next().getLong(0);
        if (last != null || before == null) {
          return Future.succeededFuture(last == null ? 0L : last);
        }
        // Seeded before versioning: its version column (client_group.version) or 1 is the baseline.
        return SettingsStore.storedVersion(conn, e, key).compose(stored -> {
          long baseline = stored == null ? 1 : stored;
          return insert(conn, e, k, baseline, before, "BASELINE", null, new Stamp(null, null, stamp.at()))
            .map(v -> baseline);
        });
      })
      .compose(last -> insert(conn, e, k, last + 1, after, change, rolledBackTo, stamp).map(v -> last + 1));
  }

  /** Versions of one entity, newest first. */
  static Future<JsonArray> list(SqlClient conn, SettingEntity e, String key, int limit) {
    return conn.preparedQuery("SELECT * FROM settings_version WHERE entity_type = $1 AND entity_key = $2 "
        + "ORDER BY version DESC LIMIT $3").execute(Tuple.of(e.type(), key, limit))
      .map(rows -> {
        JsonArray out = new JsonArray();
        rows.forEach(r -> out.add(json(r)));
        return out;
      });
  }

  /** One version, or a 404. */
  static Future<JsonObject> get(SqlClient conn, SettingEntity e, String key, long version) {
    return conn.preparedQuery("SELECT * FROM settings_version WHERE entity_type = $1 AND entity_key = $2 AND version = $3")
      .execute(Tuple.of(e.type(), key, version))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(new AdminException(ApiErrorCode.VERSION_NOT_FOUND, e.type() + " " + key + " has no version "
          + version, "version"))
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  private static Future<Void> insert(SqlClient conn, SettingEntity e, String key, long version, JsonObject snapshot,
                                     String change, Long rolledBackTo, Stamp stamp) {
    Actor a = stamp.actor() == null ? Actor.ANONYMOUS : stamp.actor();
    return conn.preparedQuery("INSERT INTO settings_version (entity_type, entity_key, version, snapshot, change, "
        + "rolled_back_to, staff_id, staff_username, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
      .execute(Tuple.from(Arrays.asList(e.type(), key, version, snapshot, change, rolledBackTo, a.staffId(),
        a.username(), stamp.reason(), stamp.at().atOffset(ZoneOffset.UTC))))
      .mapEmpty();
  }

  private static JsonObject json(Row r) {
    Object snapshot = r.getValue("snapshot");
    return new JsonObject().put("entityType", r.getString("entity_type")).put("key", r.getString("entity_key"))
      .put("version", r.getLong("version")).put("change", r.getString("change"))
      .put("rolledBackTo", r.getLong("rolled_back_to")).put("staff", r.getString("staff_username"))
      .put("reason", r.getString("reason")).put("at", r.getOffsetDateTime("at").toInstant().toString())
      .put("deleted", snapshot == null)
      .put("snapshot", snapshot == null ? null : snapshot instanceof JsonObject o ? o : new JsonObject(snapshot.toString()));
  }
}
