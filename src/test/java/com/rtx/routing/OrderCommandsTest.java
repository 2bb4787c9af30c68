package com.rtx.routing;

import com.rtx.core.market.LpDialect;
import com.rtx.core.routing.ExecutionProfile;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import quickfix.DataDictionary;
import quickfix.Message;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A market order for an LP that takes previously quoted orders, as it goes on the wire. */
class OrderCommandsTest {

  private static final Map<String, BigDecimal> CONTRACT_SIZES = Map.of("EURUSD", new BigDecimal("100000"));
  private static final Map<String, Integer> DIGITS = Map.of("EURUSD", 5);
  private static final ExecutionProfile QUOTED = ExecutionProfile.parse(Map.of("orderStyle", "PREVIOUSLY_QUOTED"));
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private static JsonObject marketBuy(String lp) {
    return new JsonObject().put("type", "new").put("clOrdId", "100003-77-1").put("orderId", 77).put("accountId", 100003)
      .put("lp", lp).put("symbol", "EURUSD").put("side", "BUY").put("volume", "0.10").put("ordType", "MARKET")
      .put("timeInForce", "IOC").put("quotedPrice", "1.10020").put("quoteLp", "LP2").put("quoteId", "LP2-Qx-42A");
  }

  private static String wire(Message message) {
    return message.toString().replace('\u0001', '|');
  }

  @Test
  void theQuotingLpGets40DWithItsQuoteIdAndTheQuotedPrice() throws Exception {
    Message order = OrderCommands.toFix(marketBuy("LP2"), CONTRACT_SIZES, LpDialect.STANDARD, QUOTED, DIGITS, NOW);

    assertThat(wire(order)).contains("|35=D|", "|40=D|", "|44=1.10020|", "|117=LP2-Qx-42A|", "|59=3|", "|38=10000|");
    new DataDictionary("FIX44.xml").validate(order, true);
  }

  @Test
  void anotherLpOrAQuoteWithoutIdIsUnsupportedNotInvented() {
    assertThatThrownBy(() -> OrderCommands.toFix(marketBuy("LP1"), CONTRACT_SIZES, LpDialect.STANDARD, QUOTED, DIGITS, NOW))
      .isInstanceOf(OrderCommands.Unsupported.class).hasMessageContaining("the quoted ask is LP2's, not LP1's");
    JsonObject noId = marketBuy("LP2");
    noId.remove("quoteId");
    assertThatThrownBy(() -> OrderCommands.toFix(noId, CONTRACT_SIZES, LpDialect.STANDARD, QUOTED, DIGITS, NOW))
      .isInstanceOf(OrderCommands.Unsupported.class).hasMessageContaining("carries no QuoteID");
    assertThatThrownBy(() -> OrderCommands.toFix(marketBuy("LP2").put("quoteId", "a\u0001b"), CONTRACT_SIZES,
      LpDialect.STANDARD, QUOTED, DIGITS, NOW)).isInstanceOf(OrderCommands.Invalid.class).hasMessageContaining("quoteId");
  }

  @Test
  void anLpWithAnotherStyleIgnoresTheQuoteId() {
    Message order = OrderCommands.toFix(marketBuy("LP1"), CONTRACT_SIZES, LpDialect.STANDARD, ExecutionProfile.DEFAULT,
      DIGITS, NOW);

    assertThat(wire(order)).contains("|40=1|").doesNotContain("|117=").doesNotContain("|44=");
  }
}
