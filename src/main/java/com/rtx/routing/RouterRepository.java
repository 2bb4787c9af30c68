package com.rtx.routing;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import com.rtx.core.market.LpDialect;
import com.rtx.refdata.LpDialects;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the router reads from PostgreSQL: LP trade sessions, their dialects and each symbol's contract size. */
final class RouterRepository {

  private final Pool pool;

  RouterRepository(Pool pool) {
    this.pool = pool;
  }

  /** Every LP row by name, active or not (an inactive one is reported DISABLED). */
  Future<Map<String, TradeLp>> lps() {
    return pool.query("SELECT name, host, port, sender_comp_id, target_comp_id, heartbeat_s, credentials_ref, "
      + "enabled, trading, trade_sender_sub_id FROM liquidity_provider ORDER BY name").execute().map(rows -> {
        Map<String, TradeLp> lps = new LinkedHashMap<>();
        for (Row row : rows) {
          lps.put(row.getString("name"), new TradeLp(row.getString("name"), row.getString("host"),
            row.getInteger("port"), row.getString("sender_comp_id"),
            Optional.ofNullable(row.getString("trade_sender_sub_id")).filter(s -> !s.isBlank()),
            row.getString("target_comp_id"), Optional.ofNullable(row.getInteger("heartbeat_s")),
            Optional.ofNullable(row.getString("credentials_ref")),
            row.getBoolean("enabled") && row.getBoolean("trading")));
        }
        return lps;
      });
  }

  /** Contract size per symbol: FIX OrderQty = lots × contract size. */
  Future<Map<String, BigDecimal>> contractSizes() {
    return pool.query("SELECT name, contract_size FROM symbol").execute().map(rows -> {
      Map<String, BigDecimal> sizes = new LinkedHashMap<>();
      for (Row row : rows) {
        sizes.put(row.getString("name"), row.getBigDecimal("contract_size"));
      }
      return Map.copyOf(sizes);
    });
  }

  /** How each LP names symbols and counts quantities, by LP name ({@link LpDialects}). */
  Future<Map<String, LpDialect>> dialects() {
    return pool.query("SELECT name, quantity_unit, symbol_names FROM liquidity_provider").execute().map(rows -> {
      Map<String, LpDialect> dialects = new LinkedHashMap<>();
      for (Row row : rows) {
        dialects.put(row.getString("name"), LpDialects.of(row));
      }
      return Map.copyOf(dialects);
    });
  }

  /**
   * The symbol of order {@code orderId} of {@code accountId}, or empty when there is none: for an
   * ExecutionReport that leaves Symbol out (it is conditionally required only), so that its
   * quantities can still be read in the right contract size.
   */
  Future<Optional<String>> orderSymbol(long accountId, long orderId) {
    return pool.preparedQuery("SELECT symbol FROM trade_order WHERE id = $1 AND account_id = $2")
      .execute(Tuple.of(orderId, accountId))
      .map(rows -> rows.size() == 0 ? Optional.<String>empty() : Optional.of(rows.iterator().next().getString(0)));
  }
}
