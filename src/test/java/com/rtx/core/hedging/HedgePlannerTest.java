package com.rtx.core.hedging;

import com.rtx.core.hedging.HedgePlanner.VolumeTerms;
import com.rtx.core.trading.Side;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HedgePlannerTest {

  private static final ExposureLimit EURUSD = new ExposureLimit("EURUSD", 1000, 200, true);

  private static List<HedgeOrder> plan(SymbolExposure e, Set<String> inFlight) {
    return HedgePlanner.plan(List.of(e), Map.of("EURUSD", EURUSD), inFlight, Map.of());
  }

  @Test
  void firesStrictlyAboveTheLimitAndBringsExposureBackToTarget() {
    // clients long 10.01 lots: the house is short 10.01, one hundredth over the 10.00 limit
    List<HedgeOrder> orders = plan(new SymbolExposure("EURUSD", -1001, 0), Set.of());
    assertThat(orders).hasSize(1);
    HedgeOrder o = orders.get(0);
    assertThat(o.side()).isEqualTo(Side.BUY);
    assertThat(o.volume()).isEqualTo(801);
    assertThat(o.unhedgedAfter()).isEqualTo(-200);
  }

  @Test
  void exactlyAtTheLimitOrBelowNothingIsSent() {
    assertThat(plan(new SymbolExposure("EURUSD", -1000, 0), Set.of())).isEmpty();
    assertThat(plan(new SymbolExposure("EURUSD", 1000, 0), Set.of())).isEmpty();
    assertThat(plan(new SymbolExposure("EURUSD", 999, 0), Set.of())).isEmpty();
    assertThat(plan(new SymbolExposure("EURUSD", 0, 0), Set.of())).isEmpty();
  }

  @Test
  void aLongExposureIsSoldDown() {
    List<HedgeOrder> orders = plan(new SymbolExposure("EURUSD", 1500, 0), Set.of());
    assertThat(orders).singleElement().satisfies(o -> {
      assertThat(o.side()).isEqualTo(Side.SELL);
      assertThat(o.volume()).isEqualTo(1300);
      assertThat(o.unhedgedAfter()).isEqualTo(200);
    });
  }

  @Test
  void filledHedgesCountAgainstTheClientExposure() {
    // house short 15.00 from clients, long 10.00 in hedges: 5.00 unhedged, inside the limit
    assertThat(plan(new SymbolExposure("EURUSD", -1500, 1000), Set.of())).isEmpty();
    // clients add 7.00 more: 12.00 unhedged, hedge 10.00 more
    assertThat(plan(new SymbolExposure("EURUSD", -2200, 1000), Set.of())).singleElement()
      .satisfies(o -> assertThat(o.volume()).isEqualTo(1000));
  }

  @Test
  void aHedgeInFlightHoldsTheSymbolBack() {
    assertThat(plan(new SymbolExposure("EURUSD", -3000, 0), Set.of("EURUSD"))).isEmpty();
  }

  @Test
  void noLimitOrADisabledOneNeverHedges() {
    assertThat(HedgePlanner.plan(List.of(new SymbolExposure("GBPUSD", -9000, 0)), Map.of("EURUSD", EURUSD), Set.of(),
      Map.of())).isEmpty();
    assertThat(HedgePlanner.plan(List.of(new SymbolExposure("EURUSD", -9000, 0)),
      Map.of("EURUSD", new ExposureLimit("EURUSD", 1000, 0, false)), Set.of(), Map.of())).isEmpty();
  }

  @Test
  void volumeRoundsDownToTheStepAndIsCappedAtTheSymbolMaximum() {
    Map<String, VolumeTerms> terms = Map.of("EURUSD", new VolumeTerms(10, 500, 10));
    // 10.57 short, target 2.00: 8.57 rounds down to 8.50, capped at 5.00
    assertThat(HedgePlanner.plan(List.of(new SymbolExposure("EURUSD", -1057, 0)), Map.of("EURUSD", EURUSD), Set.of(),
      terms)).singleElement().satisfies(o -> assertThat(o.volume()).isEqualTo(500));
    Map<String, VolumeTerms> wide = Map.of("EURUSD", new VolumeTerms(10, 0, 10));
    assertThat(HedgePlanner.plan(List.of(new SymbolExposure("EURUSD", -1057, 0)), Map.of("EURUSD", EURUSD), Set.of(),
      wide)).singleElement().satisfies(o -> assertThat(o.volume()).isEqualTo(850));
  }

  @Test
  void aHedgeBelowTheLeastVolumeIsNotSent() {
    ExposureLimit tight = new ExposureLimit("EURUSD", 1000, 1000, true);
    // 10.05 against max 10.00 and target 10.00: 0.05 to hedge, below the 0.10 minimum
    assertThat(HedgePlanner.plan(List.of(new SymbolExposure("EURUSD", 1005, 0)), Map.of("EURUSD", tight), Set.of(),
      Map.of("EURUSD", new VolumeTerms(10, 0, 1)))).isEmpty();
  }
}
