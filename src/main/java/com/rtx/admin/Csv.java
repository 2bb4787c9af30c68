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

  /** A number a spreadsheet may read as a number: a leading minus here is a sign, not a formula. */
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  /**
   * Quoted when it holds a comma, quote or line break. A cell a spreadsheet would run as a formula
   * (starting with {@code = + - @}, tab or carriage return) is defused with a leading {@code '},
   * unless it is a plain (negative) number — values staff never typed, such as a trader's comment,
   * end up in these files.
   */
  static String cell(String value) {
    boolean formula = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !NUMBER.matcher(value).matches();
    String v = formula ? "'" + value : value;
    boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
    return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
