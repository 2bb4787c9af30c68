package com.rtx.core.dealing;

import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.testkit.Fixtures;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderStatus;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigger engine alone: sides of the quote, execution order, trailing stops. */
class TriggerEngineTest {

  private static final Instant T = Instant.parse("2025-01-15T12:00:00Z");

  private static Order order(long id, Side side, OrderType type, long price, long stopLimit, Instant at) {
    return new Order(id, 1001, null, "EURUSD", side, type, 10, price, stopLimit, 0, 0, 0, TimeInForce.GTC, null, 0, false,
      OrderStatus.PENDING, at, at);
  }

  private static Position position(long id, Side side, long sl, long tp, Instant at) {
    return new Position(id, 1001, "EURUSD", side, 10, new BigDecimal("1.10000"), at, sl, tp, 0, 0);
  }

  private static AggregatedQuote q(long bid, long ask) {
    return Fixtures.quote("EURUSD", bid, ask);
  }

  @Test
  void buyOrdersWatchTheAskAndSellOrdersTheBid() {
    Order buyLimit = order(1, Side.BUY, OrderType.LIMIT, 109_500, 0, T);
    Order sellStop = order(2, Side.SELL, OrderType.STOP, 109_500, 0, T);
    // bid at 1.09495 is under both levels but the ask 1.09505 is not under the buy limit
    assertThat(TriggerEngine.triggered(List.of(buyLimit, sellStop), List.of(), q(109_495, 109_505)))
      .extracting(TriggerEngine.Trigger::id).containsExactly(2L);
    // at ask 1.09500 the buy limit triggers too (inclusive)
    assertThat(TriggerEngine.triggered(List.of(buyLimit), List.of(), q(109_490, 109_500))).hasSize(1);
    Order buyStop = order(3, Side.BUY, OrderType.STOP, 110_100, 0, T);
    Order sellLimit = order(4, Side.SELL, OrderType.LIMIT, 110_100, 0, T);
    // ask 1.10100 reaches the buy stop; the bid 1.10090 has not reached the sell limit
    assertThat(TriggerEngine.triggered(List.of(buyStop, sellLimit), List.of(), q(110_090, 110_100)))
      .extracting(TriggerEngine.Trigger::id).containsExactly(3L);
  }

  @Test
  void longStopsWatchTheBidAndShortStopsTheAsk() {
    Position longSl = position(1, Side.BUY, 109_500, 0, T);
    Position shortSl = position(2, Side.SELL, 110_500, 0, T);
    Position longTp = position(3, Side.BUY, 0, 110_500, T);
    Position shortTp = position(4, Side.SELL, 0, 109_500, T);
    // ask 1.10505 is above the short's SL; bid 1.10495 has not reached the long's TP
    assertThat(TriggerEngine.triggered(List.of(), List.of(longSl, shortSl, longTp, shortTp), q(110_495, 110_505)))
      .extracting(t -> t.kind() + "#" + t.id()).containsExactly("STOP_LOSS#2");
    // bid 1.09500 hits the long's SL; ask 1.09510 has not come down to the short's TP 1.09500
    assertThat(TriggerEngine.triggered(List.of(), List.of(longSl, shortSl, longTp, shortTp), q(109_500, 109_510)))
      .extracting(t -> t.kind() + "#" + t.id()).containsExactly("STOP_LOSS#1");
  }

  @Test
  void executesDeepestFirstThenEarliest() {
    Order early = order(1, Side.BUY, OrderType.LIMIT, 109_500, 0, T);
    Order later = order(2, Side.BUY, OrderType.LIMIT, 109_600, 0, T.plusSeconds(5));
    Order sameLevelLater = order(3, Side.BUY, OrderType.LIMIT, 109_500, 0, T.plusSeconds(9));
    // ask fell to 1.09400: the 1.09600 limit was crossed first (200 points deep) though placed later
    assertThat(TriggerEngine.triggered(List.of(sameLevelLater, early, later), List.of(), q(109_390, 109_400)))
      .extracting(TriggerEngine.Trigger::id).containsExactly(2L, 1L, 3L);
    // rising ask 1.10300: buy stops at 1.10100 (200 deep) before 1.10200 (100 deep)
    Order stop1 = order(4, Side.BUY, OrderType.STOP, 110_200, 0, T);
    Order stop2 = order(5, Side.BUY, OrderType.STOP, 110_100, 0, T.plusSeconds(1));
    assertThat(TriggerEngine.triggered(List.of(stop1, stop2), List.of(), q(110_290, 110_300)))
      .extracting(TriggerEngine.Trigger::id).containsExactly(5L, 4L);
  }

  @Test
  void aTriggeredStopLimitWatchesItsLimit() {
    Order stopLimit = order(1, Side.BUY, OrderType.STOP_LIMIT, 110_100, 110_050, T);
    assertThat(TriggerEngine.orderDepth(stopLimit, q(110_110, 110_120))).isEqualTo(20); // stop hit
    Order asLimit = stopLimit.triggeredAt(T);
    assertThat(asLimit.activeType()).isEqualTo(OrderType.LIMIT);
    assertThat(TriggerEngine.orderDepth(asLimit, q(110_110, 110_120))).isEqualTo(-70); // ask above the limit
    assertThat(TriggerEngine.orderDepth(asLimit, q(110_030, 110_040))).isEqualTo(10);
  }

  @Test
  void ignoresOtherSymbols() {
    Order buyLimit = order(1, Side.BUY, OrderType.LIMIT, 109_500, 0, T);
    assertThat(TriggerEngine.triggered(List.of(buyLimit), List.of(), Fixtures.quote("GBPUSD", 100_000, 100_010))).isEmpty();
  }

  @Test
  void trailingStopsMoveOnlyInTheClientsFavour() {
    Position trailingLong = new Position(1, 1001, "EURUSD", Side.BUY, 10, new BigDecimal("1.10010"), T, 0, 0, 100, 0);
    assertThat(TriggerEngine.trailedStop(trailingLong, q(110_000, 110_010))).hasValue(109_900);
    Position withSl = trailingLong.withStops(110_100, 0, 100);
    assertThat(TriggerEngine.trailedStop(withSl, q(110_150, 110_160))).isEmpty(); // 1.10050 < 1.10100
    assertThat(TriggerEngine.trailedStop(withSl, q(110_250, 110_260))).hasValue(110_150);
    Position trailingShort = new Position(2, 1001, "EURUSD", Side.SELL, 10, new BigDecimal("1.10000"), T, 110_300, 0,
      100, 0);
    assertThat(TriggerEngine.trailedStop(trailingShort, q(110_100, 110_110))).hasValue(110_210);
    assertThat(TriggerEngine.trailedStop(trailingShort, q(110_250, 110_260))).isEmpty(); // 1.10360 > 1.10300
  }
}
