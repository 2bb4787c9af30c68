package com.rtx.routing;

import com.rtx.core.market.LpDialect;
import com.rtx.core.routing.ExecutionProfile;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import quickfix.field.OrderQty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OrderQty of a NewOrderSingle in the LP's lots of its own size: exact, or not sent. */
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
}
