package com.rtx.core.testkit;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.AccountProfile;
import com.rtx.core.account.AccountStatus;
import com.rtx.core.account.ExecutionMode;
import com.rtx.core.account.Group;
import com.rtx.core.account.GroupLimits;
import com.rtx.core.account.HedgedMarginMode;
import com.rtx.core.commission.CommissionPolicy;
import com.rtx.core.conversion.Quotes;
import com.rtx.core.market.AssetClass;
import com.rtx.core.market.Instrument;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.market.TradingSessions;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.QuoteStatus;

import java.math.BigDecimal;
import java.time.DayOfWeek;

/**
 * Instruments, quotes and groups of the core tests, with round numbers so that every expected
 * figure can be checked by hand.
 *
 * <p>Client quotes (after markup): EURUSD 1.10000/1.10010, USDJPY 150.000/150.020, EURJPY
 * 165.000/165.030, GBPUSD 1.25000/1.25020, XAUUSD 2000.00/2000.50, US500 5000.00/5000.50.
 */
public final class Fixtures {

  private Fixtures() {
  }

  public static Instrument fx(String name, int digits, String pip, String swapLong, String swapShort) {
    String base = name.substring(0, 3);
    return new Instrument(name, base, name.substring(3), digits, new BigDecimal("100000"), new BigDecimal(pip),
      new BigDecimal("0.01"), new BigDecimal("100"), new BigDecimal("0.01"), base, BigDecimal.ONE, AssetClass.FX,
      TradingSessions.always(), new BigDecimal(swapLong), new BigDecimal(swapShort), DayOfWeek.WEDNESDAY, true);
  }

  public static final SymbolTerms EURUSD = new SymbolTerms(fx("EURUSD", 5, "0.0001", "-6.5", "1.2"), 1, 0);
  public static final SymbolTerms USDJPY = SymbolTerms.of(fx("USDJPY", 3, "0.01", "12.0", "-25.0"));
  public static final SymbolTerms EURJPY = SymbolTerms.of(fx("EURJPY", 3, "0.01", "-3.0", "-1.0"));
  /** GBPUSD has a stops level of 50 points. */
  public static final SymbolTerms GBPUSD = new SymbolTerms(fx("GBPUSD", 5, "0.0001", "-4.0", "0.5"), 1, 50);
  /** Quoted, but NZD and CAD cannot be converted to USD with the fixture quotes. */
  public static final SymbolTerms NZDCAD = SymbolTerms.of(fx("NZDCAD", 5, "0.0001", "0", "0"));
  /** Enabled but never quoted. */
  public static final SymbolTerms AUDUSD = SymbolTerms.of(fx("AUDUSD", 5, "0.0001", "0", "0"));
  /** Disabled. */
  public static final SymbolTerms USDTRY = SymbolTerms.of(disabled(fx("USDTRY", 5, "0.0001", "0", "0")));
  /** Gold: 100 oz a lot, margin rate 1% (1:100), swaps −30/+10 points, triple on Wednesday. */
  public static final SymbolTerms XAUUSD = SymbolTerms.of(new Instrument("XAUUSD", "XAU", "USD", 2,
    new BigDecimal("100"), new BigDecimal("0.1"), new BigDecimal("0.01"), new BigDecimal("50"), new BigDecimal("0.01"),
    "USD", new BigDecimal("0.01"), AssetClass.METAL, TradingSessions.always(), new BigDecimal("-30"),
    new BigDecimal("10"), DayOfWeek.WEDNESDAY, true));
  /** An index CFD quoted in 0.25 steps (tick 25 points), margin rate 5%, triple swap on Friday. */
  public static final SymbolTerms US500 = new SymbolTerms(new Instrument("US500", "US5", "USD", 2, BigDecimal.ONE,
    new BigDecimal("0.01"), new BigDecimal("0.1"), new BigDecimal("50"), new BigDecimal("0.1"), "USD",
    new BigDecimal("0.05"), AssetClass.INDEX, TradingSessions.always(), new BigDecimal("-150"), new BigDecimal("-50"),
    DayOfWeek.FRIDAY, true), 25, 0);

  private static Instrument disabled(Instrument i) {
    return new Instrument(i.name(), i.baseCurrency(), i.quoteCurrency(), i.digits(), i.contractSize(), i.pipSize(),
      i.volumeMin(), i.volumeMax(), i.volumeStep(), i.marginCurrency(), i.marginRate(), i.assetClass(), i.sessions(),
      i.swapLong(), i.swapShort(), i.tripleSwapDay(), false);
  }

  public static SymbolCatalog catalog() {
    return SymbolCatalog.of(EURUSD, USDJPY, EURJPY, GBPUSD, XAUUSD, US500, NZDCAD, AUDUSD, USDTRY);
  }

  public static AggregatedQuote quote(String symbol, long bid, long ask) {
    return quote(symbol, bid, ask, 1, QuoteStatus.OK);
  }

  public static AggregatedQuote quote(String symbol, long bid, long ask, long sequence, QuoteStatus status) {
    return new AggregatedQuote(symbol, bid, ask, "LP1", "LP2", status, sequence, 1_700_000_000_000L, 1_700_000_000_001L);
  }

  public static Quotes quotes() {
    return Quotes.of(
      quote("EURUSD", 110_000, 110_010),
      quote("USDJPY", 150_000, 150_020),
      quote("EURJPY", 165_000, 165_030),
      quote("GBPUSD", 125_000, 125_020),
      quote("XAUUSD", 200_000, 200_050),
      quote("US500", 500_000, 500_050),
      quote("NZDCAD", 82_000, 82_020),
      quote("USDTRY", 3_400_000, 3_401_000));
  }

  /** USD, 1:100, margin call 100%, stop-out 50%, no commission, B-Book, larger leg, NBP on. */
  public static Group group() {
    return group(CommissionPolicy.none(), GroupLimits.NONE, ExecutionMode.B_BOOK, HedgedMarginMode.LARGER_LEG);
  }

  public static Group group(CommissionPolicy commission, GroupLimits limits, ExecutionMode execution,
                            HedgedMarginMode hedged) {
    return new Group("std", 7, "USD", 100, new BigDecimal("100"), new BigDecimal("50"), "standard", commission, false,
      execution, hedged, true, limits);
  }

  public static AccountProfile profile(AccountMode mode) {
    return new AccountProfile(1001, "USD", 100, mode, AccountStatus.ACTIVE, "std");
  }
}
