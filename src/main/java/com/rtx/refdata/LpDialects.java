package com.rtx.refdata;

import com.rtx.core.market.LpDialect;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an LP's {@link LpDialect} from its {@code liquidity_provider} row ({@code quantity_unit},
 * {@code symbol_names}), for pricing and the router alike: one reading, one meaning.
 */
public final class LpDialects {

  private LpDialects() {
  }

  /**
   * The row's dialect.
   *
   * @throws IllegalArgumentException when the stored mapping breaks {@link LpDialect}'s rules (the
   *                                  admin API refuses such a change, so only a hand edit gets here)
   */
  public static LpDialect of(Row row) {
    Object names = row.getValue("symbol_names");
    JsonObject json = names == null ? new JsonObject()
      : names instanceof JsonObject o ? o : new JsonObject(names.toString());
    Map<String, String> byName = new LinkedHashMap<>();
    json.forEach(e -> byName.put(e.getKey(), String.valueOf(e.getValue())));
    return new LpDialect(LpDialect.QuantityUnit.valueOf(row.getString("quantity_unit")), byName);
  }
}
