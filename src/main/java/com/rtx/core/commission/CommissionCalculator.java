package com.rtx.core.commission;

import com.rtx.core.conversion.ConversionDirection;
import com.rtx.core.conversion.ConversionNeed;
import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.market.Lots;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Rounding;

import java.math.BigDecimal;
import java.util.List;

/**
 * The commission of one deal side, in the account currency.
 *
 * <p>Formulas (per side):
 * <ul>
 *   <li>per lot: {@code lots × rate}, then into the account currency. Source: MetaTrader 5 group
 *       commission "in money, per lot"; cTrader "commission per lot".</li>
 *   <li>per million: {@code lots × contractSize × dealPrice} is the notional in the quote
 *       currency, converted to the rate's currency; commission = {@code notional × rate /
 *       1,000,000}, then into the account currency. Source: cTrader "commission per 1 million
 *       USD traded"; MT5 "in money, per volume (turnover)".</li>
 * </ul>
 * Every conversion is {@link ConversionDirection#DEBIT} (a charge), and the result is rounded
 * once, {@link Rounding.Purpose#COMMISSION} (HALF_UP), to the account currency's minor unit.
 */
public final class CommissionCalculator {

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private CommissionCalculator() {
  }

  /**
   * The commission to charge, {@code >= 0}, in minor units of {@code accountCurrency}.
   *
   * @param volume deal volume in {@link Lots} units
   * @param price deal price in the instrument's units
   * @throws IllegalStateException if a needed conversion has no quote (check
   *     {@link #currenciesNeeded} beforehand)
   */
  public static long commission(CommissionPolicy policy, SymbolTerms terms, long volume, long price,
                                String accountCurrency, CurrencyConverter converter) {
    BigDecimal lots = Lots.toBigDecimal(volume);
    BigDecimal inAccount;
    if (policy instanceof CommissionPolicy.None) {
      return 0;
    } else if (policy instanceof CommissionPolicy.PerLot perLot) {
      BigDecimal fee = perLot.perLot().toBigDecimal().multiply(lots);
      inAccount = converter.require(fee, perLot.perLot().currency(), accountCurrency, ConversionDirection.DEBIT);
    } else if (policy instanceof CommissionPolicy.PerMillion perMillion) {
      String feeCurrency = perMillion.perMillion().currency();
      BigDecimal notionalQuote = lots.multiply(terms.instrument().contractSize()).multiply(terms.price(price));
      BigDecimal notionalFee = converter.require(notionalQuote, terms.instrument().quoteCurrency(), feeCurrency,
        ConversionDirection.DEBIT);
      BigDecimal fee = Rounding.divide(notionalFee.multiply(perMillion.perMillion().toBigDecimal()), MILLION);
      inAccount = converter.require(fee, feeCurrency, accountCurrency, ConversionDirection.DEBIT);
    } else {
      throw new IllegalArgumentException("unknown commission policy " + policy);
    }
    return Rounding.toMinor(inAccount, accountCurrency, Rounding.Purpose.COMMISSION);
  }

  /** The conversions a deal of {@code terms} needs under {@code policy}. */
  public static List<ConversionNeed> currenciesNeeded(CommissionPolicy policy, SymbolTerms terms, String accountCurrency) {
    if (policy instanceof CommissionPolicy.PerLot perLot) {
      return List.of(new ConversionNeed(perLot.perLot().currency(), accountCurrency));
    }
    if (policy instanceof CommissionPolicy.PerMillion perMillion) {
      String fee = perMillion.perMillion().currency();
      return List.of(new ConversionNeed(terms.instrument().quoteCurrency(), fee), new ConversionNeed(fee, accountCurrency));
    }
    return List.of();
  }
}
