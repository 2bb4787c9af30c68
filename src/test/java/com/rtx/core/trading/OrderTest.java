package com.rtx.core.trading;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order life cycle and the shape rules of an order record. */
class OrderTest {

  private static final Instant T = Instant.parse("2025-01-15T12:00:00Z");

  private static Order pendingStopLimit() {
    return new Order(1, 1001, "c", "EURUSD", Side.BUY, OrderType.STOP_LIMIT, 10, 110_100, 110_050, 0, 0, 0,
      TimeInForce.GTC, null, 0, false, OrderStatus.PENDING, T, T);
  }

  @Test
  void lifeCycleAllowsOnlyTheDocumentedTransitions() {
    assertThat(OrderStatus.NEW.canBecome(OrderStatus.FILLED)).isTrue();
    assertThat(OrderStatus.NEW.canBecome(OrderStatus.CANCELLED)).isFalse();
    assertThat(OrderStatus.PENDING.canBecome(OrderStatus.EXPIRED)).isTrue();
    assertThat(OrderStatus.PENDING.canBecome(OrderStatus.NEW)).isFalse();
    for (OrderStatus done : new OrderStatus[] {OrderStatus.FILLED, OrderStatus.CANCELLED, OrderStatus.EXPIRED,
      OrderStatus.REJECTED}) {
      assertThat(done.isFinal()).isTrue();
      for (OrderStatus next : OrderStatus.values()) {
        assertThat(done.canBecome(next)).isFalse();
      }
    }
    Order filled = pendingStopLimit().withStatus(OrderStatus.FILLED, T);
    assertThatThrownBy(() -> filled.withStatus(OrderStatus.CANCELLED, T)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aStopLimitTriggersOnceIntoALimitAtItsLimitPrice() {
    Order o = pendingStopLimit();
    assertThat(o.activeType()).isEqualTo(OrderType.STOP_LIMIT);
    assertThat(o.activePrice()).isEqualTo(110_100);
    assertThat(o.fillReferencePrice()).isEqualTo(110_050);
    Order triggered = o.triggeredAt(T);
    assertThat(triggered.activeType()).isEqualTo(OrderType.LIMIT);
    assertThat(triggered.activePrice()).isEqualTo(110_050);
    assertThatThrownBy(() -> triggered.triggeredAt(T)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shapeRules() {
    assertThatThrownBy(() -> new Order(1, 1, null, "EURUSD", Side.BUY, OrderType.LIMIT, 10, 0, 0, 0, 0, 0,
      TimeInForce.GTC, null, 0, false, OrderStatus.PENDING, T, T)).hasMessageContaining("needs a price");
    assertThatThrownBy(() -> new Order(1, 1, null, "EURUSD", Side.BUY, OrderType.LIMIT, 10, 1, 0, 0, 0, 0,
      TimeInForce.GTD, null, 0, false, OrderStatus.PENDING, T, T)).hasMessageContaining("expireAt");
    assertThatThrownBy(() -> new Order(1, 1, null, "EURUSD", Side.BUY, OrderType.MARKET, 0, 0, 0, 0, 0, 0,
      TimeInForce.FOK, null, 0, false, OrderStatus.NEW, T, T)).hasMessageContaining("volume");
  }

  @Test
  void timeInForceApplicability() {
    assertThat(TimeInForce.FOK.appliesTo(OrderType.MARKET)).isTrue();
    assertThat(TimeInForce.GTC.appliesTo(OrderType.MARKET)).isFalse();
    assertThat(TimeInForce.IOC.appliesTo(OrderType.LIMIT)).isTrue();
    assertThat(TimeInForce.FOK.appliesTo(OrderType.STOP_LIMIT)).isFalse();
    assertThat(TimeInForce.defaultFor(OrderType.MARKET)).isEqualTo(TimeInForce.FOK);
    assertThat(TimeInForce.defaultFor(OrderType.STOP)).isEqualTo(TimeInForce.GTC);
  }

  @Test
  void reasonCodesAreUniqueAndStable() {
    assertThat(java.util.Arrays.stream(RejectReason.values()).map(RejectReason::code).distinct().count())
      .isEqualTo(RejectReason.values().length);
    assertThat(RejectReason.INSUFFICIENT_MARGIN.code()).isEqualTo(404);
    assertThat(RejectReason.ROUTING_UNAVAILABLE.code()).isEqualTo(303);
  }
}
