package com.rtx.core.pricing;

import com.rtx.core.pricing.QuoteCheck.Rejection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuoteCheckTest {

  private static LpQuote quote(long bid, long ask) {
    return new LpQuote("LP1", "EURUSD", bid, ask, 1_000L, 1_005L);
  }

  @Test
  void aNormalQuotePasses() {
    assertThat(QuoteCheck.check(quote(108123, 108125))).isEqualTo(Rejection.NONE);
  }

  @Test
  void bidAboveAskIsCrossed() {
    assertThat(QuoteCheck.check(quote(108126, 108125))).isEqualTo(Rejection.CROSSED);
  }

  @Test
  void bidEqualToAskIsLocked() {
    assertThat(QuoteCheck.check(quote(108125, 108125))).isEqualTo(Rejection.LOCKED);
  }

  @Test
  void zeroOrNegativePricesAreNonPositiveEvenWhenAlsoCrossed() {
    assertThat(QuoteCheck.check(quote(0, 108125))).isEqualTo(Rejection.NON_POSITIVE);
    assertThat(QuoteCheck.check(quote(108123, 0))).isEqualTo(Rejection.NON_POSITIVE);
    assertThat(QuoteCheck.check(quote(-1, -1))).isEqualTo(Rejection.NON_POSITIVE);
    assertThat(QuoteCheck.check(quote(5, -3))).isEqualTo(Rejection.NON_POSITIVE);
  }

  @Test
  void lpQuoteNeedsAnLpAndASymbol() {
    assertThatThrownBy(() -> new LpQuote(" ", "EURUSD", 1, 2, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LpQuote("LP1", null, 1, 2, 0, 0)).isInstanceOf(NullPointerException.class);
  }
}
