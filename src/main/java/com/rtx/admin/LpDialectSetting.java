package com.rtx.admin;

import com.rtx.core.market.LpDialect;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The dialect fields of an LP setting ({@code quantityUnit}, {@code symbolNames}), checked on the
 * state after a change, inside its transaction, against the symbols that exist then: 422
 * {@code INVALID_SETTING} naming the field ({@code symbolNames.EURUSD}) for an unknown symbol, an
 * LP name given twice, or an empty, overlong or non-printable one ({@link LpDialect#check}); the
 * OpenAPI contract has already refused a wrong type or unit with 400. Pricing and the router
 * could not load a broken mapping, so it never gets stored.
 */
final class LpDialectSetting {

  private LpDialectSetting() {
  }

  static Future<Void> check(SqlClient conn, JsonObject after) {
    if (after == null) {
      return Future.succeededFuture();
    }
    String unit = after.getString("quantityUnit", LpDialect.QuantityUnit.UNITS.name());
    boolean knownUnit = false;
    for (LpDialect.QuantityUnit u : LpDialect.QuantityUnit.values()) {
      knownUnit |= u.name().equals(unit);
    }
    if (!knownUnit) {
      return Future.failedFuture(new AdminException(ApiErrorCode.INVALID_SETTING,
        "quantityUnit: must be UNITS or LOTS", "quantityUnit"));
    }
    JsonObject json = after.getJsonObject("symbolNames", new JsonObject());
    Map<String, String> names = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : json) {
      if (!(e.getValue() instanceof String name)) {
        return Future.failedFuture(new AdminException(ApiErrorCode.INVALID_SETTING,
          "symbolNames." + e.getKey() + ": an LP symbol name is a string", "symbolNames." + e.getKey()));
      }
      names.put(e.getKey(), name);
    }
    if (names.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.query("SELECT name FROM symbol").execute().compose(rows -> {
      Set<String> known = new HashSet<>();
      rows.forEach(r -> known.add(r.getString(0)));
      return LpDialect.check(names, known)
        .<Future<Void>>map(p -> Future.failedFuture(new AdminException(ApiErrorCode.INVALID_SETTING,
          p.field() + ": " + p.message(), p.field())))
        .orElse(Future.succeededFuture());
    });
  }
}
