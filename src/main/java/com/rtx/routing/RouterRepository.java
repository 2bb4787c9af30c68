package com.rtx.routing;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the router reads from PostgreSQL: LP trade sessions and each symbol's contract size. */
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
}
