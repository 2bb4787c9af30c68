package com.rtx.lpsim;

import com.rtx.platform.config.LpSimConfig;
import quickfix.Session;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything the simulator knows about one simulated LP: its walks, the last quote it sent per
 * symbol (its "book", which answers snapshot requests), fault switches, subscriptions and counters.
 *
 * <p>Owned by the simulator's event loop; the one exception is {@link #refuseLogon}, which
 * QuickFIX/J threads read during a logon, hence atomic.
 */
final class LpState {

  /** A quote, the moment the LP produced it, and the QuoteEntryIDs it went out with (null: none). */
  record Published(Quote quote, Instant at, String bidQuoteId, String askQuoteId) {

    Published(Quote quote, Instant at) {
      this(quote, at, null, null);
    }
  }

  final LpSimConfig.SimulatedLp config;
  final Subscriptions subscriptions = new Subscriptions();
  final AtomicBoolean refuseLogon = new AtomicBoolean();
  private final Map<String, RandomWalk> walks = new LinkedHashMap<>();
  private final Map<String, Published> book = new LinkedHashMap<>();
  private final Set<String> stale = new TreeSet<>();

  /** The acceptor's session of this LP; null until its first logon. */
  Session session;
  /** Logons so far; also the epoch that stops a delayed quote reaching a later session. */
  long logons;
  /** Incremental refreshes (35=X) handed to the session. */
  long ticksSent;
  /** The periodic tick timer, or -1. */
  long timerId = -1;

  /** Most orders remembered for cancel and status requests; the oldest are forgotten first. */
  private static final int MAX_ORDERS = 100_000;

  /** The acceptor's trade session of this LP; null until its first logon. */
  Session tradeSession;
  /** NewOrderSingles received so far. */
  long ordersReceived;
  /** Every order by each ClOrdID it has had (the original and a cancel's). */
  final Map<String, SimOrder> orders = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, SimOrder> eldest) {
      return size() > MAX_ORDERS;
    }
  };
  /**
   * The house's net position at this LP per symbol in units (positive: the house is long), moved
   * by every fill of its orders and by the control endpoint's adjustments; answers RequestForPositions.
   */
  final Map<String, java.math.BigDecimal> positions = new java.util.TreeMap<>();

  /** Adds {@code units} (signed) to the house's position in {@code symbol}. */
  void position(String symbol, java.math.BigDecimal units) {
    positions.merge(symbol, units, java.math.BigDecimal::add);
  }

  /** Limit orders resting in the book, in arrival order: a quote that reaches them fills them. */
  final List<SimOrder> resting = new ArrayList<>();
  /** Concurrent: the refusals at session level are decided on QuickFIX/J's threads (see LpFixApplication). */
  final Set<OrderFault> orderFaults = ConcurrentHashMap.newKeySet();
  /** Requests received while {@link OrderFault#HANG} is on. */
  final Deque<TradeRequest> held = new ArrayDeque<>();
  /** How the LP names symbols and sizes quotes (control API {@code /lps/{lp}/dialect}). */
  SimDialect dialect = SimDialect.PLATFORM;
  /** The last NewOrderSingle as it arrived on the wire (the LP's symbol name and quantity), or null. */
  TradeRequest.NewOrder lastOrder;
  /** Last look, partial fills and slippage: seeded per LP, so a run repeats. */
  final Random random;
  /** The QuoteEntryIDs it stamps on its quotes (control API {@code /lps/{lp}/quote-ids}) and honours on 40=D. */
  final IssuedQuotes quoteIds;

  LpState(LpSimConfig.SimulatedLp config, SimInstruments instruments, long seed, Instant now) {
    this.config = config;
    this.random = new Random(seed ^ ((long) config.name().hashCode() << 32) ^ 0x7472616465L);
    this.quoteIds = new IssuedQuotes(config.name(), now);
    for (SimInstrument instrument : instruments.all()) {
      RandomWalk walk = new RandomWalk(instrument, config.name(), config.spreadFactor(), config.tickIntervalMs(),
        seed);
      walks.put(instrument.symbol(), walk);
      book.put(instrument.symbol(), new Published(walk.current(), now));
    }
  }

  String name() {
    return config.name();
  }

  RandomWalk walk(String symbol) {
    return walks.get(symbol);
  }

  Published lastSent(String symbol) {
    return book.get(symbol);
  }

  /** Records {@code quote} as the LP's latest of {@code symbol}, stamped with quote ids if they are on. */
  Published sent(String symbol, Quote quote, Instant at) {
    String[] ids = quoteIds.stamp(symbol, quote, at);
    Published published = new Published(quote, at, ids[0], ids[1]);
    book.put(symbol, published);
    return published;
  }

  boolean isStale(String symbol) {
    return stale.contains(symbol);
  }

  void stale(String symbol, boolean on) {
    if (on) {
      stale.add(symbol);
    } else {
      stale.remove(symbol);
    }
  }

  Set<String> staleSymbols() {
    return Collections.unmodifiableSet(new TreeSet<>(stale));
  }

  void clearStale() {
    stale.clear();
  }

  boolean loggedOn() {
    return session != null && session.isLoggedOn();
  }

  boolean tradeLoggedOn() {
    return tradeSession != null && tradeSession.isLoggedOn();
  }
}
