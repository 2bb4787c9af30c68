package com.rtx.lpsim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The live market data subscriptions of one FIX session: MDReqID (262) to the symbols it asked
 * for. A session's subscriptions end with the session (a counterparty that reconnects subscribes
 * again, as with a real LP).
 *
 * <p>Not thread-safe: owned by the simulator's event loop.
 */
final class Subscriptions {

  private final Map<String, List<String>> byRequestId = new LinkedHashMap<>();

  /** Adds a subscription; false (and nothing changes) when {@code mdReqId} is already live. */
  boolean add(String mdReqId, List<String> symbols) {
    return byRequestId.putIfAbsent(mdReqId, List.copyOf(symbols)) == null;
  }

  /** Ends a subscription; false when {@code mdReqId} was not live. */
  boolean remove(String mdReqId) {
    return byRequestId.remove(mdReqId) != null;
  }

  void clear() {
    byRequestId.clear();
  }

  /** The MDReqIDs that receive updates of {@code symbol}, in subscription order. */
  List<String> requestsFor(String symbol) {
    List<String> ids = new ArrayList<>(1);
    byRequestId.forEach((id, symbols) -> {
      if (symbols.contains(symbol)) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** Every symbol some subscription asked for, sorted. */
  Set<String> symbols() {
    Set<String> all = new TreeSet<>();
    byRequestId.values().forEach(all::addAll);
    return all;
  }

  boolean isEmpty() {
    return byRequestId.isEmpty();
  }
}
