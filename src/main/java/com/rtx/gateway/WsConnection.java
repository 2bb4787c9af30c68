package com.rtx.gateway;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.http.ServerWebSocket;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WebSocket client: its subscriptions and its outgoing flow control. Quotes are written
 * straight through while the socket's write queue is below {@code ws.write-queue-bytes}; beyond
 * that the latest frame per symbol waits in a conflation map (bounded by the number of subscribed
 * symbols) and is written when the socket drains. So a slow reader costs at most one frame per
 * symbol plus one write queue, and gets the newest price rather than a backlog. Writes carry no
 * per-message callback: the socket's own writability is the only signal, which keeps the fan-out
 * cheap at hundreds of thousands of frames per second.
 *
 * <p>Not thread-safe: used only on its gateway instance's event loop.
 */
final class WsConnection {

  private final ServerWebSocket socket;
  private final Set<String> symbols = new HashSet<>();
  private final Map<String, String> conflated = new LinkedHashMap<>();
  private final AtomicInteger pendingGauge;
  private final Counter conflatedCounter;
  private long conflatedSince = -1;
  private long lastSeen;
  private boolean closed;

  WsConnection(ServerWebSocket socket, int writeQueueBytes, long now, GatewayMetrics metrics) {
    this.socket = socket;
    this.lastSeen = now;
    this.pendingGauge = metrics.conflationPending;
    this.conflatedCounter = metrics.conflated;
    socket.setWriteQueueMaxSize(writeQueueBytes);
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
    if (!closed) {
      socket.writeTextMessage(frame);
    }
  }

  /** A quote frame: written now, or conflated with the newer one of the same symbol. */
  void offerQuote(String symbol, String frame, long now) {
    if (closed) {
      return;
    }
    if (conflated.isEmpty() && !socket.writeQueueFull()) {
      socket.writeTextMessage(frame);
      return;
    }
    if (conflated.put(symbol, frame) != null) {
      conflatedCounter.increment();
    } else {
      pendingGauge.incrementAndGet();
    }
    if (conflatedSince < 0) {
      conflatedSince = now;
    }
  }

  /** Writes conflated frames while the socket takes them (called when it drains). */
  private void drain() {
    var it = conflated.entrySet().iterator();
    while (!closed && it.hasNext() && !socket.writeQueueFull()) {
      String frame = it.next().getValue();
      it.remove();
      pendingGauge.decrementAndGet();
      socket.writeTextMessage(frame);
    }
    if (conflated.isEmpty()) {
      conflatedSince = -1;
    }
  }

  /** True when quotes have waited in the conflation map since before {@code now - stuckMs}. */
  boolean stuck(long now, long stuckMs) {
    return conflatedSince >= 0 && now - conflatedSince > stuckMs;
  }

  void close(short code, String reason) {
    if (!closed) {
      closed = true;
      pendingGauge.addAndGet(-conflated.size());
      conflated.clear();
      socket.close(code, reason);
    }
  }

  ServerWebSocket socket() {
    return socket;
  }
}
