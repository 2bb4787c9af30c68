package com.rtx.core.market;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Trade volume as a scaled {@code long} of hundredths of a lot ({@value #DIGITS} decimals, the
 * scale of the {@code volume_*} columns): 0.10 lot is {@code 10}, 1.5 lots is {@code 150}.
 *
 * <p>Volumes are added and compared exactly, which keeps netting flips and partial closes exact.
 */
public final class Lots {

  /** Decimals of a volume. */
  public static final int DIGITS = 2;

  /** One lot in volume units. */
  public static final long ONE_LOT = 100;

  private Lots() {
  }

  /**
   * An exact decimal lot count in volume units, e.g. {@code "0.10"} → 10.
   *
   * @throws ArithmeticException if it has more than {@value #DIGITS} decimals or does not fit
   */
  public static long of(BigDecimal lots) {
    return lots.movePointRight(DIGITS).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
  }

  /** {@link #of(BigDecimal)} of a decimal string. */
  public static long of(String lots) {
    return of(new BigDecimal(lots));
  }

  /** The exact lot count of {@code volume} units, e.g. 10 → 0.10. */
  public static BigDecimal toBigDecimal(long volume) {
    return BigDecimal.valueOf(volume, DIGITS);
  }

  /** Plain decimal, e.g. 150 → {@code "1.50"}. */
  public static String format(long volume) {
    return toBigDecimal(volume).toPlainString();
  }
}
