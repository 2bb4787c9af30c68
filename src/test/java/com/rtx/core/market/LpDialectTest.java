package com.rtx.core.market;

import com.rtx.core.market.LpDialect.QuantityUnit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LpDialectTest {

  private static final BigDecimal FX_LOT = new BigDecimal("100000");
  private static final LpDialect SLASHED_LOTS = new LpDialect(QuantityUnit.LOTS,
    Map.of("EURUSD", "EUR/USD", "GBPUSD", "GBP/USD"));
  private static final Set<String> KNOWN = Set.of("EURUSD", "GBPUSD", "USDJPY");

  @Test
  void namesRenamedSymbolsTheLpsWayAndKeepsTheOthers() {
    assertThat(SLASHED_LOTS.lpSymbol("EURUSD")).isEqualTo("EUR/USD");
    assertThat(SLASHED_LOTS.lpSymbol("USDJPY")).isEqualTo("USDJPY");
  }

  @Test
  void mapsTheLpsNamesBack() {
    assertThat(SLASHED_LOTS.symbol("EUR/USD")).contains("EURUSD");
    assertThat(SLASHED_LOTS.symbol("USDJPY")).contains("USDJPY");
  }

  @Test
  void aPlatformNameTheLpRenamedOrNoNameAtAllMeansNothing() {
    // The LP calls it EUR/USD: "EURUSD" from it is not ours to guess about.
    assertThat(SLASHED_LOTS.symbol("EURUSD")).isEmpty();
    assertThat(SLASHED_LOTS.symbol(null)).isEmpty();
  }

  @Test
  void lotsAreSentAsLotsToALotsLp() {
    // 0.10 lot of EURUSD is 0.1 at an LP counting lots, 10000 at one counting units.
    assertThat(SLASHED_LOTS.toLp(new BigDecimal("0.10"), FX_LOT)).isEqualByComparingTo("0.1");
    assertThat(LpDialect.STANDARD.toLp(new BigDecimal("0.10"), FX_LOT).toPlainString()).isEqualTo("10000");
  }

  @Test
  void lpQuantitiesBecomeLots() {
    assertThat(SLASHED_LOTS.toLots(new BigDecimal("0.1"), FX_LOT)).isEqualByComparingTo("0.10");
    assertThat(LpDialect.STANDARD.toLots(new BigDecimal("10000"), FX_LOT)).isEqualByComparingTo("0.10");
    // XAUUSD, 100 oz a lot: 1 oz is 0.01 lot.
    assertThat(LpDialect.STANDARD.toLots(BigDecimal.ONE, new BigDecimal("100"))).isEqualByComparingTo("0.01");
  }

  @Test
  void unitsAndBackAreExact() {
    for (String lots : new String[] {"0.01", "0.10", "1.5", "250"}) {
      BigDecimal sent = LpDialect.STANDARD.toLp(new BigDecimal(lots), FX_LOT);
      assertThat(LpDialect.STANDARD.toLots(sent, FX_LOT)).isEqualByComparingTo(lots);
      BigDecimal inLots = SLASHED_LOTS.toLp(new BigDecimal(lots), FX_LOT);
      assertThat(SLASHED_LOTS.toLots(inLots, FX_LOT)).isEqualByComparingTo(lots);
    }
  }

  @Test
  void standardIsWhatAnLpWithoutSettingsSpeaks() {
    assertThat(LpDialect.STANDARD.isStandard()).isTrue();
    assertThat(SLASHED_LOTS.isStandard()).isFalse();
    assertThat(new LpDialect(QuantityUnit.LOTS, Map.of()).isStandard()).isFalse();
  }

  @Test
  void refusesAnUnknownSymbolNamingIt() {
    assertThat(LpDialect.check(Map.of("EURXXX", "EUR/XXX"), KNOWN))
      .contains(new LpDialect.Problem("symbolNames.EURXXX", "no symbol named EURXXX"));
  }

  @Test
  void refusesTwoSymbolsWithOneLpName() {
    assertThat(LpDialect.check(Map.of("EURUSD", "FX1", "GBPUSD", "FX1"), KNOWN)).get()
      .extracting(LpDialect.Problem::field).isEqualTo("symbolNames.GBPUSD");
  }

  @Test
  void refusesAnLpNameThatIsAnotherUnrenamedSymbol() {
    assertThat(LpDialect.check(Map.of("EURUSD", "USDJPY"), KNOWN)).get()
      .extracting(LpDialect.Problem::field).isEqualTo("symbolNames.EURUSD");
    // Swapping two names is unambiguous: both are renamed.
    assertThat(LpDialect.check(Map.of("EURUSD", "GBPUSD", "GBPUSD", "EURUSD"), KNOWN)).isEmpty();
  }

  @Test
  void refusesEmptyControlOverlongAndSpaceEdgedNames() {
    for (String bad : new String[] {"", "EUR\u0000USD", "EUR\u0001USD", "X".repeat(33), " EURUSD", "EURUSD ",
      "EUR\u00e9USD"}) {
      assertThat(LpDialect.check(Map.of("EURUSD", bad), KNOWN)).as(bad).get()
        .extracting(LpDialect.Problem::field).isEqualTo("symbolNames.EURUSD");
    }
    assertThat(LpDialect.check(Map.of("EURUSD", "X".repeat(32)), KNOWN)).isEmpty();
    assertThat(LpDialect.check(Map.of("EURUSD", "EUR USD.r"), KNOWN)).isEmpty();
  }

  @Test
  void cannotBeBuiltBroken() {
    assertThatThrownBy(() -> new LpDialect(QuantityUnit.UNITS, Map.of("EURUSD", "")))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbolNames.EURUSD");
    assertThatThrownBy(() -> new LpDialect(null, Map.of())).isInstanceOf(NullPointerException.class);
  }
}
