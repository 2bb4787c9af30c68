package com.rtx.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the rows of a {@link SettingEntity} as JSON snapshots: the key, every field,
 * and the child rows (markup overrides) as an object by symbol. Statements are built from the
 * entity's column list only (never from request text), and values are always bound.
 */
final class SettingsStore {

  private SettingsStore() {
  }

  /** The entity's current state, or null when it does not exist; {@code lock} takes its row lock. */
  static Future<JsonObject> snapshot(SqlClient conn, SettingEntity e, Object key, boolean lock) {
    return conn.preparedQuery("SELECT " + e.columns() + " FROM " + e.table() + " WHERE " + e.keyColumn() + " = $1"
        + (lock ? " FOR UPDATE" : "")).execute(Tuple.of(key))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.succeededFuture(null);
        }
        JsonObject state = json(e, rows.iterator().next());
        return e.children() == null ? Future.succeededFuture(state)
          : children(conn, e.children(), key).map(kids -> state.put(e.children().json(), kids));
      });
  }

  /** Every entity of the kind with its {@code version} column when it has one, by key. */
  static Future<JsonArray> list(SqlClient conn, SettingEntity e) {
    return conn.query("SELECT " + e.columns() + " FROM " + e.table() + " ORDER BY " + e.keyColumn()).execute()
      .compose(rows -> {
        Map<Object, JsonObject> byKey = new LinkedHashMap<>();
        for (Row row : rows) {
          JsonObject item = json(e, row);
          if (e.versionColumn() != null) {
            item.put("version", row.getLong(e.versionColumn()));
          }
          byKey.put(item.getValue(e.keyJson()), item);
        }
        if (e.children() == null) {
          return Future.succeededFuture(new JsonArray(new ArrayList<>(byKey.values())));
        }
        SettingEntity.Children c = e.children();
        return conn.query("SELECT " + c.parentColumn() + ", " + childColumns(c) + " FROM " + c.table()
            + " ORDER BY " + c.keyColumn()).execute()
          .map(kids -> {
            byKey.values().forEach(item -> item.put(c.json(), new JsonObject()));
            for (Row kid : kids) {
              JsonObject parent = byKey.get(kid.getString(c.parentColumn()));
              if (parent != null) {
                parent.getJsonObject(c.json()).put(kid.getString(c.keyColumn()), childJson(c, kid));
              }
            }
            return new JsonArray(new ArrayList<>(byKey.values()));
          });
      });
  }

  /** Inserts the entity with the fields {@code values} has (the rest take their defaults); its key. */
  static Future<Object> insert(SqlClient conn, SettingEntity e, Object key, JsonObject values) {
    List<String> columns = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (key != null) {
      columns.add(e.keyColumn());
      args.add(key);
    }
    for (SettingField f : e.fields()) {
      if (values.containsKey(f.json())) {
        columns.add(f.column());
        args.add(f.bind(values.getValue(f.json())));
      }
    }
    StringBuilder params = new StringBuilder();
    for (int i = 1; i <= args.size(); i++) {
      params.append(i > 1 ? ", $" : "$").append(i);
    }
    String sql = columns.isEmpty() ? "INSERT INTO " + e.table() + " DEFAULT VALUES RETURNING " + e.keyColumn()
      : "INSERT INTO " + e.table() + " (" + String.join(", ", columns) + ") VALUES (" + params + ") RETURNING "
        + e.keyColumn();
    return conn.preparedQuery(sql).execute(Tuple.from(args))
      .map(rows -> rows.iterator().next().getValue(e.keyColumn()))
      .compose(k -> replaceChildren(conn, e, k, values).map(v -> k));
  }

  /** Sets the fields {@code values} has; replaces the child rows when it has them. */
  static Future<Void> update(SqlClient conn, SettingEntity e, Object key, JsonObject values) {
    List<Object> args = new ArrayList<>();
    args.add(key);
    StringBuilder set = new StringBuilder();
    for (SettingField f : e.fields()) {
      if (values.containsKey(f.json())) {
        args.add(f.bind(values.getValue(f.json())));
        set.append(set.length() == 0 ? "" : ", ").append(f.column()).append(" = $").append(args.size());
      }
    }
    Future<Void> updated = set.length() == 0 ? Future.succeededFuture()
      : conn.preparedQuery("UPDATE " + e.table() + " SET " + set + " WHERE " + e.keyColumn() + " = $1")
        .execute(Tuple.from(args)).mapEmpty();
    return updated.compose(v -> replaceChildren(conn, e, key, values));
  }

  static Future<Void> delete(SqlClient conn, SettingEntity e, Object key) {
    return conn.preparedQuery("DELETE FROM " + e.table() + " WHERE " + e.keyColumn() + " = $1").execute(Tuple.of(key))
      .mapEmpty();
  }

  /** Stores {@code version} in the entity's version column, when it has one. */
  static Future<Void> stampVersion(SqlClient conn, SettingEntity e, Object key, long version) {
    return e.versionColumn() == null ? Future.succeededFuture()
      : conn.preparedQuery("UPDATE " + e.table() + " SET " + e.versionColumn() + " = $2 WHERE " + e.keyColumn() + " = $1")
        .execute(Tuple.of(key, version)).mapEmpty();
  }

  /** The entity's version column (e.g. {@code client_group.version}) now, or null. */
  static Future<Long> storedVersion(SqlClient conn, SettingEntity e, Object key) {
    return e.versionColumn() == null ? Future.succeededFuture(null)
      : conn.preparedQuery("SELECT " + e.versionColumn() + " FROM " + e.table() + " WHERE " + e.keyColumn() + " = $1")
        .execute(Tuple.of(key)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  private static Future<Void> replaceChildren(SqlClient conn, SettingEntity e, Object key, JsonObject values) {
    SettingEntity.Children c = e.children();
    if (c == null || !values.containsKey(c.json())) {
      return Future.succeededFuture();
    }
    JsonObject kids = values.getJsonObject(c.json(), new JsonObject());
    List<Tuple> rows = new ArrayList<>();
    for (String childKey : kids.fieldNames()) {
      JsonObject kid = kids.getJsonObject(childKey);
      List<Object> args = new ArrayList<>();
      args.add(key);
      args.add(childKey);
      c.fields().forEach(f -> args.add(f.bind(kid.getValue(f.json()))));
      rows.add(Tuple.from(args));
    }
    StringBuilder params = new StringBuilder("$1, $2");
    for (int i = 0; i < c.fields().size(); i++) {
      params.append(", $").append(i + 3);
    }
    Future<Void> cleared = conn.preparedQuery("DELETE FROM " + c.table() + " WHERE " + c.parentColumn() + " = $1")
      .execute(Tuple.of(key)).mapEmpty();
    return rows.isEmpty() ? cleared : cleared.compose(v -> conn.preparedQuery("INSERT INTO " + c.table() + " ("
        + c.parentColumn() + ", " + childColumns(c) + ") VALUES (" + params + ")").executeBatch(rows).mapEmpty());
  }

  private static Future<JsonObject> children(SqlClient conn, SettingEntity.Children c, Object key) {
    return conn.preparedQuery("SELECT " + childColumns(c) + " FROM " + c.table() + " WHERE " + c.parentColumn()
        + " = $1 ORDER BY " + c.keyColumn()).execute(Tuple.of(key))
      .map(rows -> {
        JsonObject kids = new JsonObject();
        rows.forEach(r -> kids.put(r.getString(c.keyColumn()), childJson(c, r)));
        return kids;
      });
  }

  private static String childColumns(SettingEntity.Children c) {
    StringBuilder out = new StringBuilder(c.keyColumn());
    c.fields().forEach(f -> out.append(", ").append(f.column()));
    return out.toString();
  }

  private static JsonObject childJson(SettingEntity.Children c, Row row) {
    JsonObject kid = new JsonObject();
    c.fields().forEach(f -> kid.put(f.json(), f.read(row)));
    return kid;
  }

  private static JsonObject json(SettingEntity e, Row row) {
    JsonObject state = new JsonObject().put(e.keyJson(), row.getValue(e.keyColumn()));
    e.fields().forEach(f -> state.put(f.json(), f.read(row)));
    return state;
  }
}
