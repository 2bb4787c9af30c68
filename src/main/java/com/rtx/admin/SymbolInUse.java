package com.rtx.admin;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Refuses to delete a symbol, or to change what its stored prices and volumes mean, while open
 * positions or working orders hold it: their prices are scaled by {@code digits}, their P/L and
 * margin follow the currencies and contract size, and a symbol that disappears leaves the dealing
 * shard without a quote to value those accounts with (margin control could not run). Disabling a
 * symbol (close-only for its holders) is the way to wind it down first.
 */
final class SymbolInUse {

  /** Fields whose change would re-price what is already booked in the symbol. */
  static final List<String> BOOKED_TERMS =
    List.of("baseCurrency", "quoteCurrency", "digits", "contractSize", "marginCurrency");

  private SymbolInUse() {
  }

  /** Fails with 409 SYMBOL_IN_USE when {@code before → after} (after null: deleted) touches a held symbol. */
  static Future<Void> check(SqlConnection conn, String symbol, JsonObject before, JsonObject after) {
    String changed = changedTerm(before, after);
    if (changed == null) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("SELECT (SELECT count(*) FROM position WHERE symbol = $1 AND closed_at IS NULL) "
        + "+ (SELECT count(*) FROM trade_order WHERE symbol = $1 AND status IN ('NEW', 'PENDING', 'SENT_TO_LP')) AS held")
      .execute(Tuple.of(symbol))
      .compose(rows -> {
        long held = rows.iterator().next().getLong("held");
        if (held == 0) {
          return Future.succeededFuture();
        }
        String what = after == null ? "deleted" : "changed in " + changed;
        return Future.failedFuture(new AdminException(ApiErrorCode.SYMBOL_IN_USE, symbol + " cannot be " + what + " while "
          + held + " open positions or working orders hold it; disable it and let them close first",
          after == null ? "name" : changed));
      });
  }

  /** The first booked term that differs, "deleted" for a deletion, null when none changes. */
  private static String changedTerm(JsonObject before, JsonObject after) {
    if (before == null) {
      return null;
    }
    if (after == null) {
      return "deleted";
    }
    for (String field : BOOKED_TERMS) {
      if (!sameValue(before.getValue(field), after.getValue(field))) {
        return field;
      }
    }
    return null;
  }

  /** Equal, comparing numbers by value (a snapshot may hold "100000" and "100000.00"). */
  private static boolean sameValue(Object a, Object b) {
    if (a != null && b != null) {
      try {
        return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
      } catch (NumberFormatException notNumbers) {
        return a.toString().equals(b.toString());
      }
    }
    return Objects.equals(a, b);
  }
}
