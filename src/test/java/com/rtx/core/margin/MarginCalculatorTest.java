package com.rtx.core.margin;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.ExecutionMode;
import com.rtx.core.account.Group;
import com.rtx.core.account.GroupLimits;
import com.rtx.core.account.HedgedMarginMode;
import com.rtx.core.commission.CommissionPolicy;
import com.rtx.core.market.AssetClass;
import com.rtx.core.testkit.Fixtures;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worked margin examples. Formulas: MetaTrader 5 Help, "Margin calculation": Forex
 * lots × contractSize / leverage × marginRate (in the base currency); CFD
 * lots × contractSize × marketPrice × marginRate (in the quote currency). Conversion into the
 * account currency as a debit (ask for BASE→QUOTE), rounded up.
 */
class MarginCalculatorTest {

  private static final Instant T = Instant.parse("2025-01-15T12:00:00Z");

  private static MarginCalculator calc(Group group, AccountMode mode, int leverage) {
    return new MarginCalculator(group, mode, leverage, "USD", Fixtures.catalog(), Fixtures.quotes(), true);
  }

  private static Group group(GroupLimits limits, HedgedMarginMode hedged) {
    return Fixtures.group(CommissionPolicy.none(), limits, ExecutionMode.B_BOOK, hedged);
  }

  private static Position pos(long id, String symbol, Side side, long volume, String price) {
    return new Position(id, 1001, symbol, side, volume, new BigDecimal(price), T, 0, 0, 0, 0);
  }

  @Test
  void forexMarginIsNotionalOverLeverageInTheBaseCurrency() {
    // 1 lot EURUSD at 1:100 = 100,000 / 100 = 1,000 EUR; x 1.10010 (EURUSD ask) = 1,100.10 USD
    assertThat(calc(Fixtures.group(), AccountMode.HEDGING, 100).positionMargin(Fixtures.EURUSD, Side.BUY, 100))
      .isEqualTo(110_010);
    // USDJPY's base is USD: 1,000 USD, no conversion; EURJPY's base is EUR: 1,100.10 USD
    assertThat(calc(Fixtures.group(), AccountMode.HEDGING, 100).positionMargin(Fixtures.USDJPY, Side.SELL, 100))
      .isEqualTo(100_000);
    assertThat(calc(Fixtures.group(), AccountMode.HEDGING, 100).positionMargin(Fixtures.EURJPY, Side.SELL, 100))
      .isEqualTo(110_010);
  }

  @Test
  void theLowerOfAccountAndGroupLeverageApplies() {
    // account 1:50 in a 1:100 group: 0.10 lot EURUSD = 10,000 / 50 = 200 EUR x 1.10010 = 220.02 USD
    assertThat(calc(Fixtures.group(), AccountMode.HEDGING, 50).positionMargin(Fixtures.EURUSD, Side.BUY, 10))
      .isEqualTo(22_002);
    // account 1:500 in a 1:100 group: the group's 1:100 wins
    assertThat(calc(Fixtures.group(), AccountMode.HEDGING, 500).positionMargin(Fixtures.EURUSD, Side.BUY, 10))
      .isEqualTo(11_001);
  }

  @Test
  void metalMarginIsNotionalTimesMarginRateAtTheOpeningSide() {
    // 1 lot XAUUSD long: 1 x 100 x 2000.50 (ask) x 0.01 = 2,000.50 USD; short: at the bid 2000.00 = 2,000.00
    MarginCalculator c = calc(Fixtures.group(), AccountMode.HEDGING, 100);
    assertThat(c.positionMargin(Fixtures.XAUUSD, Side.BUY, 100)).isEqualTo(200_050);
    assertThat(c.positionMargin(Fixtures.XAUUSD, Side.SELL, 100)).isEqualTo(200_000);
    // index CFD: 1 lot US500 (contract 1) long at 5000.50 x 5% = 250.025 -> rounded up 250.03
    assertThat(c.positionMargin(Fixtures.US500, Side.BUY, 100)).isEqualTo(25_003);
  }

  @Test
  void leverageCapsRaiseTheMarginOfTheirAssetClass() {
    // ESMA-style caps: FX 30, metals 20.
    Group capped = group(new GroupLimits(0, 0, 0, 0, Map.of(AssetClass.FX, 30, AssetClass.METAL, 20)),
      HedgedMarginMode.LARGER_LEG);
    MarginCalculator c = calc(capped, AccountMode.HEDGING, 100);
    // EURUSD: 100,000 / 30 = 3,333.33.. EUR x 1.10010 = 3,667.00 USD (rounded up from 3,666.99..)
    assertThat(c.positionMargin(Fixtures.EURUSD, Side.BUY, 100)).isEqualTo(366_700);
    // XAUUSD: rate max(1%, 1/20 = 5%): 100 x 2000.50 x 0.05 = 10,002.50 USD
    assertThat(c.positionMargin(Fixtures.XAUUSD, Side.BUY, 100)).isEqualTo(1_000_250);
    // without caps, as the plain 1:100 account
    assertThat(c.withoutLeverageCaps().positionMargin(Fixtures.EURUSD, Side.BUY, 100)).isEqualTo(110_010);
    // an index is not capped in this group
    assertThat(c.positionMargin(Fixtures.US500, Side.BUY, 100)).isEqualTo(25_003);
  }

  @Test
  void hedgedPositionsNeedOnlyTheLargerLegUnderTheDefaultPolicy() {
    List<Position> hedged = List.of(
      pos(1, "EURUSD", Side.BUY, 100, "1.10010"),
      pos(2, "EURUSD", Side.SELL, 40, "1.10000"),
      pos(3, "EURUSD", Side.SELL, 30, "1.10000"),
      pos(4, "USDJPY", Side.BUY, 10, "150.020"));
    // EURUSD long leg 1,100.10; short legs 440.04 + 330.03 = 770.07 -> larger leg 1,100.10; USDJPY 100.00
    assertThat(calc(group(GroupLimits.NONE, HedgedMarginMode.LARGER_LEG), AccountMode.HEDGING, 100)
      .accountMargin(hedged)).isEqualTo(110_010 + 10_000);
    // FULL: every leg: 1,100.10 + 440.04 + 330.03 + 100.00
    assertThat(calc(group(GroupLimits.NONE, HedgedMarginMode.FULL), AccountMode.HEDGING, 100)
      .accountMargin(hedged)).isEqualTo(110_010 + 44_004 + 33_003 + 10_000);
  }

  @Test
  void noPositionsNoMargin() {
    assertThat(calc(Fixtures.group(), AccountMode.NETTING, 100).accountMargin(List.of())).isZero();
  }
}
