package com.rtx.gateway;

import io.vertx.core.http.ServerWebSocket;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WebSocket client: its subscriptions and its outgoing flow control. Quotes are written
 * straight through while fewer than {@code maxPendingWrites} writes are in flight; beyond that
 * the latest frame per symbol waits in a conflation map (bounded by the number of subscribed
 * symbols) and is written when the client catches up. So a slow reader costs at most one frame
 * per symbol, and gets the newest price rather than a backlog.
 *
 * <p>Not thread-safe: used only on the gateway verticle's event loop.
 */
final class WsConnection {

  private final ServerWebSocket socket;
  private final int maxPendingWrites;
  private final Set<String> symbols = new HashSet<>();
  private final Map<String, String> conflated = new LinkedHashMap<>();
  private int inFlight;
  private long conflatedSince = -1;
  private long lastSeen;
  private long conflatedTotal;
  private boolean closed;

  private final AtomicInteger pendingGauge;

  /** @param pendingGauge shared count of conflated frames over all connections (read by metrics) */
  WsConnection(ServerWebSocket socket, int maxPendingWrites, long now, AtomicInteger pendingGauge) {
    this.socket = socket;
    this.maxPendingWrites = maxPendingWrites;
    this.lastSeen = now;
    this.pendingGauge = pendingGauge;
    // Conflation can start with nothing in flight (the socket's own queue is full); the socket
    // then says when it can take more.
    socket.drainHandler(v -> drain());
  }

  Set<String> symbols() {
    return symbols;
  }

  void seen(long now) {
    lastSeen = now;
  }

  long lastSeen() {
    return lastSeen;
  }

  /** Control messages (acks, errors, pongs) are never conflated. */
  void sendControl(String frame) {
    write(frame);
  }

  /** A quote frame: written now, or conflated with the newer one of the same symbol. */
  void offerQuote(String symbol, String frame, long now) {
    if (closed) {
      return;
    }
    if (inFlight < maxPendingWrites && conflated.isEmpty() && !socket.writeQueueFull()) {
      write(frame);
      return;
    }
    if (conflated.put(symbol, frame) != null) {
      conflatedTotal++;
    } else {
      pendingGauge.incrementAndGet();
    }
    if (conflatedSince < 0) {
      conflatedSince = now;
    }
  }

  private void write(String frame) {
    inFlight++;
    socket.writeTextMessage(frame).onComplete(done -> {
      inFlight--;
      drain();
    });
  }

  /** Writes conflated frames while the client keeps up. */
  private void drain() {
    if (closed || conflated.isEmpty() || inFlight > maxPendingWrites / 2 || socket.writeQueueFull()) {
      return;
    }
    var it = conflated.entrySet().iterator();
    while (it.hasNext() && inFlight < maxPendingWrites) {
      String frame = it.next().getValue();
      it.remove();
      pendingGauge.decrementAndGet();
      write(frame);
    }
    if (conflated.isEmpty()) {
      conflatedSince = -1;
    }
  }

  /** True when quotes have waited in the conflation map since before {@code now - stuckMs}. */
  boolean stuck(long now, long stuckMs) {
    return conflatedSince >= 0 && now - conflatedSince > stuckMs;
  }

  int conflatedPending() {
    return conflated.size();
  }

  long conflatedTotal() {
    return conflatedTotal;
  }

  void close(short code, String reason) {
    if (!closed) {
      closed = true;
      pendingGauge.addAndGet(-conflated.size());
      conflated.clear();
      socket.close(code, reason);
    }
  }

  boolean isClosed() {
    return closed;
  }

  ServerWebSocket socket() {
    return socket;
  }
}
