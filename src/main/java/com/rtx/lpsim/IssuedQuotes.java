package com.rtx.lpsim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The QuoteEntryIDs (299) one simulated LP stamps on its market data while switched on (control
 * API {@code /lps/{lp}/quote-ids}), and the ones it still honours on a previously quoted order
 * (40=D): an id it issued for that symbol and side at that price, no older than
 * {@code validityMs}. Each side of each quote gets its own id from the LP's quote sequence
 * ({@code LP1-Q<start>-42B}, {@code ...-42A}), unique across simulator restarts by the start time.
 *
 * <p>Not thread-safe: owned by the simulator's event loop, like the rest of {@link LpState}.
 */
final class IssuedQuotes {

  /** How long an id is honoured when the switch does not say. */
  static final long DEFAULT_VALIDITY_MS = 1_000;
  /** Ids remembered at most; the oldest are forgotten first (they expired long before). */
  private static final int MAX_REMEMBERED = 10_000;

  /** One side of one quote as it went out. */
  private record Issued(String symbol, boolean bid, long price, Instant at) {
  }

  private final String prefix;
  private final Map<String, Issued> issued = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Issued> eldest) {
      return size() > MAX_REMEMBERED;
    }
  };
  private long sequence;
  private boolean on;
  private long validityMs = DEFAULT_VALIDITY_MS;

  IssuedQuotes(String lp, Instant start) {
    this.prefix = lp + "-Q" + Long.toString(start.toEpochMilli(), 36) + "-";
  }

  /** Stamps ids from now on ({@code on}) or stops; {@code validityMs} 0 honours none (every quote expires at once). */
  void set(boolean stamp, long validity) {
    this.on = stamp;
    this.validityMs = validity;
    if (!stamp) {
      issued.clear();
    }
  }

  boolean on() {
    return on;
  }

  long validityMs() {
    return validityMs;
  }

  /** The ids of a quote being sent now, {bid, ask}; both null while switched off. */
  String[] stamp(String symbol, Quote quote, Instant at) {
    if (!on) {
      return new String[2];
    }
    long seq = ++sequence;
    String bidId = prefix + seq + "B";
    String askId = prefix + seq + "A";
    issued.put(bidId, new Issued(symbol, true, quote.bid(), at));
    issued.put(askId, new Issued(symbol, false, quote.ask(), at));
    return new String[] {bidId, askId};
  }

  /**
   * Whether an order naming {@code quoteId} may trade: the id was issued by this LP for
   * {@code symbol} on the side the order takes (a buy takes the ask) at {@code price} (instrument
   * units), at most {@code validityMs} before {@code now}.
   */
  boolean honours(String quoteId, String symbol, boolean buy, long price, Instant now) {
    Issued quote = quoteId == null ? null : issued.get(quoteId);
    return quote != null && validityMs > 0 && quote.symbol().equals(symbol) && quote.bid() != buy
      && quote.price() == price && now.toEpochMilli() - quote.at().toEpochMilli() <= validityMs;
  }
}
