package com.rtx.support;

import com.rtx.core.market.AssetClass;
import com.rtx.core.market.Instrument;
import com.rtx.core.market.TradingSessions;

import java.math.BigDecimal;
import java.time.DayOfWeek;

/** Instruments as the demo data defines them, for tests that need one without a database. */
public final class TestInstruments {

  private TestInstruments() {
  }

  public static Instrument eurgbp() {
    return fx("EURGBP", "EUR", "GBP", 5);
  }

  public static Instrument fx(String name, String base, String quote, int digits) {
    return new Instrument(name, base, quote, digits, new BigDecimal("100000"),
      digits == 3 ? new BigDecimal("0.01") : new BigDecimal("0.0001"), new BigDecimal("0.01"), new BigDecimal("100"),
      new BigDecimal("0.01"), base, BigDecimal.ONE, AssetClass.FX, TradingSessions.always(), BigDecimal.ZERO,
      BigDecimal.ZERO, DayOfWeek.WEDNESDAY, true);
  }
}
