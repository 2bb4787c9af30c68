package com.rtx.routing;

import com.rtx.core.market.LpDialect;
import com.rtx.core.routing.ExecutionProfile;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import quickfix.field.OrderQty;
import quickfix.DataDictionary;
import quickfix.Message;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NewOrderSingles as they go on the wire: OrderQty in the LP's own lots (exact, or not sent), 40=D for a quoted LP. */
class OrderCommandsTest {

  private static final Map<String, BigDecimal> SIZES = Map.of("XAUUSD", new BigDecimal("100"),
    "EURUSD", new BigDecimal("100000"));
  /** Counts lots; its gold lot is 300 oz (ours: 100). */
  private static final LpDialect THIRDS = new LpDialect(LpDialect.QuantityUnit.LOTS, Map.of(),
    Map.of("XAUUSD", new BigDecimal("300")));

  private static JsonObject order(String symbol, String volume) {
    return new JsonObject().put("type", "new").put("lp", "LP9").put("clOrdId", "17-4242-1").put("accountId", 17)
      .put("orderId", 4242).put("symbol", symbol).put("side", "BUY").put("ordType", "MARKET").put("volume", volume);
  }

  private static quickfix.Message toFix(JsonObject order) {
    return OrderCommands.toFix(order, SIZES, THIRDS, ExecutionProfile.DEFAULT, Map.of(), Instant.EPOCH);
  }

  @Test
  void aVolumeTheLpsLotsSayExactlyGoesInThem() throws Exception {
    assertThat(toFix(order("XAUUSD", "0.30")).getString(OrderQty.FIELD)).isEqualTo("0.1");
    assertThat(toFix(order("EURUSD", "0.10")).getString(OrderQty.FIELD)).as("no own size: our lots").isEqualTo("0.1");
  }

  @Test
  void aVolumeTheLpsLotsCannotSayIsUnsupportedWithTheAmounts() {
    assertThatThrownBy(() -> toFix(order("XAUUSD", "0.10"))).isInstanceOf(OrderCommands.Unsupported.class)
      .hasMessageContaining("LP9").hasMessageContaining("0.10 lots of XAUUSD (10 units)")
      .hasMessageContaining("300 units");
  }

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
