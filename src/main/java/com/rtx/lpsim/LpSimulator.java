package com.rtx.lpsim;

import com.rtx.platform.fix.FixLogFactory;
import com.rtx.lpsim.LpSimException.Reason;
import com.rtx.lpsim.MarketDataMessages.MdRequest;
import com.rtx.platform.config.LpSimConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Session;
import quickfix.SocketAcceptor;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The FIX 4.4 liquidity-provider simulator: one QuickFIX/J acceptor on
 * {@code lpsim.host:lpsim.port} playing every LP of {@code lpsim.lps}, each streaming its own
 * {@link RandomWalk} quotes every {@code tick-interval-ms}, delivered {@code latency-ms} late, plus
 * the fault switches that make it worth having: stale symbols, spikes, crossed quotes, dropped
 * sessions and refused logons. {@link QuoteStream} does the market data conversation itself; each
 * LP's trade session (see {@link AcceptorSettings}) is served by the {@link OrderDesk}, with the
 * {@link OrderFault} switches.
 *
 * <p><b>Threading.</b> All state is owned by one Vert.x event-loop context, the one passed in
 * (the deploying verticle's): ticks and latency timers run there, QuickFIX/J callbacks are handed
 * there by {@link LpFixApplication}, and every public method may be called from any thread
 * because it runs its work there too, completing its future afterwards. Blocking QuickFIX/J calls
 * (acceptor start and stop, dropping a session) run through {@code executeBlocking}.
 * {@code Session.send} is called on the event loop: with the memory store it only appends to memory
 * and queues the bytes on the MINA connection.
 *
 * <p><b>Failures.</b> Fault switches fail with {@link LpSimException} (unknown LP or symbol, a stale
 * symbol, a session that is not logged on, a spike beyond zero).
 */
public final class LpSimulator {

  private static final Logger LOG = LoggerFactory.getLogger(LpSimulator.class);

  private final Vertx vertx;
  private final Context context;
  private final LpSimConfig config;
  private final SimInstruments instruments;
  private final Clock clock;
  /** Filled by the constructor and never changed after, so QuickFIX/J threads may look LPs up. */
  private final Map<String, LpState> lps = new LinkedHashMap<>();
  private final QuoteStream stream;
  private final OrderDesk desk;
  private final Path storeDir;
  private SocketAcceptor acceptor;
  private boolean stopped;

  /**
   * @param context the event-loop context that owns the simulator's state (a verticle's context)
   * @param clock   stamps quote times (MDEntryDate/MDEntryTime); prices never depend on it
   * @param storeDir where the trade sessions keep their messages and sequence numbers
   */
  private final OrderTimes orderTimes = new OrderTimes();

  public LpSimulator(Vertx vertx, Context context, LpSimConfig config, SimInstruments instruments, Clock clock,
                     Path storeDir) {
    if (!context.isEventLoopContext()) {
      throw new IllegalArgumentException("the simulator needs an event-loop context");
    }
    this.vertx = vertx;
    this.context = context;
    this.config = config;
    this.instruments = instruments;
    this.clock = clock;
    this.stream = new QuoteStream(vertx, instruments);
    this.desk = new OrderDesk(vertx, context, instruments, clock, orderTimes);
    this.storeDir = storeDir;
    Instant now = clock.instant();
    for (LpSimConfig.SimulatedLp lp : config.lps()) {
      lps.put(lp.name(), new LpState(lp, instruments, config.seed(), now));
    }
  }

  /**
   * Starts the acceptor and each LP's tick timer. Fails when the FIX port cannot be bound; the
   * acceptor is then stopped again.
   */
  public Future<Void> start() {
    LpFixApplication application = new LpFixApplication(context, new SessionEvents(), this::refusesLogon, this::faultOn,
      orderTimes);
    return vertx.executeBlocking(() -> startAcceptor(application), false)
      .compose(started -> onContext(() -> {
        if (stopped) {
          return started;
        }
        acceptor = started;
        for (LpState lp : lps.values()) {
          lp.timerId = vertx.setPeriodic(lp.config.tickIntervalMs(), id -> tick(lp));
        }
        return null;
      }))
      .compose(orphan -> orphan == null ? Future.<Void>succeededFuture() : vertx.executeBlocking(() -> {
        // stop() ran while the acceptor was starting: it found nothing to stop, so stop it here.
        orphan.stop(true);
        return null;
      }, false).compose(v -> Future.failedFuture(new IllegalStateException("LP simulator stopped while starting"))));
  }

  private SocketAcceptor startAcceptor(LpFixApplication application) throws Exception {
    SocketAcceptor started = new SocketAcceptor(application, new SimStoreFactory(storeDir), AcceptorSettings.build(config),
      new FixLogFactory("com.rtx.lpsim.fix", FixLogFactory.Volume.STREAM), new quickfix.fix44.MessageFactory());
    try {
      started.start();
      return started;
    } catch (Exception e) {
      try {
        // Cancels the session timer and unregisters the sessions a failed start leaves behind.
        started.stop(true);
      } catch (RuntimeException cleanup) {
        // QuickFIX/J 2.3.2 stops a never-started message processor with a NullPointerException.
        e.addSuppressed(cleanup);
      }
      throw new IllegalStateException("LP simulator cannot accept FIX connections on " + config.fix().host() + ":"
        + config.fix().port() + " (lpsim.port): " + e.getMessage(), e);
    }
  }

  /**
   * Stops ticking, logs every session out (waiting for the counterparty's Logout up to its logout
   * timeout) and closes the listening socket. Safe to call twice and after a failed start.
   */
  public Future<Void> stop() {
    return onContext(() -> {
      stopped = true;
      stream.close();
      desk.close();
      for (LpState lp : lps.values()) {
        if (lp.timerId >= 0) {
          vertx.cancelTimer(lp.timerId);
          lp.timerId = -1;
        }
      }
      SocketAcceptor running = acceptor;
      acceptor = null;
      return running;
    }).compose(running -> running == null ? Future.<Void>succeededFuture() : vertx.executeBlocking(() -> {
      running.stop(false);
      return null;
    }, false));
  }

  /** Stops ({@code on}) or resumes quoting {@code symbol} on {@code lp}; the walk keeps moving meanwhile. */
  public Future<Void> stale(String lp, String symbol, boolean on) {
    return onContext(() -> {
      LpState state = lp(lp);
      instrument(symbol);
      state.stale(symbol, on);
      LOG.info("{} {} {}", lp, symbol, on ? "stale: no more quotes until resumed" : "resumed");
      return null;
    });
  }

  /**
   * Sends a quote {@code points} away from the last one, now. With {@code persist} false it is a
   * single outlier and the next tick continues the normal walk; with {@code persist} true the
   * LP's level moves by {@code points} for good (a real jump, confirmed by every later quote).
   */
  public Future<QuoteSent> spike(String lp, String symbol, long points, boolean persist) {
    return onContext(() -> {
      LpState state = quotable(lp, symbol);
      Quote last = state.lastSent(symbol).quote();
      Quote base = persist ? state.walk(symbol).current() : last;
      if (Math.min(base.bid(), base.ask()) + points <= 0) {
        throw new LpSimException(Reason.PRICE_OUT_OF_RANGE, "points", "a spike of " + points
          + " points would take " + symbol + " to zero or below");
      }
      Quote quote = persist ? state.walk(symbol).shift(points) : last.shift(points);
      LOG.info("{} {} spike of {} points{}", lp, symbol, points, persist ? " (persistent)" : "");
      return sendNow(state, symbol, quote);
    });
  }

  /** Sends one crossed quote (bid above ask) now; the next tick is normal again. */
  public Future<QuoteSent> crossed(String lp, String symbol) {
    return onContext(() -> {
      LpState state = quotable(lp, symbol);
      LOG.info("{} {} crossed quote", lp, symbol);
      return sendNow(state, symbol, state.lastSent(symbol).quote().crossed());
    });
  }

  /**
   * Drops the LP's connection without a Logout, as a network failure would; the counterparty has
   * to reconnect and subscribe again.
   */
  public Future<Void> disconnect(String lp) {
    return onContext(() -> {
      LpState state = lp(lp);
      if (!state.loggedOn()) {
        throw new LpSimException(Reason.NOT_LOGGED_ON, "lp", lp + " is not logged on");
      }
      LOG.info("{} dropping its session", lp);
      return state.session;
    }).compose(session -> vertx.executeBlocking(() -> {
      session.disconnect("dropped by the simulator's fault switch", false);
      return null;
    }, false));
  }

  /**
   * Drops the LP's trade session without a Logout; what the LP sends meanwhile waits in its store
   * for the counterparty's resend request.
   */
  public Future<Void> disconnectTrade(String lp) {
    return onContext(() -> {
      LpState state = lp(lp);
      if (!state.tradeLoggedOn()) {
        throw new LpSimException(Reason.NOT_LOGGED_ON, "lp", lp + "'s trade session is not logged on");
      }
      LOG.info("{} dropping its trade session", lp);
      return state.tradeSession;
    }).compose(session -> vertx.executeBlocking(() -> {
      session.disconnect("trade session dropped by the simulator's fault switch", false);
      return null;
    }, false));
  }

  /** Switches an order fault on; {@link #resumeOrders} switches them all off. */
  public Future<Void> orderFault(String lp, OrderFault fault) {
    return onContext(() -> {
      lp(lp).orderFaults.add(fault);
      LOG.info("{} order fault {} on", lp, fault.path());
      return null;
    });
  }

  /** Clears the LP's order faults and processes the requests a hang held back. */
  public Future<Void> resumeOrders(String lp) {
    return onContext(() -> {
      LpState state = lp(lp);
      LOG.info("{} order faults cleared; {} held request(s) processed now", lp, state.held.size());
      desk.resume(state);
      return null;
    });
  }

  /**
   * Adds {@code units} (signed) to the house's position in {@code symbol} at {@code lp} without a
   * trade: a difference the platform does not know of, for reconciliation tests.
   *
   * @return the position after the adjustment
   */
  public Future<java.math.BigDecimal> adjustPosition(String lp, String symbol, java.math.BigDecimal units) {
    return onContext(() -> {
      LpState state = lp(lp);
      instrument(symbol);
      state.position(symbol, units);
      java.math.BigDecimal now = state.positions.get(symbol);
      LOG.info("{} house position in {} adjusted by {} to {}", lp, symbol, units.toPlainString(), now.toPlainString());
      return now;
    });
  }

  /** The house's net positions at {@code lp} per symbol, in units. */
  public Future<Map<String, java.math.BigDecimal>> positions(String lp) {
    return onContext(() -> Map.copyOf(lp(lp).positions));
  }

  /** While on, the LP answers every Logon with a Logout "logon refused by simulator". */
  public Future<Void> refuseLogon(String lp, boolean refuse) {
    return onContext(() -> {
      lp(lp).refuseLogon.set(refuse);
      LOG.info("{} {} logons", lp, refuse ? "refuses" : "accepts");
      return null;
    });
  }

  /**
   * Clears the fault switches that stay on: stale symbols, refused logons, order faults (held
   * orders are processed then) and dialects. One-shot faults have
   * nothing to clear, and a persistent spike stays (it moved the LP's level, like a market jump).
   */
  public Future<List<LpStatus>> reset() {
    return onContext(() -> {
      for (LpState lp : lps.values()) {
        lp.clearStale();
        lp.refuseLogon.set(false);
        lp.dialect = SimDialect.PLATFORM;
        desk.resume(lp);
      }
      LOG.info("all fault switches cleared");
      return statusNow();
    });
  }

  /**
   * Makes {@code lp} speak {@code dialect} from now on (its symbol names, quote sizes in lots);
   * {@link SimDialect#PLATFORM} or {@link #reset} go back to the simulator's own names and units.
   */
  public Future<Void> dialect(String lp, SimDialect dialect) {
    return onContext(() -> {
      LpState state = lp(lp);
      for (String symbol : dialect.names().keySet()) {
        instrument(symbol);
      }
      state.dialect = dialect;
      LOG.info("{} speaks {}", lp, dialect);
      return null;
    });
  }

  /** {@code lp}'s dialect and the last NewOrderSingle it received, as it came on the wire. */
  Future<JsonObject> dialectStatus(String lp) {
    return onContext(() -> {
      LpState state = lp(lp);
      JsonObject json = new JsonObject().put("lp", lp).put("symbols", new JsonObject(new java.util.TreeMap<>(
          state.dialect.names()))).put("quantityUnit", state.dialect.lots() ? "LOTS" : "UNITS");
      if (state.lastOrder != null) {
        json.put("lastOrder", new JsonObject().put("clOrdId", state.lastOrder.clOrdId())
          .put("symbol", state.lastOrder.symbol()).put("qty", state.lastOrder.qty().toPlainString())
          .put("ordType", state.lastOrder.ordType() == quickfix.field.OrdType.LIMIT ? "LIMIT"
            : state.lastOrder.ordType() == quickfix.field.OrdType.MARKET ? "MARKET" : String.valueOf(state.lastOrder.ordType()))
          .put("price", state.lastOrder.price() == null ? null : state.lastOrder.price().toPlainString())
          .put("timeInForce", String.valueOf(state.lastOrder.tif())));
      }
      return json;
    });
  }

  /** A request as the LP's own names say, turned into the simulator's symbols (quantities stay as sent). */
  private static TradeRequest inSimulatorTerms(LpState lp, TradeRequest request) {
    SimDialect d = lp.dialect;
    if (request instanceof TradeRequest.NewOrder o) {
      lp.lastOrder = o;
      return new TradeRequest.NewOrder(o.clOrdId(), d.symbol(o.symbol()), o.side(), o.ordType(), o.qty(), o.price(),
        o.tif(), o.possDup());
    }
    if (request instanceof TradeRequest.Cancel c) {
      return new TradeRequest.Cancel(c.clOrdId(), c.origClOrdId(), d.symbol(c.symbol()), c.side(), c.possDup());
    }
    if (request instanceof TradeRequest.Status st) {
      return new TradeRequest.Status(st.clOrdId(), d.symbol(st.symbol()), st.side(), st.possDup());
    }
    return request; // RequestForPositions names no symbol; its reports are named on the way out

  }

  /** The simulator's own time per answered order, by ClOrdID (see {@link OrderTimes}). */
  JsonObject orderTimes() {
    return orderTimes.json();
  }

  public Future<List<LpStatus>> status() {
    return onContext(this::statusNow);
  }

  private List<LpStatus> statusNow() {
    List<LpStatus> all = new ArrayList<>();
    for (LpState lp : lps.values()) {
      all.add(new LpStatus(lp.name(), lp.loggedOn(), lp.subscriptions.symbols(), lp.staleSymbols(),
        lp.refuseLogon.get(), lp.ticksSent, lp.logons, lp.tradeLoggedOn(),
        lp.orderFaults.stream().map(OrderFault::path).collect(java.util.stream.Collectors.toSet()),
        lp.ordersReceived, lp.held.size()));
    }
    return all;
  }

  private void tick(LpState lp) {
    Instant now = clock.instant();
    for (SimInstrument instrument : instruments.all()) {
      String symbol = instrument.symbol();
      // The walk advances even while stale, so a resumed symbol comes back at the market's level.
      Quote quote = lp.walk(symbol).next();
      if (!lp.isStale(symbol)) {
        lp.sent(symbol, quote, now);
        stream.publish(lp, instrument, quote, now);
        desk.onQuote(lp, symbol);
      }
    }
  }

  private QuoteSent sendNow(LpState lp, String symbol, Quote quote) {
    SimInstrument instrument = instrument(symbol);
    Instant now = clock.instant();
    lp.sent(symbol, quote, now);
    int subscriptions = stream.publish(lp, instrument, quote, now);
    desk.onQuote(lp, symbol);
    return new QuoteSent(lp.name(), instrument, quote, subscriptions);
  }

  private boolean faultOn(String lp, OrderFault fault) {
    LpState state = lps.get(lp);
    return state != null && state.orderFaults.contains(fault);
  }

  private boolean refusesLogon(String lp) {
    LpState state = lps.get(lp);
    return state != null && state.refuseLogon.get();
  }

  private LpState quotable(String lp, String symbol) {
    LpState state = lp(lp);
    instrument(symbol);
    if (state.isStale(symbol)) {
      throw new LpSimException(Reason.SYMBOL_STALE, "symbol", symbol + " is stale on " + lp + "; resume it first");
    }
    return state;
  }

  private LpState lp(String name) {
    LpState state = lps.get(name);
    if (state == null) {
      throw new LpSimException(Reason.UNKNOWN_LP, "lp", "no simulated LP named " + name);
    }
    return state;
  }

  private SimInstrument instrument(String symbol) {
    return instruments.find(symbol)
      .orElseThrow(() -> new LpSimException(Reason.UNKNOWN_SYMBOL, "symbol", "the simulator does not quote " + symbol));
  }

  /** Runs {@code action} on the owning context (directly when already there) and completes with its result. */
  private <T> Future<T> onContext(Callable<T> action) {
    if (Vertx.currentContext() == context) {
      try {
        return Future.succeededFuture(action.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        promise.complete(action.call());
      } catch (Exception e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  /** QuickFIX/J session events, already moved onto the owning context by {@link LpFixApplication}. */
  private final class SessionEvents implements LpFixApplication.Listener {
    @Override
    public void onLogon(String lp, Session session) {
      LpState state = lps.get(lp);
      state.session = session;
      state.logons++;
      LOG.info("{} logged on (logon {})", lp, state.logons);
    }

    @Override
    public void onLogout(String lp) {
      LpState state = lps.get(lp);
      // Subscriptions belong to the session: a counterparty that comes back subscribes again.
      state.subscriptions.clear();
      LOG.info("{} logged out", lp);
    }

    @Override
    public void onMarketDataRequest(String lp, MdRequest request) {
      LpState state = lps.get(lp);
      stream.onMarketDataRequest(state, new MdRequest(request.mdReqId(), request.type(),
        request.symbols().stream().map(state.dialect::symbol).toList()));
    }

    @Override
    public void onTradeLogon(String lp, Session session) {
      lps.get(lp).tradeSession = session;
      LOG.info("{} trade session logged on", lp);
    }

    @Override
    public void onTradeLogout(String lp) {
      // The book stays: orders outlive the session, as at a real LP.
      LOG.info("{} trade session logged out", lp);
    }

    @Override
    public void onTradeRequest(String lp, TradeRequest request) {
      LpState state = lps.get(lp);
      desk.onRequest(state, inSimulatorTerms(state, request));
    }
  }
}
