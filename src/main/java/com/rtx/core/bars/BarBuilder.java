package com.rtx.core.bars;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds bid/ask bars of one symbol for several timeframes from its ticks.
 *
 * <p>Rules, per timeframe:
 * <ul>
 *   <li>A tick in the open bar's period updates it. A tick in a later period closes the open bar
 *       (returned by {@link #onTick}) and opens a bar for the period containing the tick. Periods
 *       without ticks get no bar: after a gap no synthetic empty bars are produced, the next bar
 *       simply opens where the ticks resume.</li>
 *   <li>{@link #closeDue(long)} closes bars whose period has ended even if no tick came, so bars
 *       can be written on time by a timer. Pass {@code now - grace} to wait for late ticks.</li>
 *   <li>A tick older than the open bar's period, or falling in a period that was already closed,
 *       is ignored for that timeframe (it still counts where it fits, e.g. in the D1 bar), so
 *       out-of-order delivery never reopens or corrupts a bar.</li>
 *   <li>Within a bar, open and close are the prices of the earliest and latest tick by
 *       timestamp (ties: first arrival for open, last arrival for close), so a tick delivered late
 *       but inside the period does not become the close.</li>
 * </ul>
 * Timestamps are whatever the caller uses for ticks (normally engine time). Not thread-safe: one
 * instance per symbol, used from the pricing loop.
 */
public final class BarBuilder {

  private final String symbol;
  private final Set<Timeframe> timeframes;
  private final Map<Timeframe, OpenBar> open = new EnumMap<>(Timeframe.class);
  // Close time of the last bar closed per timeframe: ticks before it belong to a written bar.
  private final Map<Timeframe, Long> closedUntil = new EnumMap<>(Timeframe.class);

  /** A builder for every {@link Timeframe}. */
  public BarBuilder(String symbol) {
    this(symbol, EnumSet.allOf(Timeframe.class));
  }

  public BarBuilder(String symbol, Set<Timeframe> timeframes) {
    Objects.requireNonNull(symbol, "symbol");
    if (symbol.isBlank()) {
      throw new IllegalArgumentException("symbol must not be blank");
    }
    if (timeframes.isEmpty()) {
      throw new IllegalArgumentException("at least one timeframe is needed");
    }
    this.symbol = symbol;
    this.timeframes = EnumSet.copyOf(timeframes);
  }

  public String symbol() {
    return symbol;
  }

  /**
   * Applies a tick to every timeframe.
   *
   * @return the bars this tick closed, in timeframe order (M1 first); usually empty
   */
  public List<Bar> onTick(long bid, long ask, long timeMillis) {
    List<Bar> closed = new ArrayList<>(0);
    for (Timeframe tf : timeframes) {
      Long until = closedUntil.get(tf);
      if (until != null && timeMillis < until) {
        continue;
      }
      OpenBar bar = open.get(tf);
      if (bar == null) {
        open.put(tf, new OpenBar(tf, bid, ask, timeMillis));
      } else if (timeMillis < bar.openTime) {
        continue;
      } else if (timeMillis >= bar.closeTime()) {
        closed.add(bar.toBar());
        closedUntil.put(tf, bar.closeTime());
        open.put(tf, new OpenBar(tf, bid, ask, timeMillis));
      } else {
        bar.update(bid, ask, timeMillis);
      }
    }
    return closed;
  }

  /**
   * Closes and returns every open bar whose period ended at or before {@code nowMillis}, in
   * timeframe order. Later ticks of those periods are ignored.
   */
  public List<Bar> closeDue(long nowMillis) {
    List<Bar> closed = new ArrayList<>(0);
    for (Timeframe tf : timeframes) {
      OpenBar bar = open.get(tf);
      if (bar != null && nowMillis >= bar.closeTime()) {
        closed.add(bar.toBar());
        closedUntil.put(tf, bar.closeTime());
        open.remove(tf);
      }
    }
    return closed;
  }

  /** Snapshot of the bars in progress, in timeframe order. */
  public List<Bar> openBars() {
    List<Bar> bars = new ArrayList<>(open.size());
    for (OpenBar bar : open.values()) {
      bars.add(bar.toBar());
    }
    return bars;
  }

  /** Mutable state of a bar in progress. */
  private final class OpenBar {
    final Timeframe timeframe;
    final long openTime;
    long firstTickMillis;
    long lastTickMillis;
    long bidOpen;
    long bidHigh;
    long bidLow;
    long bidClose;
    long askOpen;
    long askHigh;
    long askLow;
    long askClose;
    long ticks;

    OpenBar(Timeframe timeframe, long bid, long ask, long timeMillis) {
      this.timeframe = timeframe;
      this.openTime = timeframe.openTime(timeMillis);
      this.firstTickMillis = timeMillis;
      this.lastTickMillis = timeMillis;
      bidOpen = bidHigh = bidLow = bidClose = bid;
      askOpen = askHigh = askLow = askClose = ask;
      ticks = 1;
    }

    long closeTime() {
      return openTime + timeframe.lengthMillis();
    }

    void update(long bid, long ask, long timeMillis) {
      bidHigh = Math.max(bidHigh, bid);
      bidLow = Math.min(bidLow, bid);
      askHigh = Math.max(askHigh, ask);
      askLow = Math.min(askLow, ask);
      if (timeMillis < firstTickMillis) {
        firstTickMillis = timeMillis;
        bidOpen = bid;
        askOpen = ask;
      }
      if (timeMillis >= lastTickMillis) {
        lastTickMillis = timeMillis;
        bidClose = bid;
        askClose = ask;
      }
      ticks++;
    }

    Bar toBar() {
      return new Bar(symbol, timeframe, openTime, bidOpen, bidHigh, bidLow, bidClose,
        askOpen, askHigh, askLow, askClose, ticks);
    }
  }
}
