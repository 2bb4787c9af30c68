package com.rtx.refdata;

import com.rtx.core.market.LpDialect;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an LP's {@link LpDialect} from its {@code liquidity_provider} row ({@code quantity_unit},
 * {@code symbol_names}, {@code contract_sizes}), for pricing and the router alike: one reading, one
 * meaning.
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
    Map<String, String> byName = new LinkedHashMap<>();
    json(row, "symbol_names").forEach(e -> byName.put(e.getKey(), String.valueOf(e.getValue())));
    LpDialect.QuantityUnit unit = LpDialect.QuantityUnit.valueOf(row.getString("quantity_unit"));
    Map<String, String> sizeTexts = new LinkedHashMap<>();
    json(row, "contract_sizes").forEach(e -> sizeTexts.put(e.getKey(), String.valueOf(e.getValue())));
    // Checked as text first: a hand-edited "1e3" or "NaN" is refused here, not parsed into a size.
    LpDialect.checkContractSizes(unit, sizeTexts, null).ifPresent(p -> {
      throw new IllegalArgumentException(p.field() + ": " + p.message());
    });
    Map<String, BigDecimal> sizes = new LinkedHashMap<>();
    sizeTexts.forEach((symbol, text) -> sizes.put(symbol, new BigDecimal(text)));
    return new LpDialect(unit, byName, sizes);
  }

  /** A JSONB column as an object (null: empty). */
  private static JsonObject json(Row row, String column) {
    Object value = row.getValue(column);
    return value == null ? new JsonObject() : value instanceof JsonObject o ? o : new JsonObject(value.toString());
  }
}
