package com.rtx.lpsim;

import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's own time per order, for the A-Book benchmark (scripts/bench/abook): from the
 * moment QuickFIX/J hands it a NewOrderSingle ({@link #received}, on the QuickFIX/J thread) to the
 * moment its final report (filled, rejected or cancelled) has been handed to the trade session
 * ({@link #answered}, on the simulator's context), including any configured order latency. A
 * client's round trip minus this time is what everything but the LP added. The last
 * {@value #KEPT} answered orders are kept, by ClOrdID; orders never answered are dropped when the
 * map of pending ones grows past that too.
 */
final class OrderTimes {

  static final int KEPT = 200_000;

  private record Answered(String clOrdId, long micros) {
  }

  private final Map<String, Long> pending = new ConcurrentHashMap<>();
  private final Deque<Answered> answered = new ArrayDeque<>();

  /** A NewOrderSingle {@code clOrdId} arrived (any thread). */
  void received(String clOrdId, long nanos) {
    if (pending.size() >= KEPT) {
      pending.clear();
    }
    pending.put(clOrdId, nanos);
  }

  /** The final report of {@code clOrdId} was handed to the session (simulator's context). */
  void answered(String clOrdId, long nanos) {
    Long start = pending.remove(clOrdId);
    if (start == null) {
      return;
    }
    synchronized (answered) {
      if (answered.size() >= KEPT) {
        answered.removeFirst();
      }
      answered.addLast(new Answered(clOrdId, (nanos - start) / 1_000));
    }
  }

  /** {"orders": {ClOrdID: microseconds, ...}} for the orders kept, oldest first. */
  JsonObject json() {
    JsonObject orders = new JsonObject();
    synchronized (answered) {
      answered.forEach(a -> orders.put(a.clOrdId(), a.micros()));
    }
    return new JsonObject().put("orders", orders);
  }
}
