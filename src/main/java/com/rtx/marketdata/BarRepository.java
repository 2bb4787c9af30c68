package com.rtx.marketdata;

import com.rtx.core.bars.Bar;
import com.rtx.core.bars.Timeframe;
import com.rtx.core.market.Instrument;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Bars in PostgreSQL ({@code bar}, partitioned by month). Writing merges with a row already
 * there for the same period — highs and lows widen, the close and volume add up — so a bar split
 * by an engine restart (written partially at shutdown, completed after) stays whole.
 */
public final class BarRepository {

  private static final String UPSERT = "INSERT INTO bar (symbol, timeframe, open_time, bid_open, bid_high, bid_low, "
    + "bid_close, ask_open, ask_high, ask_low, ask_close, tick_volume) "
    + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
    + "ON CONFLICT (symbol, timeframe, open_time) DO UPDATE SET "
    + "bid_high = GREATEST(bar.bid_high, EXCLUDED.bid_high), bid_low = LEAST(bar.bid_low, EXCLUDED.bid_low), "
    + "bid_close = EXCLUDED.bid_close, ask_high = GREATEST(bar.ask_high, EXCLUDED.ask_high), "
    + "ask_low = LEAST(bar.ask_low, EXCLUDED.ask_low), ask_close = EXCLUDED.ask_close, "
    + "tick_volume = bar.tick_volume + EXCLUDED.tick_volume";

  private final Pool pool;

  public BarRepository(Pool pool) {
    this.pool = pool;
  }

  /** Writes closed bars in one transaction. */
  public Future<Void> write(List<Bar> bars, java.util.function.Function<String, Instrument> instruments) {
    if (bars.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>();
    for (Bar bar : bars) {
      Instrument i = instruments.apply(bar.symbol());
      rows.add(Tuple.tuple().addString(bar.symbol()).addString(bar.timeframe().name())
        .addOffsetDateTime(OffsetDateTime.ofInstant(Instant.ofEpochMilli(bar.openTimeMillis()), ZoneOffset.UTC))
        .addBigDecimal(i.toBigDecimal(bar.bidOpen())).addBigDecimal(i.toBigDecimal(bar.bidHigh()))
        .addBigDecimal(i.toBigDecimal(bar.bidLow())).addBigDecimal(i.toBigDecimal(bar.bidClose()))
        .addBigDecimal(i.toBigDecimal(bar.askOpen())).addBigDecimal(i.toBigDecimal(bar.askHigh()))
        .addBigDecimal(i.toBigDecimal(bar.askLow())).addBigDecimal(i.toBigDecimal(bar.askClose()))
        .addLong(bar.tickVolume()));
    }
    return pool.withTransaction(c -> c.preparedQuery(UPSERT).executeBatch(rows)).mapEmpty();
  }

  /**
   * Bars of one symbol and timeframe with open time in [from, to), oldest first, at most
   * {@code limit} (the newest ones when more exist).
   */
  public Future<List<JsonObject>> read(Instrument instrument, Timeframe timeframe, Instant from, Instant to, int limit) {
    String sql = "SELECT * FROM (SELECT * FROM bar WHERE symbol = $1 AND timeframe = $2 AND open_time >= $3 "
      + "AND open_time < $4 ORDER BY open_time DESC LIMIT $5) newest ORDER BY open_time";
    return pool.preparedQuery(sql)
      .execute(Tuple.of(instrument.name(), timeframe.name(), OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
        OffsetDateTime.ofInstant(to, ZoneOffset.UTC), limit))
      .map(rows -> {
        List<JsonObject> bars = new ArrayList<>();
        for (Row row : rows) {
          bars.add(new JsonObject()
            .put("time", row.getOffsetDateTime("open_time").toInstant().toString())
            .put("bid", ohlc(row, "bid", instrument))
            .put("ask", ohlc(row, "ask", instrument))
            .put("tickVolume", row.getLong("tick_volume")));
        }
        return bars;
      });
  }

  private static JsonObject ohlc(Row row, String side, Instrument instrument) {
    return new JsonObject()
      .put("o", scaled(row, side + "_open", instrument)).put("h", scaled(row, side + "_high", instrument))
      .put("l", scaled(row, side + "_low", instrument)).put("c", scaled(row, side + "_close", instrument));
  }

  private static String scaled(Row row, String column, Instrument instrument) {
    return row.getBigDecimal(column).setScale(instrument.digits(), java.math.RoundingMode.UNNECESSARY).toPlainString();
  }

  /** Creates monthly partitions of bar and tick from this month on, {@code months} ahead. */
  public Future<Void> ensurePartitions(int months) {
    return pool.preparedQuery("SELECT rtx_ensure_month_partitions(date_trunc('month', now())::date, $1)")
      .execute(Tuple.of(months)).mapEmpty();
  }
}
