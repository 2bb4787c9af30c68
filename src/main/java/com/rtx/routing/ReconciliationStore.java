package com.rtx.routing;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import com.rtx.core.market.LpDialect;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What LP reconciliation reads and writes in PostgreSQL (tables of changesets 0070 and 0074): the house
 * position the platform recorded at an LP — the net of every deal of the orders sent to it — the
 * symbols with orders still at it, and the runs, their lines and the repairs.
 */
final class ReconciliationStore {

  /** The platform's side of one LP at one moment: net lots per symbol and symbols with open orders. */
  record Recorded(Map<String, BigDecimal> lots, Set<String> inFlight) {
  }

  private final Pool pool;

  ReconciliationStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * The LP's side from its own fills and the platform's side, read from one snapshot; and the
   * symbols with a filled repair decided by an AN run (see {@link LpReconciler}: not repaired from fills).
   */
  record FillsSnapshot(List<LpFills.Execution> executions, Recorded recorded, Set<String> anRepaired) {
  }

  /** An order still SENT_TO_LP: what an OrderStatusRequest for it needs. */
  record OpenOrder(long accountId, long orderId, String clOrdId, String symbol, String side) {
  }

  /**
   * Net lots per symbol of the deals of orders routed to {@code lp} (buy +, sell −): the house's
   * position there as the platform recorded it; and the symbols of its orders still SENT_TO_LP.
   */
  Future<Recorded> recorded(String lp) {
    return recorded(pool, lp);
  }

  private static Future<Recorded> recorded(SqlClient client, String lp) {
    Future<Map<String, BigDecimal>> lots = client.preparedQuery("SELECT o.symbol, "
        + "sum(CASE WHEN d.side = 'BUY' THEN d.volume ELSE -d.volume END) AS volume "
        + "FROM trade_order o JOIN deal d ON d.order_id = o.id AND d.account_id = o.account_id "
        + "WHERE o.lp = $1 GROUP BY o.symbol").execute(Tuple.of(lp)).map(rows -> {
          Map<String, BigDecimal> net = new TreeMap<>();
          for (Row row : rows) {
            BigDecimal volume = row.getBigDecimal("volume");
            if (volume != null && volume.signum() != 0) {
              // deal.volume is hundredths of a lot (core.market.Lots).
              net.put(row.getString("symbol"), volume.movePointLeft(2).stripTrailingZeros());
            }
          }
          return net;
        });
    // A repair whose answer is not on record (an engine killed before it came, an LP that gap-filled it)
    // may still fill: its symbol stays in flight, never repaired a second time on top of it.
    Future<Set<String>> open = client.preparedQuery("SELECT symbol FROM trade_order WHERE lp = $1 "
        + "AND status = 'SENT_TO_LP' UNION SELECT symbol FROM lp_position_repair WHERE lp = $1 "
        + "AND status IN ('SENT', 'PARTIALLY_FILLED')").execute(Tuple.of(lp)).map(rows -> {
          Set<String> symbols = new HashSet<>();
          rows.forEach(r -> symbols.add(r.getString(0)));
          return symbols;
        });
    return Future.all(lots, open).map(v -> new Recorded(lots.result(), open.result()));
  }

  /**
   * What {@code lp} said it executed — per order of ours its highest CumQty and the sum of its fills'
   * LastQty (lots, from {@code lp_execution}), and what our repair orders filled there (the LP's
   * CumQty, read in its {@code dialect}) — with the platform's record, all in one REPEATABLE READ
   * snapshot: dealing writes a report and the deal it books in one transaction, so the two sides
   * never straddle a fill.
   *
   * @param sizes contract size per symbol (a repair's quantity in the LP's unit becomes lots)
   */
  Future<FillsSnapshot> fills(String lp, Map<String, BigDecimal> sizes, LpDialect dialect) {
    return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
      .execute().compose(v -> {
        Future<List<LpFills.Execution>> orders = conn.preparedQuery("SELECT o.id, o.symbol, o.side, "
            + "max((e.report->>'cumQty')::numeric) AS cum, sum(CASE WHEN e.report->>'execType' IN ('FILL', "
            + "'PARTIAL_FILL', 'TRADE') THEN (e.report->>'lastQty')::numeric END) AS last FROM lp_execution e "
            + "JOIN trade_order o ON o.id = e.order_id AND o.account_id = e.account_id WHERE e.lp = $1 "
            + "GROUP BY o.id, o.symbol, o.side").execute(Tuple.of(lp)).map(rows -> {
              List<LpFills.Execution> all = new ArrayList<>();
              for (Row row : rows) {
                all.add(new LpFills.Execution("order-" + row.getLong("id"), row.getString("symbol"),
                  "BUY".equals(row.getString("side")), "FILL", row.getBigDecimal("last"), row.getBigDecimal("cum"),
                  true));
              }
              return all;
            });
        Set<String> anRepaired = new HashSet<>();
        Future<List<LpFills.Execution>> repairs = conn.preparedQuery("SELECT cl_ord_id, symbol, side, lots, filled_units, "
            + "evidence->>'lpOrderQty' AS lp_order_qty, coalesce(evidence->>'source', 'AN') AS source "
            + "FROM lp_position_repair WHERE lp = $1 AND filled_units IS NOT NULL AND filled_units <> 0")
          .execute(Tuple.of(lp)).map(rows -> {
            List<LpFills.Execution> all = new ArrayList<>();
            for (Row row : rows) {
              if ("AN".equals(row.getString("source"))) {
                anRepaired.add(row.getString("symbol"));
              }
              BigDecimal lots = filledLots(row, sizes.get(row.getString("symbol")), dialect);
              all.add(new LpFills.Execution(row.getString("cl_ord_id"), row.getString("symbol"),
                "BUY".equals(row.getString("side")), "FILL", lots, lots, lots != null));
            }
            return all;
          });
        Future<Recorded> recorded = recorded(conn, lp);
        return Future.all(orders, repairs, recorded).map(all -> {
          List<LpFills.Execution> executions = new ArrayList<>(orders.result());
          executions.addAll(repairs.result());
          return new FillsSnapshot(executions, recorded.result(), anRepaired);
        });
      }));
  }

  /**
   * Orders of {@code lp} still SENT_TO_LP that were sent before {@code sentBefore} (a younger one is
   * its shard's to ask about), oldest first, at most {@code limit}.
   */
  Future<List<OpenOrder>> openOrders(String lp, Instant sentBefore, int limit) {
    return pool.preparedQuery("SELECT account_id, id, lp_cl_ord_id, symbol, side FROM trade_order WHERE lp = $1 "
        + "AND status = 'SENT_TO_LP' AND lp_cl_ord_id IS NOT NULL AND coalesce(lp_sent_at, created_at) < $2 "
        + "ORDER BY coalesce(lp_sent_at, created_at) LIMIT $3")
      .execute(Tuple.of(lp, utc(sentBefore), limit)).map(rows -> {
        List<OpenOrder> open = new ArrayList<>();
        for (Row row : rows) {
          open.add(new OpenOrder(row.getLong("account_id"), row.getLong("id"), row.getString("lp_cl_ord_id"),
            row.getString("symbol"), row.getString("side")));
        }
        return open;
      });
  }

  /**
   * One finished run and its lines, in one transaction.
   *
   * @param actions per symbol: NONE, REPAIR or ALERT
   * @return the run's id
   */
  Future<Long> saveRun(String lp, String posReqId, String source, Instant started, Instant finished, String outcome,
                       String detail, List<LpPositionCheck.Line> lines, Map<String, String> actions) {
    return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO lp_reconciliation_run (lp, pos_req_id, "
        + "started_at, finished_at, outcome, detail, source) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
      .execute(Tuple.from(java.util.Arrays.asList(lp, posReqId, utc(started), utc(finished), outcome, detail, source)))
      .compose(rows -> {
        long runId = rows.iterator().next().getLong(0);
        if (lines.isEmpty()) {
          return Future.succeededFuture(runId);
        }
        List<Tuple> batch = new ArrayList<>();
        for (LpPositionCheck.Line line : lines) {
          batch.add(Tuple.from(java.util.Arrays.asList(runId, lp, line.symbol(), line.atLp(), line.platform(),
            line.difference(), line.outcome().name(), actions.getOrDefault(line.symbol(), "NONE"), line.note(),
            utc(finished), source)));
        }
        return conn.preparedQuery("INSERT INTO lp_reconciliation (run_id, lp, symbol, lp_lots, platform_lots, "
            + "difference_lots, outcome, action, note, checked_at, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
            + "$10, $11)")
          .executeBatch(batch).map(v -> runId);
      }));
  }

  /**
   * A repair about to be sent, with its audit row (actor: the router), in one transaction.
   *
   * @param terms what goes on the wire under the LP's profile: ordType, timeInForce, price (limits)
   *
   * @return its ClOrdID ({@code RCN-<id>})
   */
  Future<String> saveRepair(long runId, String lp, String symbol, String side, BigDecimal lots, BigDecimal units,
                            JsonObject evidence, JsonObject terms, Instant at) {
    return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO lp_position_repair (run_id, lp, symbol, side, "
        + "lots, units, status, evidence, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'SENT', $7, $8, $8) "
        + "RETURNING cl_ord_id").execute(Tuple.of(runId, lp, symbol, side, lots, units, evidence, utc(at)))
      .compose(rows -> {
        String clOrdId = rows.iterator().next().getString(0);
        JsonObject after = new JsonObject().put("clOrdId", clOrdId).put("side", side).put("lots", lots.toPlainString())
          .put("units", units.toPlainString()).mergeIn(terms);
        return conn.preparedQuery("INSERT INTO audit_log (at, actor_id, actor_username, actor_role, action, outcome, "
            + "target_type, target_id, before, after, prev_hash, hash) VALUES ($1, NULL, 'router', 'SYSTEM', "
            + "'lp.position.repair', 'OK', 'lp_position', $2, $3, $4, '\\x'::bytea, '\\x'::bytea)")
          .execute(Tuple.of(utc(at), lp + "/" + symbol, evidence, after)).map(v -> clOrdId);
      }));
  }

  /**
   * Lots a repair filled: its CumQty as a share of the quantity it was sent with (both in the LP's
   * unit of that day), times the lots it was for — so a later change of the LP's quantity unit or
   * lot size does not re-read past fills. Rows from before the quantity was recorded: the LP's
   * dialect of today. Null when unreadable.
   */
  private static BigDecimal filledLots(Row row, BigDecimal contractSize, LpDialect dialect) {
    BigDecimal filled = row.getBigDecimal("filled_units");
    String sent = row.getString("lp_order_qty");
    try {
      if (sent != null && new BigDecimal(sent).signum() > 0) {
        return row.getBigDecimal("lots").multiply(filled).divide(new BigDecimal(sent), 8, java.math.RoundingMode.HALF_EVEN)
          .stripTrailingZeros();
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return contractSize == null || contractSize.signum() <= 0 ? null
      : dialect.toLots(row.getString("symbol"), filled, contractSize);
  }

  /** The LP's answer to a repair order: its status (FILLED, PARTIALLY_FILLED, CANCELED, REJECTED, NOT_SENT). */
  Future<Void> repairAnswered(String lp, String clOrdId, String status, BigDecimal filledUnits, BigDecimal avgPx,
                              String text, Instant at) {
    // The LP too: a report naming another LP's repair (ClOrdIDs are sequential) changes nothing.
    return pool.preparedQuery("UPDATE lp_position_repair SET status = $2, filled_units = coalesce($3, filled_units), "
        + "avg_px = coalesce($4, avg_px), lp_text = coalesce($5, lp_text), updated_at = $6 WHERE cl_ord_id = $1 AND lp = $7")
      .execute(Tuple.from(java.util.Arrays.asList(clOrdId, status, filledUnits, avgPx, text, utc(at), lp))).mapEmpty();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
