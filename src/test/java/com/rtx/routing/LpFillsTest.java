package com.rtx.routing;

import com.rtx.routing.LpFills.Execution;
import com.rtx.routing.LpPositionCheck.Line;
import com.rtx.routing.LpPositionCheck.Outcome;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The house position at an LP derived from the LP's own fills, and its comparison with the platform. */
class LpFillsTest {

  private static BigDecimal d(String value) {
    return value == null ? null : new BigDecimal(value);
  }

  private static Execution fill(String order, String symbol, boolean buy, String last, String cum) {
    return new Execution(order, symbol, buy, "FILL", d(last), d(cum), true);
  }

  @Test
  void buysAndSellsNetPerSymbolFromEachOrdersCumQty() {
    Map<String, BigDecimal> net = LpFills.positions(List.of(
      fill("order-1", "EURUSD", true, "0.3", "0.3"),
      fill("order-2", "EURUSD", false, "0.1", "0.1"),
      fill("order-3", "USDJPY", false, "1.25", "1.25")));
    assertThat(net).containsOnlyKeys("EURUSD", "USDJPY");
    assertThat(net.get("EURUSD")).isEqualByComparingTo("0.2");
    assertThat(net.get("USDJPY")).isEqualByComparingTo("-1.25");
  }

  @Test
  void theHighestCumQtyCountsSoAFillReportedTwiceUnderTwoExecIdsIsNotDoubled() {
    // Partial 0.1 (cum 0.1), the same fill again with another ExecID (cum 0.1), then the rest (cum 0.3).
    Map<String, BigDecimal> net = LpFills.positions(List.of(
      fill("order-1", "EURUSD", true, "0.1", "0.1"),
      fill("order-1", "EURUSD", true, "0.1", "0.1"),
      fill("order-1", "EURUSD", true, "0.2", "0.3")));
    assertThat(net.get("EURUSD")).isEqualByComparingTo("0.3");
  }

  @Test
  void withoutCumQtyTheFillsLastQtyAreSummed() {
    Map<String, BigDecimal> net = LpFills.positions(List.of(
      fill("order-1", "EURUSD", false, "0.1", "0"),
      fill("order-1", "EURUSD", false, "0.05", null),
      new Execution("order-1", "EURUSD", false, "NEW", d("9"), null, true)));
    assertThat(net.get("EURUSD")).as("an acknowledgement's LastQty is not a fill").isEqualByComparingTo("-0.15");
  }

  @Test
  void aStatusAnswerOrCancelAfterAPartialFillCarriesTheLpsCumQty() {
    Map<String, BigDecimal> net = LpFills.positions(List.of(
      new Execution("order-1", "GBPUSD", true, "ORDER_STATUS", null, d("0.4"), true),
      new Execution("order-2", "GBPUSD", true, "CANCELED", d("0"), d("0.1"), true),
      new Execution("order-3", "GBPUSD", true, "REJECTED", null, d("0"), true)));
    assertThat(net.get("GBPUSD")).isEqualByComparingTo("0.5");
  }

  @Test
  void repairsCountAndASymbolThatNetsToZeroIsFlat() {
    Map<String, BigDecimal> net = LpFills.positions(List.of(
      fill("order-1", "USDJPY", true, "0.6", "0.6"),
      fill("RCN-7", "USDJPY", false, "0.3", "0.3"),
      fill("order-2", "EURUSD", true, "0.1", "0.1"),
      fill("order-3", "EURUSD", false, "0.1", "0.1")));
    assertThat(net).containsOnlyKeys("USDJPY");
    assertThat(net.get("USDJPY")).isEqualByComparingTo("0.3");
  }

  @Test
  void anUnreadableReportMakesItsSymbolUnreadable() {
    Map<String, BigDecimal> net = LpFills.positions(List.of(
      fill("order-1", "XAUUSD", true, "1", "1"),
      new Execution("RCN-1", "XAUUSD", true, "FILL", null, null, false),
      fill("order-2", "EURUSD", true, "0.1", "0.1")));
    assertThat(net).containsKey("XAUUSD");
    assertThat(net.get("XAUUSD")).isNull();
    assertThat(net.get("EURUSD")).isEqualByComparingTo("0.1");
    List<Line> lines = LpPositionCheck.compare(net, Map.of("XAUUSD", d("1")), Set.of());
    assertThat(lines.get(1).outcome()).isEqualTo(Outcome.UNREADABLE);
  }

  @Test
  void anOverfillIsAnOrphanAndAnUnreportedPlatformDealAMissingHedge() {
    // The LP filled 0.2 of a 0.1 order (the platform booked 0.1); the platform booked a 0.3 sell the LP never reported.
    Map<String, BigDecimal> lp = LpFills.positions(List.of(
      fill("order-1", "AUDUSD", true, "0.2", "0.2")));
    List<Line> lines = LpPositionCheck.compare(lp, Map.of("AUDUSD", d("0.1"), "NZDUSD", d("-0.3")), Set.of());
    assertThat(lines).extracting(Line::symbol, Line::outcome).containsExactly(
      org.assertj.core.groups.Tuple.tuple("AUDUSD", Outcome.ORPHAN),
      org.assertj.core.groups.Tuple.tuple("NZDUSD", Outcome.MISSING_HEDGE));
    assertThat(lines.get(0).difference()).isEqualByComparingTo("0.1");
    assertThat(lines.get(1).difference()).isEqualByComparingTo("0.3");
  }

  @Test
  void anOrderStillAtTheLpIsInFlightNeverAMissingHedge() {
    // The platform booked a partial of an order still SENT_TO_LP whose fill report has not come: in flight.
    Map<String, BigDecimal> lp = LpFills.positions(List.of());
    List<Line> lines = LpPositionCheck.compare(lp, Map.of("EURUSD", d("0.5")), Set.of("EURUSD"));
    assertThat(lines.get(0).outcome()).isEqualTo(Outcome.IN_FLIGHT);
    assertThat(LpPositionCheck.repairable(lines.get(0), d("10"))).isFalse();
  }
}
