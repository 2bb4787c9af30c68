package com.rtx.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** RFC 4180 CSV of report rows: a header line of the columns, then one line per row (CRLF). */
final class Csv {

  private Csv() {
  }

  static String of(List<String> columns, JsonArray rows) {
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", columns.stream().map(Csv::cell).toList())).append("\r\n");
    for (Object item : rows) {
      JsonObject row = (JsonObject) item;
      for (int i = 0; i < columns.size(); i++) {
        Object value = row.getValue(columns.get(i));
        out.append(i == 0 ? "" : ",").append(value == null ? "" : cell(value.toString()));
      }
      out.append("\r\n");
    }
    return out.toString();
  }

  /** Quoted when it holds a comma, quote or line break; a leading = + @ is defused (spreadsheet formulas; a minus sign stays, numbers are negative). */
  private static String cell(String value) {
    String v = !value.isEmpty() && "=+@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
    return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
