package com.rtx.gateway;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The WebSocket caps' bookkeeping: per address, in total, slots per TCP connection, release idempotent. */
class WsAdmissionTest {

  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final WsAdmission admission = new WsAdmission(3, 2, metrics, new ClientAddress(java.util.List.of()));

  @Test
  void refusesOverThePerAddressCapThenOverTheTotalAndCountsEachRefusal() {
    assertThat(admission.admit("10.0.0.1:1", "10.0.0.1")).isNull();
    assertThat(admission.admit("10.0.0.1:2", "10.0.0.1")).isNull();
    ApiError perAddress = admission.admit("10.0.0.1:3", "10.0.0.1");
    assertThat(perAddress.status()).isEqualTo(429);
    assertThat(perAddress.code()).isEqualTo("TOO_MANY_CONNECTIONS");

    assertThat(admission.admit("10.0.0.2:1", "10.0.0.2")).isNull();
    ApiError total = admission.admit("10.0.0.3:1", "10.0.0.3");
    assertThat(total.status()).isEqualTo(503);
    assertThat(total.code()).isEqualTo("WS_CAPACITY");

    assertThat(metrics.counter("rtx.ws.refused", "reason", "per-ip").count()).isEqualTo(1.0);
    assertThat(metrics.counter("rtx.ws.refused", "reason", "total").count()).isEqualTo(1.0);
  }

  @Test
  void aConnectionHoldsOneSlotAndReleasingItTwiceFreesOnlyOne() {
    assertThat(admission.admit("10.0.0.1:1", "10.0.0.1")).isNull();
    assertThat(admission.admit("10.0.0.1:1", "10.0.0.1")).as("the same connection asking again").isNull();
    assertThat(admission.admit("10.0.0.1:2", "10.0.0.1")).isNull();
    assertThat(admission.admit("10.0.0.1:3", "10.0.0.1")).isNotNull();

    admission.release("10.0.0.1:1");
    admission.release("10.0.0.1:1");
    assertThat(admission.admit("10.0.0.1:3", "10.0.0.1")).isNull();
    assertThat(admission.admit("10.0.0.1:4", "10.0.0.1")).as("one slot freed, not two").isNotNull();
    assertThat(admission.admit("10.0.0.2:1", "10.0.0.2")).isNull();
    assertThat(admission.admit("10.0.0.3:1", "10.0.0.3")).as("total still 3").isNotNull();
  }
}
