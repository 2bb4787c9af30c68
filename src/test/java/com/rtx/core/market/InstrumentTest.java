package com.rtx.core.market;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstrumentTest {

  static Instrument eurusd() {
    return eurusd(5, "0.0001", "0.01", "100");
  }

  private static Instrument eurusd(int digits, String pipSize, String volumeMin, String volumeMax) {
    return new Instrument("EURUSD", "EUR", "USD", digits, new BigDecimal("100000"), new BigDecimal(pipSize),
      new BigDecimal(volumeMin), new BigDecimal(volumeMax), new BigDecimal("0.01"), "EUR", BigDecimal.ONE,
      AssetClass.FX, TradingSessions.parse("MON 00:00-24:00; FRI 00:00-21:00; SUN 22:00-24:00"),
      new BigDecimal("-6.5"), new BigDecimal("1.2"), DayOfWeek.WEDNESDAY, true);
  }

  @Test
  void formatsAndParsesWithItsOwnDigits() {
    Instrument eurusd = eurusd();

    assertThat(eurusd.parse("1.08123")).isEqualTo(108123L);
    assertThat(eurusd.format(108120)).isEqualTo("1.08120");
    assertThat(eurusd.toBigDecimal(108123)).isEqualTo(new BigDecimal("1.08123"));
    assertThatThrownBy(() -> eurusd.parse("1.081234")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsACfdWithAPipOfOnePoint() {
    Instrument us500 = new Instrument("US500", "US500", "USD", 1, BigDecimal.ONE, new BigDecimal("0.1"),
      new BigDecimal("0.1"), new BigDecimal("50"), new BigDecimal("0.1"), "USD", new BigDecimal("0.05"),
      AssetClass.INDEX, TradingSessions.always(), BigDecimal.ZERO, BigDecimal.ZERO, DayOfWeek.FRIDAY, true);

    assertThat(us500.format(51234)).isEqualTo("5123.4");
  }

  @Test
  void rejectsAPipFinerThanItsDigits() {
    assertThatThrownBy(() -> eurusd(3, "0.0001", "0.01", "100"))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pipSize 0.0001 is finer than 3 digits");
  }

  @Test
  void rejectsAMaximumVolumeBelowTheMinimum() {
    assertThatThrownBy(() -> eurusd(5, "0.0001", "1", "0.5"))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volumeMax");
  }

  @Test
  void rejectsNonPositiveSizesAndBadDigits() {
    assertThatThrownBy(() -> eurusd(5, "0", "0.01", "100")).hasMessageContaining("pipSize");
    assertThatThrownBy(() -> eurusd(5, "0.0001", "-0.01", "100")).hasMessageContaining("volumeMin");
    assertThatThrownBy(() -> eurusd(19, "0.0001", "0.01", "100")).hasMessageContaining("digits");
  }

  @Test
  void rejectsABlankName() {
    Instrument ok = eurusd();
    assertThatThrownBy(() -> new Instrument(" ", ok.baseCurrency(), ok.quoteCurrency(), ok.digits(), ok.contractSize(),
      ok.pipSize(), ok.volumeMin(), ok.volumeMax(), ok.volumeStep(), ok.marginCurrency(), ok.marginRate(), ok.assetClass(),
      ok.sessions(), ok.swapLong(), ok.swapShort(), ok.tripleSwapDay(), ok.enabled()))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
  }
}
