package com.rtx.lpsim;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Message;
import quickfix.field.ExecType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdType;
import quickfix.field.Side;
import quickfix.field.TimeInForce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The trading side of every simulated LP: books NewOrderSingles and answers them with
 * ExecutionReports at the LP's own last quote (a buy at its ask, a sell at its bid), after last
 * look ({@code reject-probability}), with partial fills ({@code partial-fill-probability}) and
 * adverse slippage of up to {@code slippage-points}; limit orders fill only when marketable, else
 * rest (DAY, GTC) until a quote reaches them or are cancelled (IOC, FOK); previously quoted orders
 * (40=D) trade only against a quote id the LP issued recently for that symbol, side and price
 * ({@link IssuedQuotes}), at that price, and are rejected "quote expired" otherwise. Answers
 * cancels and status requests from the book. The {@link OrderFault} switches bend all of this.
 *
 * <p>An order executes the moment it arrives; its reports leave {@code order-latency-ms} later.
 * ExecIDs and OrderIDs carry the simulator's start time, so they stay unique across restarts.
 *
 * <p>Not thread-safe: runs on the simulator's event-loop context only. Reports are handed to the
 * trade session there; one sent while the session is down is kept in its store and resent when
 * the counterparty asks after reconnecting.
 */
final class OrderDesk {

  private static final Logger LOG = LoggerFactory.getLogger(OrderDesk.class);
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  /** The Text of the reject of a previously quoted order whose quote the LP no longer honours. */
  static final String QUOTE_EXPIRED = "quote expired";

  /** How long after its acknowledgement a silent-fill order fills (after its shard's first status request). */
  static final long SILENT_FILL_MS = 2000;

  private final Vertx vertx;
  private final Context context;
  private final SimInstruments instruments;
  private final Clock clock;
  private final String idPrefix;
  private long execSeq;
  private long orderSeq;
  private boolean closed;
  private final OrderTimes orderTimes;

  OrderDesk(Vertx vertx, Context context, SimInstruments instruments, Clock clock, OrderTimes orderTimes) {
    this.orderTimes = orderTimes;
    this.vertx = vertx;
    this.context = context;
    this.instruments = instruments;
    this.clock = clock;
    this.idPrefix = Long.toString(clock.millis(), 36);
  }

  void onRequest(LpState lp, TradeRequest request) {
    if (request instanceof TradeRequest.NewOrder) {
      lp.ordersReceived++;
    }
    if (lp.orderFaults.contains(OrderFault.HANG)) {
      lp.held.add(request);
      return;
    }
    process(lp, request);
  }

  /** Clears the LP's order faults, then processes what a hang held back, in arrival order. */
  void resume(LpState lp) {
    lp.orderFaults.clear();
    while (!lp.held.isEmpty()) {
      process(lp, lp.held.poll());
    }
  }

  /** A new quote of {@code symbol} on {@code lp}: fills the resting limit orders it reaches. */
  void onQuote(LpState lp, String symbol) {
    if (lp.resting.isEmpty()) {
      return;
    }
    for (Iterator<SimOrder> it = lp.resting.iterator(); it.hasNext(); ) {
      SimOrder order = it.next();
      if (!order.isOpen()) {
        it.remove();
      } else if (order.instrument.symbol().equals(symbol) && marketable(lp, order)) {
        List<Message> reports = new ArrayList<>();
        execute(lp, order, reports);
        it.remove();
        deliver(lp, reports, false);
      }
    }
  }

  /** Nothing is sent after this. */
  void close() {
    closed = true;
  }

  private void process(LpState lp, TradeRequest request) {
    if (request instanceof TradeRequest.NewOrder order) {
      newOrder(lp, order);
    } else if (request instanceof TradeRequest.Cancel cancel) {
      cancel(lp, cancel);
    } else if (request instanceof TradeRequest.Status status) {
      status(lp, status);
    } else if (request instanceof TradeRequest.Positions positions) {
      positions(lp, positions);
    }
  }

  /**
   * Answers a RequestForPositions: a RequestForPositionsAck announcing one PositionReport per symbol
   * the house holds (net, non-zero), then those reports.
   */
  private void positions(LpState lp, TradeRequest.Positions request) {
    Instant now = clock.instant();
    List<java.util.Map.Entry<String, BigDecimal>> held = lp.positions.entrySet().stream()
      .filter(e -> e.getValue().signum() != 0).toList();
    List<Message> answers = new ArrayList<>();
    answers.add(TradeMessages.positionsAck(request.clOrdId(), lp.name() + "-P" + idPrefix + "-" + (++execSeq),
      held.size(), now));
    for (var position : held) {
      answers.add(TradeMessages.positionReport(request.clOrdId(), lp.name() + "-P" + idPrefix + "-" + (++execSeq),
        held.size(), position.getKey(), position.getValue(), now));
    }
    deliver(lp, answers, false);
  }

  private void newOrder(LpState lp, TradeRequest.NewOrder request) {
    Instant now = clock.instant();
    if (lp.orders.containsKey(request.clOrdId())) {
      if (!request.possDup()) {
        deliver(lp, List.of(TradeMessages.unbooked(request.clOrdId(), request.symbol(), request.side(), nextExecId(lp),
          ExecType.REJECTED, request.qty(), OrdRejReason.DUPLICATE_ORDER, "duplicate ClOrdID", now)), false);
      }
      // A resent order the LP already has is answered by nothing: its reports went out the first time.
      return;
    }
    String refusal = refusal(lp, request);
    if (refusal != null) {
      int reason = instruments.find(request.symbol()).isEmpty() ? OrdRejReason.UNKNOWN_SYMBOL : OrdRejReason.OTHER;
      deliver(lp, List.of(TradeMessages.unbooked(request.clOrdId(), request.symbol(), request.side(), nextExecId(lp),
        ExecType.REJECTED, request.qty(), reason, refusal, now)), false);
      return;
    }
    SimOrder order = new SimOrder(lp.name() + "-O" + idPrefix + "-" + (++orderSeq), request,
      instruments.find(request.symbol()).orElseThrow());
    lp.orders.put(order.clOrdId, order);
    List<Message> reports = new ArrayList<>();
    if (chance(lp, lp.config.rejectProbability())) {
      order.reject();
      reports.add(TradeMessages.report(order, nextExecId(lp), ExecType.REJECTED, null, 0, "last look: price moved", now));
    } else {
      reports.add(TradeMessages.report(order, nextExecId(lp), ExecType.NEW, null, 0, null, now));
      if (lp.orderFaults.remove(OrderFault.SILENT_FILL)) {
        LOG.info("{} fills order {} in {} ms without a report (silent-fill)", lp.name(), order.clOrdId, SILENT_FILL_MS);
        vertx.setTimer(SILENT_FILL_MS, id -> {
          if (order.isOpen()) {
            execute(lp, order, new ArrayList<>()); // the book moves; the reports are lost
          }
        });
      } else if (marketable(lp, order)) {
        execute(lp, order, reports);
      } else if (order.tif == TimeInForce.IMMEDIATE_OR_CANCEL || order.tif == TimeInForce.FILL_OR_KILL) {
        order.cancel();
        reports.add(TradeMessages.report(order, nextExecId(lp), ExecType.CANCELED, null, 0, "limit not marketable", now));
      } else {
        lp.resting.add(order);
      }
    }
    boolean drop = lp.orderFaults.remove(OrderFault.DISCONNECT_MID_ORDER);
    deliver(lp, reports, drop);
  }

  /** Why the LP refuses the order at the door, or null when it books it. */
  private String refusal(LpState lp, TradeRequest.NewOrder request) {
    if (lp.orderFaults.contains(OrderFault.REJECT_ALL)) {
      return "rejected by simulator (reject-all)";
    }
    var instrument = instruments.find(request.symbol());
    if (instrument.isEmpty()) {
      return "unknown symbol " + request.symbol();
    }
    if (lp.isStale(request.symbol())) {
      return "no price for " + request.symbol();
    }
    if (request.qty().signum() <= 0) {
      return "OrderQty must be positive";
    }
    if (request.side() != Side.BUY && request.side() != Side.SELL) {
      return "Side must be 1 (buy) or 2 (sell)";
    }
    boolean quoted = request.ordType() == OrdType.PREVIOUSLY_QUOTED;
    if (request.ordType() != OrdType.MARKET && request.ordType() != OrdType.LIMIT && !quoted) {
      return "only market, limit and previously quoted orders";
    }
    if ((request.ordType() == OrdType.LIMIT || quoted) && (request.price() == null || request.price().signum() <= 0
      || request.price().stripTrailingZeros().scale() > instrument.get().digits())) {
      return "a limit order needs a positive Price with at most " + instrument.get().digits() + " decimals";
    }
    char tif = request.tif();
    if (tif != TimeInForce.DAY && tif != TimeInForce.GOOD_TILL_CANCEL && tif != TimeInForce.IMMEDIATE_OR_CANCEL
      && tif != TimeInForce.FILL_OR_KILL) {
      return "TimeInForce must be DAY, GTC, IOC or FOK";
    }
    if (quoted && !lp.quoteIds.honours(request.quoteId(), request.symbol(), request.side() == Side.BUY,
      instrument.get().units(request.price()), clock.instant())) {
      // Unknown, too old, or not this symbol, side and price: LPs say the one thing.
      LOG.debug("{} refuses 40=D {} against quote {} at {}", lp.name(), request.clOrdId(), request.quoteId(),
        request.price());
      return QUOTE_EXPIRED;
    }
    return null;
  }

  private boolean marketable(LpState lp, SimOrder order) {
    if (!order.isLimit()) {
      return true;
    }
    Quote quote = lp.lastSent(order.instrument.symbol()).quote();
    return order.isBuy() ? quote.ask() <= order.limit : quote.bid() >= order.limit;
  }

  /** Fills a marketable order: whole, or in two parts, or part then cancel (IOC), or killed (FOK). */
  private void execute(LpState lp, SimOrder order, List<Message> reports) {
    Instant now = clock.instant();
    BigDecimal leaves = order.leavesQty();
    BigDecimal half = leaves.divide(TWO, 0, RoundingMode.DOWN);
    if (half.signum() > 0 && chance(lp, lp.config.partialFillProbability())) {
      if (order.tif == TimeInForce.FILL_OR_KILL) {
        order.cancel();
        reports.add(TradeMessages.report(order, nextExecId(lp), ExecType.CANCELED, null, 0,
          "FOK: only part of the quantity available", now));
        return;
      }
      fill(lp, order, half, reports, now);
      if (order.tif == TimeInForce.IMMEDIATE_OR_CANCEL) {
        order.cancel();
        reports.add(TradeMessages.report(order, nextExecId(lp), ExecType.CANCELED, null, 0,
          "IOC: rest not available", now));
        return;
      }
    }
    BigDecimal last = order.leavesQty();
    if (lp.orderFaults.remove(OrderFault.OVERFILL)) {
      last = last.add(order.qty);
      LOG.info("{} overfills order {}: {} more than asked (overfill)", lp.name(), order.clOrdId, order.qty);
    }
    fill(lp, order, last, reports, now);
  }

  private void fill(LpState lp, SimOrder order, BigDecimal qty, List<Message> reports, Instant now) {
    Quote quote = lp.lastSent(order.instrument.symbol()).quote();
    long slip = lp.config.slippagePoints() == 0 ? 0 : lp.random.nextInt((int) Math.min(lp.config.slippagePoints(),
      Integer.MAX_VALUE - 1) + 1);
    long price = order.isBuy() ? quote.ask() + slip : Math.max(1, quote.bid() - slip);
    if (order.isQuoted()) {
      price = order.limit; // the price of the quote it named, whatever the market did since
    } else if (order.isLimit()) {
      // Slippage never takes a limit order beyond its limit.
      price = order.isBuy() ? Math.min(price, order.limit) : Math.max(price, order.limit);
    }
    order.fill(qty, price);
    lp.position(order.instrument.symbol(), order.isBuy() ? qty : qty.negate());
    reports.add(TradeMessages.report(order, nextExecId(lp), ExecType.TRADE, qty, price, null, now));
  }

  private void cancel(LpState lp, TradeRequest.Cancel request) {
    SimOrder order = lp.orders.get(request.origClOrdId());
    if (order == null || !order.isOpen()) {
      deliver(lp, List.of(TradeMessages.cancelReject(request, order,
        order == null ? "unknown order " + request.origClOrdId() : "order is no longer open")), false);
      return;
    }
    order.cancel();
    order.lastClOrdId = request.clOrdId();
    lp.orders.put(request.clOrdId(), order);
    lp.resting.remove(order);
    deliver(lp, List.of(TradeMessages.report(order, nextExecId(lp), ExecType.CANCELED, null, 0, null,
      clock.instant())), false);
  }

  private void status(LpState lp, TradeRequest.Status request) {
    SimOrder order = lp.orders.get(request.clOrdId());
    Message report = order == null
      ? TradeMessages.unbooked(request.clOrdId(), request.symbol(), request.side(), nextExecId(lp), ExecType.ORDER_STATUS,
        null, OrdRejReason.UNKNOWN_ORDER, "unknown order", clock.instant())
      : TradeMessages.report(order, nextExecId(lp), ExecType.ORDER_STATUS, null, 0, null, clock.instant());
    deliver(lp, List.of(report), false);
  }

  /**
   * Sends {@code reports} after the LP's order latency, bent by the switches that are on now:
   * reversed (out-of-order), each followed by a PossDup copy (duplicate-reports), or, with
   * {@code dropFirst}, only after the session has been dropped, so they wait in its store.
   */
  private void deliver(LpState lp, List<Message> reports, boolean dropFirst) {
    List<Message> ordered = new ArrayList<>(reports);
    if (lp.orderFaults.contains(OrderFault.OUT_OF_ORDER)) {
      Collections.reverse(ordered);
    }
    boolean duplicate = lp.orderFaults.contains(OrderFault.DUPLICATE_REPORTS);
    Runnable send = () -> {
      for (Message report : ordered) {
        Message copy = duplicate ? (Message) report.clone() : null;
        transmit(lp, report, false);
        if (copy != null) {
          transmit(lp, copy, true);
        }
      }
    };
    Runnable afterLatency = dropFirst ? () -> dropThen(lp, send) : send;
    long latency = lp.config.orderLatencyMs();
    if (latency > 0) {
      vertx.setTimer(latency, id -> afterLatency.run());
    } else {
      afterLatency.run();
    }
  }

  private void dropThen(LpState lp, Runnable send) {
    quickfix.Session session = lp.tradeSession;
    LOG.info("{} dropping its trade session mid-order (disconnect-mid-order)", lp.name());
    vertx.executeBlocking(() -> {
      session.disconnect("dropped mid-order by the simulator's fault switch", false);
      return null;
    }, false).onComplete(done -> context.runOnContext(v -> send.run()));
  }

  private void transmit(LpState lp, Message report, boolean possDup) {
    if (closed || lp.tradeSession == null) {
      return;
    }
    if (possDup) {
      LpFixApplication.POSS_DUP.set(report);
    }
    lp.dialect.rename(report);
    try {
      // False when the session is down: the report is still stored under its sequence number and
      // goes out when the counterparty asks for a resend after reconnecting.
      lp.tradeSession.send(report);
      if (!possDup && report instanceof quickfix.fix44.ExecutionReport && finalStatus(report)) {
        orderTimes.answered(report.getString(quickfix.field.ClOrdID.FIELD), System.nanoTime());
      }
    } catch (quickfix.FieldNotFound e) {
      throw new IllegalStateException("an ExecutionReport without ClOrdID or OrdStatus", e);
    } finally {
      LpFixApplication.POSS_DUP.remove();
    }
  }

  private static boolean finalStatus(Message report) throws quickfix.FieldNotFound {
    char status = report.getChar(quickfix.field.OrdStatus.FIELD);
    return status == quickfix.field.OrdStatus.FILLED || status == quickfix.field.OrdStatus.REJECTED
      || status == quickfix.field.OrdStatus.CANCELED;
  }

  private String nextExecId(LpState lp) {
    return lp.name() + "-E" + idPrefix + "-" + (++execSeq);
  }

  private static boolean chance(LpState lp, BigDecimal probability) {
    // A probability, not money: a double is the right tool here.
    return probability.signum() > 0 && lp.random.nextDouble() < probability.doubleValue();
  }
}
