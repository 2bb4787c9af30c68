package com.rtx.gateway;

import com.rtx.auth.SessionRevocations;
import com.rtx.bus.Addresses;
import com.rtx.bus.SessionsRevoked;
import com.rtx.platform.config.WsConfig;
import com.rtx.core.trading.RejectReason;
import com.rtx.platform.http.ApiErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code /ws} endpoint: protocol handling (see {@link WsMessages}), limits, heartbeats, idle
 * and stuck-reader disconnection. Quote fan-out and conflation are {@link QuoteHub} and
 * {@link WsConnection}; authentication and the account channel are {@link WsAccountChannel}.
 *
 * <p>Not thread-safe: runs on the gateway verticle's event loop.
 */
final class WsEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(WsEndpoint.class);
  /** WebSocket close code for a policy violation (slow reader, idle, session ended). */
  static final short POLICY_VIOLATION = 1008;

  private final Vertx vertx;
  private final Clock clock;
  private final WsConfig limits;
  private final QuoteHub hub;
  private final WsAccountChannel accounts;
  private final Set<WsConnection> connections = new HashSet<>();
  private final Counter disconnectedSlow;
  private final GatewayMetrics meters;
  private final java.util.concurrent.atomic.AtomicInteger connectionCount;
  private final SessionRevocations revocations;
  private final WsAdmission admission;
  private MessageConsumer<JsonObject> revokedConsumer;
  private long timer = -1;

  WsEndpoint(Vertx vertx, Clock clock, WsConfig limits, QuoteHub hub, WsAccountChannel accounts,
             SessionRevocations revocations, MeterRegistry metrics, WsAdmission admission) {
    this.vertx = vertx;
    this.revocations = revocations;
    this.admission = admission;
    this.clock = clock;
    this.limits = limits;
    this.hub = hub;
    this.accounts = accounts;
    this.meters = GatewayMetrics.of(metrics);
    this.disconnectedSlow = meters.disconnectedSlow;
    this.connectionCount = meters.connections;
  }

  void start() {
    long period = Math.max(50, Math.min(limits.heartbeatMs(), Math.min(limits.stuckMs(), limits.idleTimeoutMs())) / 4);
    timer = vertx.setPeriodic(period, id -> housekeeping());
    revokedConsumer = vertx.eventBus().<JsonObject>consumer(Addresses.SESSIONS_REVOKED,
      m -> sessionsRevoked(SessionsRevoked.fromJson(m.body()).sessionIds()));
  }

  /**
   * Sessions ended elsewhere (logout, reuse, password reset or change): remembered, so their
   * tokens are refused here even without Redis, and their open connections closed with 1008.
   */
  private void sessionsRevoked(List<UUID> sessions) {
    revocations.remember(sessions);
    Set<UUID> ended = new HashSet<>(sessions);
    for (WsConnection connection : new ArrayList<>(connections)) {
      TraderPrincipal trader = connection.session().trader();
      if (trader != null && ended.contains(trader.sessionId())) {
        LOG.info("closing websocket of trader {}: session {} ended", trader.traderId(), trader.sessionId());
        connection.close(POLICY_VIOLATION, "session ended; log in again");
      }
    }
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (revokedConsumer != null) {
      revokedConsumer.unregister();
    }
    new ArrayList<>(connections).forEach(c -> c.close((short) 1001, "server shutting down"));
  }

  /**
   * A new connection; {@code bearerToken} is the upgrade request's {@code Authorization: Bearer}
   * token, or null (browsers cannot send one and authenticate with an {@code auth} message).
   */
  void handle(ServerWebSocket socket, String bearerToken) {
    WsConnection connection = new WsConnection(socket, limits.writeQueueBytes(), clock.millis(), meters);
    connections.add(connection);
    connectionCount.incrementAndGet();
    socket.textMessageHandler(text -> onMessage(connection, text));
    socket.binaryMessageHandler(binary -> connection.sendControl(
      WsMessages.error(ApiErrorCode.VALIDATION_UNSUPPORTED_MEDIA_TYPE, "send JSON text frames", null)));
    socket.pongHandler(pong -> connection.seen(clock.millis()));
    socket.exceptionHandler(e -> LOG.debug("websocket error: {}", e.getMessage()));
    socket.closeHandler(v -> {
      connection.close((short) 1000, "closed");
      if (connections.remove(connection)) {
        connectionCount.decrementAndGet();
      }
      admission.closed(socket.remoteAddress());
      hub.disconnected(connection);
      accounts.disconnected(connection);
    });
    if (bearerToken != null) {
      accounts.authenticate(connection, bearerToken);
    }
  }

  private void onMessage(WsConnection connection, String text) {
    connection.seen(clock.millis());
    if (text.length() > limits.maxMessageBytes()) {
      connection.sendControl(WsMessages.error(ApiErrorCode.PAYLOAD_TOO_LARGE,
        "messages are limited to " + limits.maxMessageBytes() + " bytes", null));
      return;
    }
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      connection.sendControl(WsMessages.error(ApiErrorCode.VALIDATION_MALFORMED_BODY, "not a JSON object", null));
      return;
    }
    String type = message.getValue("type") instanceof String t ? t : null;
    if (type == null) {
      connection.sendControl(WsMessages.error(ApiErrorCode.VALIDATION_MISSING_FIELD, "type is required", "type"));
      return;
    }
    switch (type) {
      case "auth" -> {
        if (message.getValue("token") instanceof String token) {
          accounts.authenticate(connection, token);
        } else {
          connection.sendControl(WsMessages.error(ApiErrorCode.VALIDATION_MISSING_FIELD,
              "token must be the access token", "token"));
        }
      }
      case "subscribe" -> {
        if (isAccountChannel(message)) {
          accounts.subscribe(connection, message);
        } else {
          subscribe(connection, message);
        }
      }
      case "unsubscribe" -> {
        if (isAccountChannel(message)) {
          accounts.unsubscribe(connection, message);
        } else {
          unsubscribe(connection, message);
        }
      }
      case "ping" -> connection.sendControl(new JsonObject().put("type", "pong").put("id", message.getValue("id"))
        .put("time", clock.millis()).encode());
      default -> connection.sendControl(WsMessages.error(ApiErrorCode.VALIDATION_INVALID_VALUE,
        "type must be auth, subscribe, unsubscribe or ping", "type"));
    }
  }

  private static boolean isAccountChannel(JsonObject message) {
    return "account".equals(message.getValue("channel"));
  }

  private void subscribe(WsConnection connection, JsonObject message) {
    List<String> symbols = symbols(connection, message);
    if (symbols == null) {
      return;
    }
    Set<String> after = new HashSet<>(connection.symbols());
    after.addAll(symbols);
    if (after.size() > limits.maxSubscriptions()) {
      connection.sendControl(WsMessages.error(ApiErrorCode.SUBSCRIPTION_LIMIT,
        "at most " + limits.maxSubscriptions() + " symbols per connection", "symbols"));
      return;
    }
    Set<String> added = hub.subscribe(connection, symbols);
    connection.sendControl(WsMessages.ack("subscribed", new JsonArray(new ArrayList<>(symbols))));
    long now = clock.millis();
    for (String symbol : added) {
      hub.clientQuote(symbol, connection.session().pricingGroup()).ifPresent(quote -> connection.offerQuote(symbol, WsMessages.quote(quote), now));
    }
  }

  private void unsubscribe(WsConnection connection, JsonObject message) {
    List<String> symbols = symbols(connection, message);
    if (symbols != null) {
      hub.unsubscribe(connection, symbols);
      connection.sendControl(WsMessages.ack("unsubscribed", new JsonArray(new ArrayList<>(symbols))));
    }
  }

  /** The validated symbol list of a (un)subscribe, or null after an error was sent. */
  private List<String> symbols(WsConnection connection, JsonObject message) {
    if (!"quotes".equals(message.getValue("channel"))) {
      connection.sendControl(WsMessages.error(ApiErrorCode.VALIDATION_INVALID_VALUE,
        "channel must be \"quotes\" or \"account\"", "channel"));
      return null;
    }
    if (!(message.getValue("symbols") instanceof JsonArray array) || array.isEmpty()) {
      connection.sendControl(WsMessages.error(message.getValue("symbols") == null ? ApiErrorCode.VALIDATION_MISSING_FIELD
        : ApiErrorCode.VALIDATION_INVALID_VALUE, "symbols must be a non-empty array", "symbols"));
      return null;
    }
    List<String> symbols = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String symbol) || !hub.instruments().containsKey(symbol)) {
        connection.sendControl(WsMessages.error(RejectReason.UNKNOWN_SYMBOL.name(), "unknown symbol " + item, "symbols"));
        return null;
      }
      symbols.add(symbol);
    }
    return symbols;
  }

  /** Heartbeats, idle and stuck-reader disconnection; runs on the event loop. */
  private void housekeeping() {
    long now = clock.millis();
    for (WsConnection connection : new ArrayList<>(connections)) {
      accounts.expireIfDue(connection, now);
      if (connection.stuck(now, limits.stuckMs())) {
        disconnectedSlow.increment();
        LOG.info("closing websocket {}: reader too slow for {} ms", connection.socket().remoteAddress(),
          limits.stuckMs());
        connection.close(POLICY_VIOLATION, "slow consumer: could not keep up for " + limits.stuckMs() + " ms");
      } else if (now - connection.lastSeen() > limits.idleTimeoutMs()) {
        connection.close(POLICY_VIOLATION, "idle for " + limits.idleTimeoutMs() + " ms");
      } else if (now - connection.lastSeen() > limits.heartbeatMs() / 2) {
        connection.socket().writePing(Buffer.buffer("hb"));
      }
    }
  }
}
