package com.rtx.lpsim;

import com.rtx.lpsim.LpState.Published;
import com.rtx.lpsim.MarketDataMessages.MdRequest;
import com.rtx.lpsim.MarketDataMessages.RequestType;
import io.vertx.core.Vertx;
import quickfix.Message;
import quickfix.field.MDReqRejReason;

import java.util.ArrayList;
import java.util.List;

/**
 * The market data side of every simulated LP's FIX session: answers MarketDataRequests (35=V)
 * with snapshots or rejects, keeps the subscriptions, and streams each quote to the
 * subscriptions of its symbol, {@code latency-ms} late.
 *
 * <p>Not thread-safe: runs on the simulator's event-loop context only. Messages are handed to
 * {@code Session.send} there, in the order they were produced; delayed ones by one-shot timers of
 * the LP's (constant) latency, which fire in the order they were set.
 */
final class QuoteStream {

  private final Vertx vertx;
  private final SimInstruments instruments;
  private boolean closed;

  QuoteStream(Vertx vertx, SimInstruments instruments) {
    this.vertx = vertx;
    this.instruments = instruments;
  }

  /**
   * Sends {@code published} (the LP's quote just recorded, with its quote ids if it stamps them) as
   * an incremental refresh to every subscription of its symbol; returns how many.
   */
  int publish(LpState lp, SimInstrument instrument, Published published) {
    List<String> requests = lp.subscriptions.requestsFor(instrument.symbol());
    for (String mdReqId : requests) {
      send(lp, MarketDataMessages.incremental(mdReqId, instrument, published.quote(), published.at(), lp.dialect,
        published.bidQuoteId(), published.askQuoteId()), true);
    }
    return requests.size();
  }

  /**
   * Snapshot (0), subscribe (1) or unsubscribe (2). A request naming any unknown symbol is
   * rejected as a whole (281=0); a second live subscription with the same MDReqID is rejected
   * (281=1); unsubscribing an MDReqID that is not live is rejected without a reason code (none
   * fits). Otherwise each symbol gets a snapshot of the LP's last quote, then (when subscribed)
   * every later quote.
   */
  void onMarketDataRequest(LpState lp, MdRequest request) {
    String id = request.mdReqId();
    if (request.type() == RequestType.UNSUBSCRIBE) {
      if (!lp.subscriptions.remove(id)) {
        send(lp, MarketDataMessages.reject(id, null, "no live subscription with MDReqID " + id), false);
      }
      return;
    }
    List<SimInstrument> requested = new ArrayList<>();
    for (String symbol : request.symbols()) {
      var instrument = instruments.find(symbol);
      if (instrument.isEmpty()) {
        send(lp, MarketDataMessages.reject(id, MDReqRejReason.UNKNOWN_SYMBOL, "unknown symbol " + symbol), false);
        return;
      }
      requested.add(instrument.get());
    }
    if (requested.isEmpty()) {
      send(lp, MarketDataMessages.reject(id, null, "no symbol requested"), false);
      return;
    }
    if (request.type() == RequestType.SUBSCRIBE && !lp.subscriptions.add(id, request.symbols())) {
      send(lp, MarketDataMessages.reject(id, MDReqRejReason.DUPLICATE_MDREQID, "MDReqID " + id
        + " is already subscribed"), false);
      return;
    }
    for (SimInstrument instrument : requested) {
      Published last = lp.lastSent(instrument.symbol());
      send(lp, MarketDataMessages.snapshot(id, instrument, last.quote(), last.at(), lp.dialect, last.bidQuoteId(),
        last.askQuoteId()), false);
    }
  }

  /** Drops whatever is still waiting for its latency; nothing is sent after this. */
  void close() {
    closed = true;
  }

  /**
   * Hands {@code message} to the LP's session after the LP's latency. Snapshots and rejects take
   * the same path as quotes, so they cannot overtake quotes produced before them.
   */
  private void send(LpState lp, Message message, boolean incremental) {
    long epoch = lp.logons;
    long latency = lp.config.latencyMs();
    if (latency > 0) {
      vertx.setTimer(latency, id -> transmit(lp, message, incremental, epoch));
    } else {
      transmit(lp, message, incremental, epoch);
    }
  }

  private void transmit(LpState lp, Message message, boolean incremental, long epoch) {
    // A message delayed across a reconnect belonged to the old session's subscriptions: drop it.
    if (closed || lp.logons != epoch || !lp.loggedOn()) {
      return;
    }
    if (lp.session.send(message) && incremental) {
      lp.ticksSent++;
    }
  }
}
