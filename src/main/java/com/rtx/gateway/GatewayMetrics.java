package com.rtx.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of the WebSocket fan-out, shared by every gateway instance (event loop) of one engine:
 * a gauge registered twice under one name would show only the first instance's value.
 */
final class GatewayMetrics {

  private static final Map<MeterRegistry, GatewayMetrics> BY_REGISTRY = new WeakHashMap<>();

  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger subscriptions = new AtomicInteger();
  final AtomicInteger conflationPending = new AtomicInteger();
  final Counter offered;
  final Counter superseded;
  final Counter conflated;
  final Counter disconnectedSlow;

  private GatewayMetrics(MeterRegistry registry) {
    Gauge.builder("rtx.ws.connections", connections, AtomicInteger::get)
      .description("Open WebSocket connections").register(registry);
    Gauge.builder("rtx.ws.subscriptions", subscriptions, AtomicInteger::get)
      .description("Symbol subscriptions over all WebSocket connections").register(registry);
    Gauge.builder("rtx.ws.conflation.pending", conflationPending, AtomicInteger::get)
      .description("Quote and account-summary frames waiting in conflation maps of slow WebSocket readers").register(registry);
    offered = Counter.builder("rtx.ws.quotes.offered")
      .description("Quote frames offered to WebSocket connections (written or conflated)").register(registry);
    superseded = Counter.builder("rtx.ws.quotes.superseded")
      .description("Quotes replaced by a newer one of the same symbol before the gateway fanned them out")
      .register(registry);
    conflated = Counter.builder("rtx.ws.quotes.conflated")
      .description("Quote frames replaced by a newer one while waiting for a slow WebSocket reader")
      .register(registry);
    disconnectedSlow = Counter.builder("rtx.ws.disconnected.slow")
      .description("WebSocket connections closed because they could not keep up").register(registry);
  }

  static synchronized GatewayMetrics of(MeterRegistry registry) {
    return BY_REGISTRY.computeIfAbsent(registry, GatewayMetrics::new);
  }
}
