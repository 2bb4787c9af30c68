package com.rtx.core.account;

import com.rtx.core.commission.CommissionPolicy;
import com.rtx.core.money.CurrencyDigits;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A client group: the business settings shared by its accounts. Settings are versioned; every
 * stop-out records the version it ran under.
 *
 * @param name group name
 * @param version settings version, increased by every change (audit, stop-out evidence)
 * @param currency deposit currency of the group's accounts; limits in money are in it
 * @param leverage highest leverage of the group's accounts (an account's own leverage may be lower)
 * @param marginCallLevel margin level, in percent, at or below which a margin call is raised
 * @param stopOutLevel margin level, in percent, at or below which positions are closed; below
 *     {@code marginCallLevel}
 * @param markupProfile name of the markup profile whose client prices the group deals on
 * @param commission commission policy
 * @param swapFree whether swaps are waived (swap-free accounts)
 * @param execution A-Book or B-Book
 * @param hedgedMargin margin of opposite positions in hedging accounts
 * @param negativeBalanceProtection whether a negative balance left by a stop-out is reset to zero
 * @param limits pre-trade limits
 * @param tradingEnabled false: every order of the group's accounts is refused (GROUP_DISABLED)
 */
public record Group(String name, long version, String currency, int leverage, BigDecimal marginCallLevel,
                    BigDecimal stopOutLevel, String markupProfile, CommissionPolicy commission, boolean swapFree,
                    ExecutionMode execution, HedgedMarginMode hedgedMargin, boolean negativeBalanceProtection,
                    GroupLimits limits, boolean tradingEnabled) {

  /** A group whose trading is enabled. */
  public Group(String name, long version, String currency, int leverage, BigDecimal marginCallLevel,
               BigDecimal stopOutLevel, String markupProfile, CommissionPolicy commission, boolean swapFree,
               ExecutionMode execution, HedgedMarginMode hedgedMargin, boolean negativeBalanceProtection,
               GroupLimits limits) {
    this(name, version, currency, leverage, marginCallLevel, stopOutLevel, markupProfile, commission, swapFree,
      execution, hedgedMargin, negativeBalanceProtection, limits, true);
  }

  public Group {
    Objects.requireNonNull(name, "name");
    CurrencyDigits.checkCode(currency);
    if (leverage < 1) {
      throw new IllegalArgumentException("group leverage must be >= 1, got " + leverage);
    }
    Objects.requireNonNull(marginCallLevel, "marginCallLevel");
    Objects.requireNonNull(stopOutLevel, "stopOutLevel");
    if (stopOutLevel.signum() < 0 || stopOutLevel.compareTo(marginCallLevel) > 0) {
      throw new IllegalArgumentException(
        "need 0 <= stopOutLevel <= marginCallLevel, got " + stopOutLevel + " and " + marginCallLevel);
    }
    Objects.requireNonNull(markupProfile, "markupProfile");
    Objects.requireNonNull(commission, "commission");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(hedgedMargin, "hedgedMargin");
    Objects.requireNonNull(limits, "limits");
  }
}
