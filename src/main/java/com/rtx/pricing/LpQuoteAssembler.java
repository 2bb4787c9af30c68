package com.rtx.pricing;

import com.rtx.core.market.Instrument;
import com.rtx.core.market.Prices;
import com.rtx.core.pricing.LpQuote;

import java.math.BigDecimal;
import java.math.RoundingMode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps each LP's current bid and offer per symbol from FIX market-data entries (a snapshot sets
 * both sides, an incremental refresh may change one), with each side's QuoteEntryID if the LP
 * sends one, and turns them into {@link LpQuote}s once both sides are known. Prices are parsed
 * exactly with the instrument's digits; a price with more decimals than the instrument allows is
 * dropped and counted, never rounded.
 *
 * <p>Not thread-safe: owned by the pricing verticle's context.
 */
final class LpQuoteAssembler {

  private final Map<String, String[]> sides = new HashMap<>();
  private long malformed;

  /** Applies one message's entries and returns the quotes of the symbols they touched. */
  List<LpQuote> apply(String lp, List<LpMarketDataSessions.Entry> entries, long lpTime, long received,
                      Map<String, Instrument> instruments) {
    Set<String> touched = new LinkedHashSet<>();
    for (LpMarketDataSessions.Entry entry : entries) {
      // bid price, ask price, bid quote id, ask quote id: a side's id is replaced with its price
      // (a new price without an id has none), never left over from an older quote.
      String[] sidesOf = sides.computeIfAbsent(lp + "|" + entry.symbol(), k -> new String[4]);
      int side = entry.side() == '0' ? 0 : 1;
      sidesOf[side] = entry.price();
      sidesOf[side + 2] = entry.quoteId();
      touched.add(entry.symbol());
    }
    List<LpQuote> quotes = new ArrayList<>();
    for (String symbol : touched) {
      String[] bidAsk = sides.get(lp + "|" + symbol);
      Instrument instrument = instruments.get(symbol);
      if (bidAsk[0] == null || bidAsk[1] == null || instrument == null) {
        continue;
      }
      try {
        quotes.add(new LpQuote(lp, symbol, units(bidAsk[0], instrument), units(bidAsk[1], instrument), lpTime, received,
          bidAsk[2], bidAsk[3]));
      } catch (ArithmeticException | NumberFormatException e) {
        malformed++;
      }
    }
    return quotes;
  }

  /** Exact: trailing zeros are fine ("1.081200"), a digit beyond the instrument's is not. */
  private static long units(String price, Instrument instrument) {
    return Prices.fromBigDecimal(new BigDecimal(price), instrument.digits(), RoundingMode.UNNECESSARY);
  }

  /** Forgets an LP's sides (after a logout: the next logon starts from a snapshot). */
  void forget(String lp) {
    sides.keySet().removeIf(key -> key.startsWith(lp + "|"));
  }

  /** Forgets every LP's sides (the sessions stopped: the next holder starts from snapshots). */
  void forgetAll() {
    sides.clear();
  }

  long malformed() {
    return malformed;
  }
}
