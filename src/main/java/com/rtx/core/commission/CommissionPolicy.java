package com.rtx.core.commission;

import com.rtx.core.money.Money;

import java.util.Objects;

/**
 * How a client group pays commission. Every policy charges <em>per side</em>: the deal that opens
 * volume and the deal that closes it are each charged (a "round turn" costs twice the rate).
 */
public sealed interface CommissionPolicy {

  /** No commission (spread-only groups). */
  record None() implements CommissionPolicy {
  }

  /**
   * A fixed amount per lot per side, e.g. 3.50 USD per lot: 0.10 lot costs 0.35 USD per side.
   *
   * @param perLot the amount per lot; its currency need not be the account's (it is converted)
   */
  record PerLot(Money perLot) implements CommissionPolicy {
    public PerLot {
      Objects.requireNonNull(perLot, "perLot");
      if (perLot.signum() < 0) {
        throw new IllegalArgumentException("commission per lot must be >= 0, got " + perLot);
      }
    }
  }

  /**
   * An amount per million of notional traded per side, the notional measured in the rate's
   * currency, e.g. 25 USD per 1,000,000 USD: 1 lot of EURUSD at 1.10000 (110,000 USD notional)
   * costs 2.75 USD per side.
   *
   * @param perMillion the amount per million; the notional is converted to its currency
   */
  record PerMillion(Money perMillion) implements CommissionPolicy {
    public PerMillion {
      Objects.requireNonNull(perMillion, "perMillion");
      if (perMillion.signum() < 0) {
        throw new IllegalArgumentException("commission per million must be >= 0, got " + perMillion);
      }
    }
  }

  /** The policy that charges nothing. */
  static CommissionPolicy none() {
    return new None();
  }
}
