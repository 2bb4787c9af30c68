package com.rtx.hedging;

import com.rtx.core.toxicity.MarkedDeal;
import com.rtx.core.toxicity.Toxicity;
import com.rtx.core.toxicity.ToxicityParams;
import com.rtx.core.toxicity.ToxicityScore;
import com.rtx.core.trading.Side;
import com.rtx.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recomputes every account's {@link ToxicityScore} from its {@code deal_markout} rows of the last
 * {@code toxicity.window-days} into {@code account_toxicity} (accounts with no deal left in the
 * window lose their row: score 0). When any score changed it publishes {@code rtx.refdata.changed}
 * {@code {"what":"toxicity"}}, on which dealing reloads the scores its routing rules match
 * against. Run by the hedger's leader only.
 */
final class ToxicityRecompute {

  private static final Logger LOG = LoggerFactory.getLogger(ToxicityRecompute.class);

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final ToxicityParams params;
  private final int windowDays;

  ToxicityRecompute(Vertx vertx, Pool pool, Clock clock, ToxicityParams params, int windowDays) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.params = params;
    this.windowDays = windowDays;
  }

  /** One pass; completes with the number of accounts whose score changed. */
  Future<Integer> run() {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    Future<Map<Long, BigDecimal>> before = pool.query("SELECT account_id, score FROM account_toxicity").execute()
      .map(rows -> {
        Map<Long, BigDecimal> scores = new HashMap<>();
        rows.forEach(r -> scores.put(r.getLong(0), r.getBigDecimal(1)));
        return scores;
      });
    Future<Map<Long, List<MarkedDeal>>> deals = pool.preparedQuery("SELECT account_id, side, volume, price, point, "
        + "mid_1s, mid_5s, mid_60s, closing, realized_pnl, held_ms FROM deal_markout WHERE deal_time >= $1")
      .execute(Tuple.of(now.minus(Duration.ofDays(windowDays))))
      .map(rows -> {
        Map<Long, List<MarkedDeal>> byAccount = new HashMap<>();
        rows.forEach(r -> byAccount.computeIfAbsent(r.getLong("account_id"), k -> new ArrayList<>()).add(deal(r)));
        return byAccount;
      });
    return Future.all(before, deals).compose(v -> {
      List<Tuple> rows = new ArrayList<>();
      int changed = 0;
      for (Map.Entry<Long, List<MarkedDeal>> e : deals.result().entrySet()) {
        Toxicity t = ToxicityScore.of(e.getValue(), params);
        BigDecimal old = before.result().get(e.getKey());
        if (old == null || old.compareTo(t.score()) != 0) {
          changed++;
        }
        rows.add(Tuple.of(e.getKey(), t.score(), t.markout1(), t.markout5(), t.markout60(), t.shortWinShare(),
          t.pnlPerLot()).addValue(t.deals()).addValue(now));
      }
      List<Long> gone = before.result().keySet().stream().filter(id -> !deals.result().containsKey(id)).toList();
      int total = changed + gone.size();
      Future<Void> upserted = rows.isEmpty() ? Future.succeededFuture()
        : pool.preparedQuery("INSERT INTO account_toxicity (account_id, score, markout_1s, markout_5s, markout_60s, "
          + "short_win_share, pnl_per_lot, deals, computed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
          + "ON CONFLICT (account_id) DO UPDATE SET score = EXCLUDED.score, markout_1s = EXCLUDED.markout_1s, "
          + "markout_5s = EXCLUDED.markout_5s, markout_60s = EXCLUDED.markout_60s, "
          + "short_win_share = EXCLUDED.short_win_share, pnl_per_lot = EXCLUDED.pnl_per_lot, deals = EXCLUDED.deals, "
          + "computed_at = EXCLUDED.computed_at").executeBatch(rows).mapEmpty();
      Future<Void> removed = gone.isEmpty() ? Future.succeededFuture()
        : pool.preparedQuery("DELETE FROM account_toxicity WHERE account_id = ANY($1)")
          .execute(Tuple.of(gone.toArray(new Long[0]))).mapEmpty();
      return Future.all(upserted, removed).map(x -> total);
    }).onSuccess(total -> {
      if (total > 0) {
        LOG.info("toxicity recomputed: {} account scores changed", total);
        vertx.eventBus().publish(Addresses.REFDATA_CHANGED, new JsonObject().put("what", "toxicity"));
      }
    });
  }

  private static MarkedDeal deal(Row r) {
    boolean closing = r.getBoolean("closing");
    return new MarkedDeal(Side.valueOf(r.getString("side")), r.getLong("volume"), r.getBigDecimal("price"),
      r.getBigDecimal("point"), r.getBigDecimal("mid_1s"), r.getBigDecimal("mid_5s"), r.getBigDecimal("mid_60s"),
      closing, closing ? Objects.requireNonNullElse(r.getBigDecimal("realized_pnl"), BigDecimal.ZERO) : null,
      r.getLong("held_ms"));
  }
}
