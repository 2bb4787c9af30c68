package com.rtx.lpsim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionsTest {

  @Test
  void routesSymbolsToTheirRequestsAndRefusesADuplicateId() {
    Subscriptions subscriptions = new Subscriptions();

    assertThat(subscriptions.add("a", List.of("EURUSD", "USDJPY"))).isTrue();
    assertThat(subscriptions.add("b", List.of("EURUSD"))).isTrue();
    assertThat(subscriptions.add("a", List.of("GBPUSD"))).isFalse();

    assertThat(subscriptions.requestsFor("EURUSD")).containsExactly("a", "b");
    assertThat(subscriptions.requestsFor("USDJPY")).containsExactly("a");
    assertThat(subscriptions.requestsFor("GBPUSD")).isEmpty();
    assertThat(subscriptions.symbols()).containsExactly("EURUSD", "USDJPY");
  }

  @Test
  void removeEndsOneRequestAndClearEndsAll() {
    Subscriptions subscriptions = new Subscriptions();
    subscriptions.add("a", List.of("EURUSD"));
    subscriptions.add("b", List.of("USDJPY"));

    assertThat(subscriptions.remove("a")).isTrue();
    assertThat(subscriptions.remove("a")).isFalse();
    assertThat(subscriptions.symbols()).containsExactly("USDJPY");

    subscriptions.clear();
    assertThat(subscriptions.isEmpty()).isTrue();
  }
}
