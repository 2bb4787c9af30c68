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
 * The dialect fields of an LP setting ({@code quantityUnit}, {@code symbolNames},
 * {@code contractSizes}), checked on the state after a change, inside its transaction, against the
 * symbols that exist then: 422 {@code INVALID_SETTING} naming the field ({@code symbolNames.EURUSD},
 * {@code contractSizes.XAUUSD}) for an unknown symbol, an LP name given twice, or an empty, overlong
 * or non-printable one ({@link LpDialect#check}), a contract size that is not a plain positive
 * decimal of sane size, or contract sizes for an LP counting units
 * ({@link LpDialect#checkContractSizes}); the OpenAPI contract has already refused a wrong type or
 * unit with 400. Pricing and the router could not load a broken mapping, so it never gets stored.
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
    Map<String, String> names;
    Map<String, String> sizes;
    try {
      names = strings(after, "symbolNames", "an LP symbol name is a string");
      sizes = strings(after, "contractSizes", "a contract size is a decimal string");
    } catch (AdminException e) {
      return Future.failedFuture(e);
    }
    LpDialect.QuantityUnit quantityUnit = LpDialect.QuantityUnit.valueOf(unit);
    if (names.isEmpty() && sizes.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.query("SELECT name FROM symbol").execute().compose(rows -> {
      Set<String> known = new HashSet<>();
      rows.forEach(r -> known.add(r.getString(0)));
      return LpDialect.check(names, known).or(() -> LpDialect.checkContractSizes(quantityUnit, sizes, known))
        .<Future<Void>>map(p -> Future.failedFuture(new AdminException(ApiErrorCode.INVALID_SETTING,
          p.field() + ": " + p.message(), p.field())))
        .orElse(Future.succeededFuture());
    });
  }

  /** The object {@code field} of the state as strings by key; a value of another type is refused naming its key. */
  private static Map<String, String> strings(JsonObject after, String field, String what) {
    Object value = after.getValue(field);
    JsonObject json = value == null ? new JsonObject() : value instanceof JsonObject o ? o : new JsonObject(value.toString());
    Map<String, String> strings = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : json) {
      if (!(e.getValue() instanceof String text)) {
        throw new AdminException(ApiErrorCode.INVALID_SETTING, field + "." + e.getKey() + ": " + what,
          field + "." + e.getKey());
      }
      strings.put(e.getKey(), text);
    }
    return strings;
  }
}
