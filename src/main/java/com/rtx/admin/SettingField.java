package com.rtx.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.math.BigDecimal;

/**
 * One column of a versioned business setting as the admin API shows it: its JSON name, its column
 * and how values cross between the two (decimals are strings on the API, as everywhere in RTX).
 */
record SettingField(String json, String column, Kind kind) {

  enum Kind { TEXT, INT, LONG, DECIMAL, BOOL, JSON, TEXT_ARRAY }

  static SettingField text(String json, String column) {
    return new SettingField(json, column, Kind.TEXT);
  }

  static SettingField integer(String json, String column) {
    return new SettingField(json, column, Kind.INT);
  }

  static SettingField decimal(String json, String column) {
    return new SettingField(json, column, Kind.DECIMAL);
  }

  static SettingField bool(String json, String column) {
    return new SettingField(json, column, Kind.BOOL);
  }

  /** The column's value as JSON (null stays null). */
  Object read(Row row) {
    Object value = row.getValue(column);
    if (value == null) {
      return null;
    }
    return switch (kind) {
      case TEXT -> row.getString(column).strip();
      case INT -> row.getInteger(column);
      case LONG -> row.getLong(column);
      case DECIMAL -> row.getBigDecimal(column).stripTrailingZeros().toPlainString();
      case BOOL -> row.getBoolean(column);
      case JSON -> value instanceof JsonObject o ? o : new JsonObject(value.toString());
      case TEXT_ARRAY -> new JsonArray(java.util.List.of(row.getArrayOfStrings(column)));
    };
  }

  /** A JSON value (from a request or a snapshot) as the statement parameter for the column. */
  Object bind(Object value) {
    if (value == null) {
      return null;
    }
    return switch (kind) {
      case TEXT -> value.toString();
      case INT -> ((Number) value).intValue();
      case LONG -> ((Number) value).longValue();
      case DECIMAL -> new BigDecimal(value.toString());
      case BOOL -> (Boolean) value;
      case JSON -> value instanceof JsonObject o ? o : new JsonObject(value.toString());
      case TEXT_ARRAY -> ((JsonArray) value).stream().map(Object::toString).toArray(String[]::new);
    };
  }
}
