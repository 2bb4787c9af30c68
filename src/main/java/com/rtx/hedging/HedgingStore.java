package com.rtx.hedging;

import com.rtx.core.hedging.ExposureLimit;
import com.rtx.core.hedging.HedgePlanner.VolumeTerms;
import com.rtx.core.hedging.SymbolExposure;
import com.rtx.core.market.Lots;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The hedger's reads and writes in PostgreSQL: limits, symbol volume terms, open hedges, snapshots. */
final class HedgingStore {

  private final Pool pool;

  HedgingStore(Pool pool) {
    this.pool = pool;
  }

  Future<Map<String, ExposureLimit>> limits() {
    return pool.query("SELECT symbol, max_net_lots, target_net_lots, enabled FROM exposure_limit").execute()
      .map(rows -> {
        Map<String, ExposureLimit> limits = new HashMap<>();
        for (Row r : rows) {
          String symbol = r.getString("symbol");
          limits.put(symbol, new ExposureLimit(symbol, lots(r.getBigDecimal("max_net_lots")),
            lots(r.getBigDecimal("target_net_lots")), r.getBoolean("enabled")));
        }
        return limits;
      });
  }

  Future<Map<String, VolumeTerms>> terms() {
    return pool.query("SELECT name, volume_min, volume_max, volume_step FROM symbol").execute().map(rows -> {
      Map<String, VolumeTerms> terms = new HashMap<>();
      for (Row r : rows) {
        terms.put(r.getString("name"), new VolumeTerms(lots(r.getBigDecimal("volume_min")),
          lots(r.getBigDecimal("volume_max")), lots(r.getBigDecimal("volume_step"))));
      }
      return terms;
    });
  }

  /**
   * Symbols with a house order not final yet (at an LP, or its status unknown): the shard stores
   * the order as SENT_TO_LP before it leaves, so a hedge in flight is here even across a leader
   * change.
   */
  Future<Set<String>> openHedges(long houseAccount) {
    return pool.preparedQuery("SELECT DISTINCT symbol FROM trade_order WHERE account_id = $1 "
        + "AND status IN ('NEW', 'SENT_TO_LP')").execute(Tuple.of(houseAccount))
      .map(rows -> {
        Set<String> symbols = new HashSet<>();
        rows.forEach(r -> symbols.add(r.getString(0)));
        return symbols;
      });
  }

  /** Realized P&amp;L of the house account's deals per symbol, in its currency's minor units. */
  Future<Map<String, Long>> houseRealized(long houseAccount) {
    return pool.preparedQuery("SELECT symbol, sum(realized_pnl - commission) FROM deal WHERE account_id = $1 "
        + "GROUP BY symbol").execute(Tuple.of(houseAccount))
      .map(rows -> {
        Map<String, Long> bySymbol = new HashMap<>();
        rows.forEach(r -> bySymbol.put(r.getString(0), r.getBigDecimal(1).longValueExact()));
        return bySymbol;
      });
  }

  Future<Void> snapshot(Instant at, List<SymbolExposure> exposures, String node) {
    List<Tuple> rows = new ArrayList<>();
    OffsetDateTime time = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    for (SymbolExposure e : exposures) {
      rows.add(Tuple.of(time, e.symbol(), Lots.toBigDecimal(e.clientNet()), Lots.toBigDecimal(e.hedged()),
        Lots.toBigDecimal(e.unhedged()), node));
    }
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("INSERT INTO exposure_snapshot (taken_at, symbol, client_net, house_hedge, unhedged, node) "
        + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING").executeBatch(rows).mapEmpty();
  }

  private static long lots(BigDecimal value) {
    return Lots.of(value);
  }
}
