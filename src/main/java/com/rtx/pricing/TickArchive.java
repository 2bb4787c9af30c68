package com.rtx.pricing;

import com.rtx.core.market.Instrument;
import com.rtx.core.pricing.AggregatedQuote;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Optional archive of every aggregated quote ({@code pricing.tick-archive}), buffered in memory
 * and written in batches; the buffer is bounded so an unreachable database costs ticks of the
 * archive (counted), never the engine's memory. Retention drops whole monthly partitions and
 * trims the rest.
 *
 * <p>Not thread-safe: owned by the pricing verticle's context.
 */
final class TickArchive {

  static final int MAX_BUFFER = 100_000;
  private static final String INSERT = "INSERT INTO tick (symbol, time, sequence, bid, ask, bid_lp, ask_lp, status) "
    + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

  private final Pool pool;
  private final Function<String, Instrument> instruments;
  private List<Tuple> buffer = new ArrayList<>();
  private long dropped;
  private boolean flushing;

  TickArchive(Pool pool, Function<String, Instrument> instruments) {
    this.pool = pool;
    this.instruments = instruments;
  }

  void add(AggregatedQuote quote) {
    if (buffer.size() >= MAX_BUFFER) {
      dropped++;
      return;
    }
    Instrument i = instruments.apply(quote.symbol());
    buffer.add(Tuple.tuple().addString(quote.symbol())
      .addOffsetDateTime(OffsetDateTime.ofInstant(Instant.ofEpochMilli(quote.engineTimeMillis()), ZoneOffset.UTC))
      .addLong(quote.sequence()).addBigDecimal(i.toBigDecimal(quote.bid())).addBigDecimal(i.toBigDecimal(quote.ask()))
      .addString(quote.bidLp()).addString(quote.askLp()).addString(quote.status().name()));
  }

  /** Writes what is buffered; on failure the batch goes back to the front of the buffer. */
  Future<Void> flush() {
    if (buffer.isEmpty() || flushing) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = buffer;
    buffer = new ArrayList<>();
    flushing = true;
    return pool.withTransaction(c -> c.preparedQuery(INSERT).executeBatch(batch))
      .<Void>mapEmpty()
      .onFailure(e -> {
        batch.addAll(buffer);
        buffer = batch.size() > MAX_BUFFER ? new ArrayList<>(batch.subList(0, MAX_BUFFER)) : batch;
        dropped += Math.max(0, batch.size() - MAX_BUFFER);
      })
      .eventually(() -> {
        flushing = false;
        return Future.succeededFuture();
      });
  }

  /** Drops monthly partitions entirely older than the retention and trims older rows elsewhere. */
  Future<Void> applyRetention(int retentionDays) {
    String dropOld = "DO $$ DECLARE p record; BEGIN "
      + "FOR p IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
      + "WHERE i.inhparent = 'tick'::regclass AND c.relname ~ '^tick_[0-9]{6}$' "
      + "AND to_date(substr(c.relname, 6), 'YYYYMM') + interval '1 month' < now() - interval '" + retentionDays
      + " days' LOOP EXECUTE format('DROP TABLE %I', p.relname); END LOOP; END $$";
    return pool.query(dropOld).execute()
      .compose(v -> pool.preparedQuery("DELETE FROM tick WHERE time < now() - make_interval(days => $1)")
        .execute(Tuple.of(retentionDays)))
      .mapEmpty();
  }

  long dropped() {
    return dropped;
  }

}
