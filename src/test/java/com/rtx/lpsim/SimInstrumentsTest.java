package com.rtx.lpsim;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimInstrumentsTest {

  private final SimInstruments catalogue = SimInstruments.load();

  @Test
  void catalogueHoldsTheMajorsCrossesMetalsIndicesAndBrent() {
    assertThat(catalogue.all()).extracting(SimInstrument::symbol).containsExactly(
      "EURUSD", "GBPUSD", "USDJPY", "USDCHF", "AUDUSD", "USDCAD", "NZDUSD", "EURGBP", "EURJPY", "GBPJPY",
      "XAUUSD", "XAGUSD", "US500", "DE40", "XBRUSD");
  }

  @Test
  void digitsFollowTheMarketConvention() {
    assertThat(catalogue.all()).allSatisfy(i -> assertThat(i.digits()).isEqualTo(switch (i.symbol()) {
      case "USDJPY", "EURJPY", "GBPJPY", "XAGUSD" -> 3;
      case "XAUUSD", "US500", "DE40", "XBRUSD" -> 2;
      default -> 5;
    }));
  }

  @Test
  void startPricesAreDecimalsWithTheInstrumentsScale() {
    SimInstrument eurusd = catalogue.find("EURUSD").orElseThrow();
    SimInstrument gold = catalogue.find("XAUUSD").orElseThrow();

    assertThat(eurusd.startMid()).isEqualTo(108_500);
    assertThat(eurusd.price(eurusd.startMid()).toPlainString()).isEqualTo("1.08500");
    assertThat(gold.price(gold.startMid()).toPlainString()).isEqualTo("2650.00");
    assertThat(catalogue.find("DE40").orElseThrow().price(1_950_000)).isEqualByComparingTo("19500.00");
    assertThat(eurusd.volatilityMilliPoints()).isEqualTo(800);
    assertThat(catalogue.find("EURXXX")).isEmpty();
  }

  @Test
  void unitsRefuseMoreDecimalsThanTheInstrumentQuotes() {
    SimInstrument eurusd = catalogue.find("EURUSD").orElseThrow();

    assertThat(eurusd.units(new BigDecimal("1.085"))).isEqualTo(108_500);
    assertThatThrownBy(() -> eurusd.units(new BigDecimal("1.085001"))).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void invalidEntryIsReportedWithItsSymbol() {
    JsonObject json = new JsonObject().put("instruments", new io.vertx.core.json.JsonArray()
      .add(new JsonObject().put("symbol", "EURUSD").put("digits", 5).put("start-mid", "1.085001")
        .put("spread-points", 8).put("volatility-points", "1").put("quote-size", 1)));

    assertThatThrownBy(() -> SimInstruments.parse(json))
      .isInstanceOf(IllegalStateException.class)
      .hasMessageContaining("EURUSD")
      .hasMessageContaining("more than 5 decimals");
  }
}
