package com.rtx.bus;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The message records of the bus contract read back what they write, in the documented shape. */
class BusMessagesTest {

  @Test
  void lpStatusHasTheDocumentedShapeAndReadsBack() {
    LpStatus status = new LpStatus("LP1", LpStatus.LOGGED_ON, "node-a");

    JsonObject json = status.toJson();

    assertThat(json).isEqualTo(new JsonObject().put("lp", "LP1").put("state", "LOGGED_ON").put("node", "node-a"));
    assertThat(LpStatus.fromJson(json)).contains(status);
    assertThat(status.loggedOn()).isTrue();
    assertThat(new LpStatus("LP1", LpStatus.DISABLED, null).loggedOn()).isFalse();
  }

  @Test
  void lpStatusWithoutLpOrStateIsIgnored() {
    assertThat(LpStatus.fromJson(new JsonObject().put("state", "LOGGED_ON"))).isEmpty();
    assertThat(LpStatus.fromJson(new JsonObject().put("lp", "LP1"))).isEmpty();
  }

  @Test
  void sessionsRevokedCarriesTheIdsAsStrings() {
    UUID a = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    UUID b = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    JsonObject json = new SessionsRevoked(List.of(a, b)).toJson();

    assertThat(json.encode()).isEqualTo("{\"sessionIds\":[\"" + a + "\",\"" + b + "\"]}");
    assertThat(SessionsRevoked.fromJson(json).sessionIds()).containsExactly(a, b);
    assertThat(SessionsRevoked.fromJson(new JsonObject()).sessionIds()).isEmpty();
    assertThatThrownBy(() -> SessionsRevoked.fromJson(new JsonObject().put("sessionIds", List.of("nope"))))
      .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quoteAddressIsThePricesPrefixAndTheSymbol() {
    assertThat(QuoteMessages.address("EURUSD")).isEqualTo(Addresses.PRICES_PREFIX + "EURUSD").isEqualTo("rtx.prices.EURUSD");
  }
}
