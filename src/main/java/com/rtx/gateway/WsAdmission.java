package com.rtx.gateway;

import com.rtx.platform.http.ApiErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps WebSocket connections of one engine before the upgrade: at most {@code ws.max-connections}
 * in total (over capacity: 503 {@code WS_CAPACITY} with Retry-After) and at most
 * {@code ws.max-connections-per-ip} from one client address (429 {@code TOO_MANY_CONNECTIONS}),
 * each refusal counted in {@code rtx_ws_refused_total{reason="total"|"per-ip"}}. One instance per
 * Vert.x instance (a local shared-data map), so every gateway event loop counts against the same
 * caps; thread-safe.
 *
 * <p>A slot belongs to a TCP connection (peer host and port) from the upgrade request on, and is
 * freed when the WebSocket closes ({@link #closed}, from {@link WsEndpoint}), when the upgrade is
 * answered with anything but 101 (a refused token, a request that is no upgrade), or when the
 * connection closes before it became a WebSocket. The client address is the one
 * {@link ClientAddress} resolves: the TCP peer, or the forwarded client behind a trusted proxy
 * ({@code http.trusted-proxies}).
 */
final class WsAdmission implements Shareable, Handler<RoutingContext> {

  private static final String SHARED_MAP = "rtx.gateway";
  private static final String KEY = "ws-admission";

  private final int maxTotal;
  private final int maxPerAddress;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();
  /** Held slots: TCP connection (host:port) → client address. */
  private final ConcurrentHashMap<String, String> slots = new ConcurrentHashMap<>();
  private final Counter refusedTotal;
  private final Counter refusedPerAddress;
  private final ClientAddress clients;

  WsAdmission(int maxTotal, int maxPerAddress, MeterRegistry metrics, ClientAddress clients) {
    this.clients = clients;
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
    this.refusedTotal = refused(metrics, "total");
    this.refusedPerAddress = refused(metrics, "per-ip");
  }

  private static Counter refused(MeterRegistry metrics, String reason) {
    return Counter.builder("rtx.ws.refused").tag("reason", reason)
      .description("WebSocket upgrades refused over ws.max-connections (total) or ws.max-connections-per-ip")
      .register(metrics);
  }

  /** The engine's admission, created by the first gateway instance. */
  static WsAdmission shared(Vertx vertx, int maxTotal, int maxPerAddress, MeterRegistry metrics,
                            ClientAddress clients) {
    var map = vertx.sharedData().<String, WsAdmission>getLocalMap(SHARED_MAP);
    synchronized (WsAdmission.class) {
      WsAdmission existing = map.get(KEY);
      if (existing != null) {
        return existing;
      }
      WsAdmission created = new WsAdmission(maxTotal, maxPerAddress, metrics, clients);
      map.put(KEY, created);
      return created;
    }
  }

  /** Route handler in front of the upgrade: takes a slot or refuses. */
  @Override
  public void handle(RoutingContext rc) {
    SocketAddress peer = rc.request().remoteAddress();
    String address = clients.of(rc.request());
    String connection = connectionKey(peer);
    ApiError refusal = admit(connection, address);
    if (refusal != null) {
      // Answered here, not through the error handler: a refusal is expected under load, not an
      // error to log with its stack on every attempt.
      rc.response().setStatusCode(refusal.status()).putHeader("Content-Type", "application/json")
        .putHeader("Retry-After", "1").putHeader("Connection", "close").end(refusal.toJson().encode());
      return;
    }
    rc.request().connection().closeHandler(v -> release(connection));
    rc.addHeadersEndHandler(v -> {
      if (rc.response().getStatusCode() != 101) {
        release(connection);
      }
    });
    rc.next();
  }

  /** Null when admitted (the slot is held until {@link #release}), else the refusal. */
  ApiError admit(String connection, String address) {
    if (slots.containsKey(connection)) {
      return null;
    }
    boolean[] admitted = {false};
    perAddress.compute(address, (a, n) -> {
      int held = n == null ? 0 : n;
      if (held >= maxPerAddress) {
        return n;
      }
      admitted[0] = true;
      return held + 1;
    });
    if (!admitted[0]) {
      refusedPerAddress.increment();
      return ApiError.of(ApiErrorCode.TOO_MANY_CONNECTIONS, "at most " + maxPerAddress
        + " WebSocket connections per client address", null);
    }
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      decrement(address);
      refusedTotal.increment();
      return ApiError.of(ApiErrorCode.WS_CAPACITY, "this node holds its maximum of WebSocket connections; retry shortly",
        null);
    }
    slots.put(connection, address);
    return null;
  }

  /** Frees the connection's slot; idempotent. */
  void release(String connection) {
    String address = slots.remove(connection);
    if (address != null) {
      total.decrementAndGet();
      decrement(address);
    }
  }

  private void decrement(String address) {
    perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
  }

  /** Frees the slot of a WebSocket whose close the endpoint saw. */
  void closed(SocketAddress peer) {
    release(connectionKey(peer));
  }

  private static String connectionKey(SocketAddress peer) {
    return peer == null ? "unknown" : peer.hostAddress() + ":" + peer.port();
  }
}
