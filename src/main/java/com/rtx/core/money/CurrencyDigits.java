package com.rtx.core.money;

import java.util.Map;
import java.util.Objects;

/**
 * How many decimals the minor unit of a currency has: the scale of every {@link Money} amount.
 *
 * <p>Source: ISO 4217 minor units ("exponent"), restricted to currencies a retail FX/CFD broker
 * keeps accounts or fees in. Currencies not in the table have 2 decimals, the ISO value of almost
 * every currency. The table is fixed in code, not configuration: changing a currency's scale
 * would reinterpret every stored amount.
 */
public final class CurrencyDigits {

  /** The minor-unit decimals of currencies that differ from {@link #DEFAULT}. */
  private static final Map<String, Integer> EXCEPTIONS = Map.of(
    "JPY", 0, // ISO 4217: yen has no minor unit in use
    "KRW", 0,
    "HUF", 2, // ISO lists 2 (fillér is obsolete but the exponent stays 2)
    "CLP", 0,
    "ISK", 0,
    "BHD", 3,
    "KWD", 3,
    "OMR", 3,
    "JOD", 3,
    "TND", 3);

  /** Minor-unit decimals of every currency not listed: 2. */
  public static final int DEFAULT = 2;

  private CurrencyDigits() {
  }

  /**
   * The minor-unit decimals of {@code currency}, e.g. 2 for USD, 0 for JPY, 3 for KWD.
   *
   * @throws IllegalArgumentException if {@code currency} is not three upper-case letters
   */
  public static int of(String currency) {
    checkCode(currency);
    return EXCEPTIONS.getOrDefault(currency, DEFAULT);
  }

  /** Throws unless {@code currency} is a three-letter upper-case code such as {@code USD}. */
  public static void checkCode(String currency) {
    Objects.requireNonNull(currency, "currency");
    if (!isCode(currency)) {
      throw new IllegalArgumentException("currency must be a 3-letter upper-case code, got '" + currency + "'");
    }
  }

  // A plain loop: called on every rounding to minor units, where a stream showed in profiles.
  private static boolean isCode(String currency) {
    if (currency.length() != 3) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      char c = currency.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }
}
