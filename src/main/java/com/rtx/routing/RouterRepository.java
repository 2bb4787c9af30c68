package com.rtx.routing;

import com.rtx.core.routing.ExecutionProfile;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rtx.core.market.LpDialect;
import com.rtx.refdata.LpDialects;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the router reads from PostgreSQL: LP trade sessions, their dialects and each symbol's contract size. */
final class RouterRepository {

  private static final Logger LOG = LoggerFactory.getLogger(RouterRepository.class);

  private final Pool pool;

  RouterRepository(Pool pool) {
    this.pool = pool;
  }

  /** Every LP row by name, active or not (an inactive one is reported DISABLED). */
  Future<Map<String, TradeLp>> lps() {
    return pool.query("SELECT name, host, port, sender_comp_id, target_comp_id, heartbeat_s, credentials_ref, "
      + "enabled, trading, trade_sender_sub_id, execution_profile::text AS execution_profile FROM liquidity_provider "
      + "ORDER BY name").execute().map(rows -> {
        Map<String, TradeLp> lps = new LinkedHashMap<>();
        for (Row row : rows) {
          lps.put(row.getString("name"), new TradeLp(row.getString("name"), row.getString("host"),
            row.getInteger("port"), row.getString("sender_comp_id"),
            Optional.ofNullable(row.getString("trade_sender_sub_id")).filter(s -> !s.isBlank()),
            row.getString("target_comp_id"), Optional.ofNullable(row.getInteger("heartbeat_s")),
            Optional.ofNullable(row.getString("credentials_ref")),
            row.getBoolean("enabled") && row.getBoolean("trading"),
            profile(row.getString("name"), row.getString("execution_profile"))));
        }
        return lps;
      });
  }

  /** The LP's profile; one the admin API did not write (an edit in SQL) and cannot be read stops its orders. */
  private static Optional<ExecutionProfile> profile(String lp, String json) {
    try {
      return Optional.of(ExecutionProfile.parse(json == null ? null : new JsonObject(json).getMap()));
    } catch (RuntimeException e) {
      LOG.error("LP {}: its execution profile cannot be read ({}); no order is sent to it until it is fixed",
        lp, e.getMessage());
      return Optional.empty();
    }
  }

  /** Price digits per symbol: a point of a deviation is 10^-digits. */
  Future<Map<String, Integer>> digits() {
    return pool.query("SELECT name, digits FROM symbol").execute().map(rows -> {
      Map<String, Integer> digits = new LinkedHashMap<>();
      for (Row row : rows) {
        digits.put(row.getString("name"), row.getInteger("digits"));
      }
      return Map.copyOf(digits);
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
    return pool.query("SELECT name, quantity_unit, symbol_names, contract_sizes FROM liquidity_provider").execute().map(rows -> {
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
