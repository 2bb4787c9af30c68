package com.rtx.platform.db;

import com.rtx.platform.config.LpSimConfig;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.List;

/**
 * Development-only adjustments of the demo data (demo.enabled): the simulated LPs' rows follow
 * {@code lpsim.host}/{@code lpsim.port} and {@code lpsim.lps}, so moving the simulator to another
 * port (tests, two engines on one laptop) keeps pricing connected to it. Never runs without demo
 * data, so real LP rows are never touched.
 */
public final class DemoData {

  private DemoData() {
  }

  public static Future<Void> alignSimulatedLps(Pool pool, LpSimConfig lpsim) {
    List<Tuple> rows = lpsim.lps().stream()
      .map(lp -> Tuple.of(lp.name(), lpsim.fix().host(), lpsim.fix().port()))
      .toList();
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("INSERT INTO liquidity_provider (name, host, port, sender_comp_id, target_comp_id) "
        + "VALUES ($1, $2, $3, 'RTX', $1) ON CONFLICT (name) DO UPDATE SET host = EXCLUDED.host, port = EXCLUDED.port")
      .executeBatch(rows)
      .mapEmpty();
  }
}
