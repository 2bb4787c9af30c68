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
  private static final BigDecimal GOLD_LOT = new BigDecimal("100");
  /** Counts lots, its gold lot 1000 oz (the platform's: 100) and its US500 lot 10 (ours: 1). */
  private static final LpDialect OWN_LOTS = new LpDialect(QuantityUnit.LOTS, Map.of(),
    Map.of("XAUUSD", new BigDecimal("1000"), "US500", BigDecimal.TEN));

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
    assertThat(SLASHED_LOTS.toLp("EURUSD", new BigDecimal("0.10"), FX_LOT)).isEqualByComparingTo("0.1");
    assertThat(LpDialect.STANDARD.toLp("EURUSD", new BigDecimal("0.10"), FX_LOT).toPlainString()).isEqualTo("10000");
  }

  @Test
  void lpQuantitiesBecomeLots() {
    assertThat(SLASHED_LOTS.toLots("EURUSD", new BigDecimal("0.1"), FX_LOT)).isEqualByComparingTo("0.10");
    assertThat(LpDialect.STANDARD.toLots("EURUSD", new BigDecimal("10000"), FX_LOT)).isEqualByComparingTo("0.10");
    // XAUUSD, 100 oz a lot: 1 oz is 0.01 lot.
    assertThat(LpDialect.STANDARD.toLots("XAUUSD", BigDecimal.ONE, new BigDecimal("100"))).isEqualByComparingTo("0.01");
  }

  @Test
  void unitsAndBackAreExact() {
    for (String lots : new String[] {"0.01", "0.10", "1.5", "250"}) {
      BigDecimal sent = LpDialect.STANDARD.toLp("EURUSD", new BigDecimal(lots), FX_LOT);
      assertThat(LpDialect.STANDARD.toLots("EURUSD", sent, FX_LOT)).isEqualByComparingTo(lots);
      BigDecimal inLots = SLASHED_LOTS.toLp("EURUSD", new BigDecimal(lots), FX_LOT);
      assertThat(SLASHED_LOTS.toLots("EURUSD", inLots, FX_LOT)).isEqualByComparingTo(lots);
    }
  }

  @Test
  void lotsOfTheLpsOwnSizeAreLotsTimesOurSizeOverItsSize() {
    // 0.10 lot of 100 oz = 10 oz = 0.01 of the LP's 1000-oz lots; 2.5 index lots of 1 = 0.25 of 10.
    assertThat(OWN_LOTS.toLp("XAUUSD", new BigDecimal("0.10"), GOLD_LOT).toPlainString()).isEqualTo("0.01");
    assertThat(OWN_LOTS.toLp("US500", new BigDecimal("2.5"), BigDecimal.ONE).toPlainString()).isEqualTo("0.25");
    // A symbol without its own size counts the platform's lots, as before.
    assertThat(OWN_LOTS.toLp("EURUSD", new BigDecimal("0.10"), FX_LOT).toPlainString()).isEqualTo("0.1");
    assertThat(OWN_LOTS.lotSize("XAUUSD", GOLD_LOT)).isEqualByComparingTo("1000");
    assertThat(OWN_LOTS.lotSize("EURUSD", FX_LOT)).isEqualByComparingTo(FX_LOT);
    assertThat(OWN_LOTS.lotSize(null, BigDecimal.ONE)).isEqualByComparingTo("1");
    // An LP lot smaller than ours: 0.01 lot of 100 oz is 1 of an LP's 1-oz lots.
    LpDialect ounces = new LpDialect(QuantityUnit.LOTS, Map.of(), Map.of("XAUUSD", BigDecimal.ONE));
    assertThat(ounces.toLp("XAUUSD", new BigDecimal("0.01"), GOLD_LOT).toPlainString()).isEqualTo("1");
  }

  @Test
  void aQuantityTheLpsLotsCannotSayExactlyIsRefusedNotRounded() {
    LpDialect thirds = new LpDialect(QuantityUnit.LOTS, Map.of(), Map.of("XAUUSD", new BigDecimal("300")));
    // 0.30 lot = 30 oz = 0.1 of 300 oz: exact; 0.10 lot = 10 oz = 0.0333… of it: not.
    assertThat(thirds.toLp("XAUUSD", new BigDecimal("0.30"), GOLD_LOT).toPlainString()).isEqualTo("0.1");
    assertThatThrownBy(() -> thirds.toLp("XAUUSD", new BigDecimal("0.10"), GOLD_LOT))
      .isInstanceOf(LpDialect.InexactQuantity.class).hasMessageContaining("0.10 lots of XAUUSD (10 units)")
      .hasMessageContaining("300 units");
    // Terminating, but finer than 8 decimals of the LP's lot: 0.01 lot of 100 oz at a 1e9-oz lot.
    LpDialect huge = new LpDialect(QuantityUnit.LOTS, Map.of(), Map.of("XAUUSD", new BigDecimal("1000000000")));
    assertThatThrownBy(() -> huge.toLp("XAUUSD", new BigDecimal("0.01"), GOLD_LOT))
      .isInstanceOf(LpDialect.InexactQuantity.class);
    assertThat(huge.toLp("XAUUSD", new BigDecimal("0.10"), GOLD_LOT).toPlainString()).isEqualTo("0.00000001");
  }

  @Test
  void theLpsOwnLotsComeBackAsOurLotsAndUnits() {
    assertThat(OWN_LOTS.toLots("XAUUSD", new BigDecimal("0.01"), GOLD_LOT)).isEqualByComparingTo("0.10");
    assertThat(OWN_LOTS.toLots("US500", new BigDecimal("0.25"), BigDecimal.ONE)).isEqualByComparingTo("2.5");
    assertThat(OWN_LOTS.toUnits("XAUUSD", new BigDecimal("0.01"), GOLD_LOT)).isEqualByComparingTo("10");
    assertThat(OWN_LOTS.toUnits("EURUSD", new BigDecimal("0.1"), FX_LOT)).isEqualByComparingTo("10000");
    assertThat(LpDialect.STANDARD.toUnits("EURUSD", new BigDecimal("10000"), FX_LOT)).isEqualByComparingTo("10000");
  }

  @Test
  void ownLotsAndBackAreExact() {
    for (String lots : new String[] {"0.01", "0.10", "1.5", "250", "49.99"}) {
      BigDecimal sent = OWN_LOTS.toLp("XAUUSD", new BigDecimal(lots), GOLD_LOT);
      assertThat(OWN_LOTS.toLots("XAUUSD", sent, GOLD_LOT)).as(lots).isEqualByComparingTo(lots);
      BigDecimal index = OWN_LOTS.toLp("US500", new BigDecimal(lots), BigDecimal.ONE);
      assertThat(OWN_LOTS.toLots("US500", index, BigDecimal.ONE)).as(lots).isEqualByComparingTo(lots);
    }
  }

  @Test
  void refusesContractSizesNamingTheField() {
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    for (String size : new String[] {"0", "0.0", "-1", "NaN", "1e3", "Infinity", "", " 100", "100 ", "1,5",
      "1".repeat(13), "0.000000001", "+5", ".5", "5."}) {
      bad.put("XAUUSD", size);
      assertThat(LpDialect.checkContractSizes(QuantityUnit.LOTS, bad, KNOWN_WITH_GOLD)).as(size).get()
        .extracting(LpDialect.Problem::field).isEqualTo("contractSizes.XAUUSD");
    }
    assertThat(LpDialect.checkContractSizes(QuantityUnit.LOTS, Map.of("XAGXXX", "100"), KNOWN_WITH_GOLD))
      .contains(new LpDialect.Problem("contractSizes.XAGXXX", "no symbol named XAGXXX"));
    assertThat(LpDialect.checkContractSizes(QuantityUnit.UNITS, Map.of("XAUUSD", "100"), KNOWN_WITH_GOLD)).get()
      .extracting(LpDialect.Problem::field).isEqualTo("contractSizes");
    for (String good : new String[] {"100", "0.01", "1".repeat(12), "0.00000001", "10.5"}) {
      assertThat(LpDialect.checkContractSizes(QuantityUnit.LOTS, Map.of("XAUUSD", good), KNOWN_WITH_GOLD)).as(good)
        .isEmpty();
    }
    assertThat(LpDialect.checkContractSizes(QuantityUnit.UNITS, Map.of(), KNOWN_WITH_GOLD)).isEmpty();
    assertThatThrownBy(() -> new LpDialect(QuantityUnit.LOTS, Map.of(), Map.of("XAUUSD", BigDecimal.ZERO)))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contractSizes.XAUUSD");
    assertThatThrownBy(() -> new LpDialect(QuantityUnit.UNITS, Map.of(), Map.of("XAUUSD", GOLD_LOT)))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contractSizes");
  }

  private static final Set<String> KNOWN_WITH_GOLD = Set.of("EURUSD", "XAUUSD", "US500");

  @Test
  void standardIsWhatAnLpWithoutSettingsSpeaks() {
    assertThat(LpDialect.STANDARD.isStandard()).isTrue();
    assertThat(SLASHED_LOTS.isStandard()).isFalse();
    assertThat(new LpDialect(QuantityUnit.LOTS, Map.of()).isStandard()).isFalse();
    assertThat(OWN_LOTS.isStandard()).isFalse();
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
