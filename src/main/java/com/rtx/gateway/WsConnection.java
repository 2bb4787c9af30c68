package com.rtx.gateway;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.http.ServerWebSocket;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WebSocket client: its subscriptions, its session ({@link WsSession}) and its outgoing flow
 * control. Frames are of two kinds:
 * <ul>
 *   <li>Conflatable (quotes, account summaries: only the newest matters): written straight through
 *       while the socket's write queue is below {@code ws.write-queue-bytes}; beyond that the latest
 *       frame per key waits in a conflation map (bounded by the number of subscriptions) and is
 *       written when the socket drains. So a slow reader costs at most one frame per key plus one
 *       write queue, and gets the newest price rather than a backlog.</li>
 *   <li>Events (account events, snapshots): never conflated or dropped. They are queued even past
 *       the write-queue limit; a reader that lets more than {@link #MAX_EVENT_BACKLOG} of them pile up
 *       is closed with 1008 at once, so a client either sees every event or knows it must
 *       reconnect and take a fresh snapshot.</li>
 * </ul>
 * Writes carry no per-message callback: the socket's own writability is the only signal, which
 * keeps the fan-out cheap at hundreds of thousands of frames per second.
 *
 * <p>Not thread-safe: used only on its gateway instance's event loop.
 */
final class WsConnection {

  /** Event frames queued beyond the write-queue limit before the reader counts as unable to keep up. */
  static final int MAX_EVENT_BACKLOG = 1024;

  private final ServerWebSocket socket;
  private final Set<String> symbols = new HashSet<>();
  private final Map<String, String> conflated = new LinkedHashMap<>();
  private final WsSession session = new WsSession();
  private final AtomicInteger pendingGauge;
  private final Counter conflatedCounter;
  private final Counter disconnectedSlow;
  private long conflatedSince = -1;
  private long backlogSince = -1;
  private int eventBacklog;
  private long lastSeen;
  private boolean closed;

  WsConnection(ServerWebSocket socket, int writeQueueBytes, long now, GatewayMetrics metrics) {
    this.socket = socket;
    this.lastSeen = now;
    this.pendingGauge = metrics.conflationPending;
    this.conflatedCounter = metrics.conflated;
    this.disconnectedSlow = metrics.disconnectedSlow;
    socket.setWriteQueueMaxSize(writeQueueBytes);
    socket.drainHandler(v -> drain());
  }

  Set<String> symbols() {
    return symbols;
  }

  WsSession session() {
    return session;
  }

  void seen(long now) {
    lastSeen = now;
  }

  long lastSeen() {
    return lastSeen;
  }

  boolean closed() {
    return closed;
  }

  /** Control messages (acks, errors, pongs) are never conflated. */
  void sendControl(String frame) {
    if (!closed) {
      socket.writeTextMessage(frame);
    }
  }

  /**
   * An account event or snapshot: always written (never conflated, never dropped). When the reader
   * has let {@link #MAX_EVENT_BACKLOG} of them queue past the write-queue limit, the connection is
   * closed with 1008 instead.
   */
  void sendEvent(String frame, long now) {
    if (closed) {
      return;
    }
    if (socket.writeQueueFull()) {
      if (backlogSince < 0) {
        backlogSince = now;
      }
      if (++eventBacklog > MAX_EVENT_BACKLOG) {
        disconnectedSlow.increment();
        close(WsEndpoint.POLICY_VIOLATION, "slow consumer: more than " + MAX_EVENT_BACKLOG
          + " account events waiting; reconnect and resubscribe");
        return;
      }
    }
    socket.writeTextMessage(frame);
  }

  /** A quote frame: written now, or conflated with the newer one of the same symbol. */
  void offerQuote(String symbol, String frame, long now) {
    offerLatest(symbol, frame, now);
  }

  /**
   * A frame of which only the newest per {@code key} matters (a symbol's quote, an account's
   * summary): written now, or conflated with the newer one of the same key.
   */
  void offerLatest(String key, String frame, long now) {
    if (closed) {
      return;
    }
    if (conflated.isEmpty() && !socket.writeQueueFull()) {
      socket.writeTextMessage(frame);
      return;
    }
    if (conflated.put(key, frame) != null) {
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
    backlogSince = -1;
    eventBacklog = 0;
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

  /**
   * True when conflated frames, or events queued past the write-queue limit, have waited since
   * before {@code now - stuckMs}.
   */
  boolean stuck(long now, long stuckMs) {
    return conflatedSince >= 0 && now - conflatedSince > stuckMs
      || backlogSince >= 0 && now - backlogSince > stuckMs;
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
