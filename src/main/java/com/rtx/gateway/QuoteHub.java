package com.rtx.gateway;

import com.rtx.core.market.Instrument;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.MarkupProfile;
import com.rtx.bus.QuoteMessages;
import com.rtx.platform.config.PricingConfig;
import com.rtx.refdata.ReferenceDataRepository.GroupMarkups;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's view of prices: one event-bus consumer per symbol (so bus consumers scale with
 * symbols, not with connections), the latest quote per symbol for REST, and fan-out of each quote
 * to the WebSocket connections subscribed to it. Each connection sees the markup of its client
 * group ({@link WsSession#pricingGroup}, the default group's when anonymous); the client frame is
 * built once per quote and markup profile and shared by every connection of that profile.
 *
 * <p>Not thread-safe: owned by the gateway verticle's event loop.
 */
final class QuoteHub {

  private final Vertx vertx;
  private final Clock clock;
  private final long staleMs;
  private volatile Map<String, Instrument> instruments;
  private GroupMarkups markups;
  private MarkupProfile defaultProfile;
  private final Map<String, AggregatedQuote> latest = new HashMap<>();
  private final Map<String, Set<WsConnection>> subscribers = new HashMap<>();
  private final Map<String, MessageConsumer<JsonObject>> consumers = new java.util.HashMap<>();
  private final Map<String, JsonObject> incoming = new java.util.LinkedHashMap<>();
  private boolean fanOutScheduled;
  private final Counter delivered;
  private final Counter superseded;
  private final AtomicInteger subscriptions;

  QuoteHub(Vertx vertx, Clock clock, PricingConfig pricing, Map<String, Instrument> instruments,
           GroupMarkups markups, MeterRegistry metrics) {
    this.vertx = vertx;
    this.clock = clock;
    this.staleMs = pricing.staleMs();
    this.instruments = Map.copyOf(instruments);
    markupChanged(markups);
    GatewayMetrics meters = GatewayMetrics.of(metrics);
    this.delivered = meters.offered;
    this.superseded = meters.superseded;
    this.subscriptions = meters.subscriptions;
  }

  /**
   * Registers the per-symbol consumers, then seeds the latest quotes from Redis so a gateway that
   * starts (or restarts) between ticks can answer at once; Redis being down only skips the seed.
   */
  Future<Void> start(RedisAPI redis) {
    return registerConsumers().compose(v -> seedFromRedis(redis));
  }

  private Future<Void> seedFromRedis(RedisAPI redis) {
    List<String> keys = instruments.keySet().stream().map(QuoteMessages::redisKey).toList();
    if (redis == null || keys.isEmpty()) {
      return Future.succeededFuture();
    }
    return redis.mget(keys)
      .map(values -> {
        for (int i = 0; values != null && i < values.size(); i++) {
          if (values.get(i) != null) {
            JsonObject json = new JsonObject(values.get(i).toString());
            String symbol = json.getString("symbol");
            if (instruments.containsKey(symbol)) {
              latest.putIfAbsent(symbol, QuoteMessages.fromJson(json, instruments.get(symbol)));
            }
          }
        }
        return (Void) null;
      })
      .recover(e -> Future.succeededFuture());
  }

  private Future<Void> registerConsumers() {
    List<Future<Void>> registrations = new ArrayList<>();
    for (String symbol : instruments.keySet()) {
      registrations.add(subscribe(symbol));
    }
    return Future.all(registrations).mapEmpty();
  }

  private Future<Void> subscribe(String symbol) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus()
      .consumer(QuoteMessages.address(symbol), message -> arrived(symbol, message.body()));
    consumers.put(symbol, consumer);
    return consumer.completion();
  }

  /**
   * The tradable symbols changed (on {@code rtx.refdata.changed}): new ones are listened to and
   * listed, disabled or removed ones dropped (their last quote with them).
   */
  void instrumentsChanged(Map<String, Instrument> enabled) {
    Map<String, Instrument> next = Map.copyOf(enabled);
    for (String symbol : List.copyOf(consumers.keySet())) {
      if (!next.containsKey(symbol)) {
        consumers.remove(symbol).unregister();
        latest.remove(symbol);
      }
    }
    instruments = next;
    next.keySet().stream().filter(symbol -> !consumers.containsKey(symbol)).forEach(this::subscribe);
  }

  Future<Void> stop() {
    return Future.all(consumers.values().stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  /** New markup profiles (on {@code rtx.refdata.changed}); the next quote of each symbol carries them. */
  void markupChanged(GroupMarkups markups) {
    this.markups = markups;
    this.defaultProfile = markups.defaultProfile();
  }

  /** The profile of a client group; the default group's for null or an unknown group. */
  MarkupProfile profile(String group) {
    MarkupProfile profile = group == null ? null : markups.byGroup().get(group);
    return profile == null ? defaultProfile : profile;
  }

  Map<String, Instrument> instruments() {
    return instruments;
  }

  /** The default group's view of the latest quote of a symbol, if pricing ever published one here. */
  Optional<JsonObject> clientQuote(String symbol) {
    return clientQuote(symbol, null);
  }

  /** {@link #clientQuote(String)} with the markup of a client group (null: the default group). */
  Optional<JsonObject> clientQuote(String symbol, String group) {
    AggregatedQuote raw = latest.get(symbol);
    return raw == null ? Optional.empty()
      : Optional.of(QuoteView.client(raw, instruments.get(symbol), profile(group), clock.millis(), staleMs));
  }

  /** Subscribes; returns the symbols newly added (the caller sends their current quotes). */
  Set<String> subscribe(WsConnection connection, List<String> symbols) {
    Set<String> added = new LinkedHashSet<>();
    for (String symbol : symbols) {
      if (connection.symbols().add(symbol)) {
        subscriptions.incrementAndGet();
        subscribers.computeIfAbsent(symbol, s -> new HashSet<>()).add(connection);
        added.add(symbol);
      }
    }
    return added;
  }

  void unsubscribe(WsConnection connection, List<String> symbols) {
    for (String symbol : symbols) {
      if (connection.symbols().remove(symbol)) {
        subscriptions.decrementAndGet();
        Set<WsConnection> set = subscribers.get(symbol);
        if (set != null) {
          set.remove(connection);
        }
      }
    }
  }

  void disconnected(WsConnection connection) {
    unsubscribe(connection, List.copyOf(connection.symbols()));
  }

  /**
   * Ingress conflation: a quote only replaces the symbol's pending one; the fan-out runs once per
   * symbol for whatever is newest when the event loop gets to it. When quotes arrive faster than
   * they can be fanned out, superseded ones are skipped instead of queueing, so latency stays
   * bounded under overload rather than growing with a backlog.
   */
  private void arrived(String symbol, JsonObject body) {
    if (incoming.put(symbol, body) != null) {
      superseded.increment();
    }
    if (!fanOutScheduled) {
      fanOutScheduled = true;
      vertx.getOrCreateContext().runOnContext(v -> fanOut());
    }
  }

  private void fanOut() {
    fanOutScheduled = false;
    List<Map.Entry<String, JsonObject>> batch = new ArrayList<>(incoming.entrySet());
    incoming.clear();
    for (Map.Entry<String, JsonObject> entry : batch) {
      onQuote(entry.getKey(), entry.getValue());
    }
  }

  private void onQuote(String symbol, JsonObject body) {
    Instrument instrument = instruments.get(symbol);
    AggregatedQuote raw = QuoteMessages.fromJson(body, instrument);
    AggregatedQuote previous = latest.get(symbol);
    if (previous != null && previous.sequence() >= raw.sequence() && previous.engineTimeMillis() >= raw.engineTimeMillis()) {
      return;
    }
    latest.put(symbol, raw);
    Set<WsConnection> connections = subscribers.get(symbol);
    if (connections == null || connections.isEmpty()) {
      return;
    }
    long now = clock.millis();
    // Identity map: one frame per profile object, however many groups share it.
    Map<MarkupProfile, String> frames = new IdentityHashMap<>(4);
    for (WsConnection connection : connections) {
      String frame = frames.computeIfAbsent(profile(connection.session().pricingGroup()),
        p -> WsMessages.quote(QuoteView.client(raw, instrument, p, now, staleMs)));
      connection.offerQuote(symbol, frame, now);
    }
    delivered.increment(connections.size());
  }

}
