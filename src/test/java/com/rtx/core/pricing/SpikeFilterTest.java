package com.rtx.core.pricing;

import com.rtx.core.pricing.SpikeFilter.Decision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpikeFilterTest {

  private long clock = 1_700_000_000_000L;

  /** A quote one unit wide around {@code mid} (mid = bid + 0.5). */
  private LpQuote around(long bid) {
    return quote(bid, bid + 1);
  }

  private LpQuote quote(long bid, long ask) {
    clock += 100;
    return new LpQuote("LP1", "EURUSD", bid, ask, clock, clock);
  }

  @Test
  void firstQuoteIsAccepted() {
    SpikeFilter filter = new SpikeFilter(50, 2);

    assertThat(filter.offer(around(1000))).isEqualTo(Decision.ACCEPT);
  }

  @Test
  void movesUpToTheLimitAreAcceptedAndOneUnitMoreIsHeld() {
    SpikeFilter filter = new SpikeFilter(50, 2);
    filter.offer(around(1000));

    assertThat(filter.offer(around(1050))).as("exactly 50 up").isEqualTo(Decision.ACCEPT);
    assertThat(filter.offer(around(1000))).as("exactly 50 down").isEqualTo(Decision.ACCEPT);
    assertThat(filter.offer(around(1051))).as("51 up").isEqualTo(Decision.HOLD);
    assertThat(filter.holding()).isTrue();
  }

  @Test
  void anIsolatedSpikeIsHeldAndDiscardedWhenPricesReturn() {
    SpikeFilter filter = new SpikeFilter(50, 2);
    filter.offer(around(1000));

    assertThat(filter.offer(around(1500))).isEqualTo(Decision.HOLD);
    assertThat(filter.offer(around(1010))).isEqualTo(Decision.ACCEPT);
    assertThat(filter.holding()).isFalse();
    // The spike level is forgotten: going there again starts from zero confirmations.
    assertThat(filter.offer(around(1500))).isEqualTo(Decision.HOLD);
    assertThat(filter.confirmations()).isZero();
  }

  @Test
  void aJumpIsConfirmedAfterConfirmTicksFurtherQuotesNearTheNewLevel() {
    // The worked example of the Javadoc: J = 50, confirmTicks = 2, mids 1000, 1200, 1210, 1190.
    SpikeFilter filter = new SpikeFilter(50, 2);

    assertThat(filter.offer(around(1000))).isEqualTo(Decision.ACCEPT);
    assertThat(filter.offer(around(1200))).isEqualTo(Decision.HOLD);
    assertThat(filter.offer(around(1210))).isEqualTo(Decision.HOLD);
    assertThat(filter.confirmations()).isEqualTo(1);
    assertThat(filter.offer(around(1190))).isEqualTo(Decision.CONFIRMED);

    assertThat(filter.holding()).isFalse();
    // The confirmed quote (1190) is the new reference: 1240 is within 50 of it, 1000 is not.
    assertThat(filter.offer(around(1240))).isEqualTo(Decision.ACCEPT);
    assertThat(filter.offer(around(1000))).isEqualTo(Decision.HOLD);
  }

  @Test
  void aQuoteFarFromBothLevelsRestartsTheCandidate() {
    SpikeFilter filter = new SpikeFilter(50, 2);
    filter.offer(around(1000));
    filter.offer(around(1200));
    filter.offer(around(1210));

    assertThat(filter.offer(around(1300))).as("100 from the candidate 1200").isEqualTo(Decision.HOLD);
    assertThat(filter.confirmations()).isZero();
    assertThat(filter.offer(around(1260))).isEqualTo(Decision.HOLD);
    assertThat(filter.offer(around(1340))).isEqualTo(Decision.CONFIRMED);
  }

  @Test
  void theCandidateLevelDoesNotFollowADriftingPrice() {
    SpikeFilter filter = new SpikeFilter(50, 3);
    filter.offer(around(1000));
    filter.offer(around(1200));

    assertThat(filter.offer(around(1240))).isEqualTo(Decision.HOLD);
    assertThat(filter.offer(around(1280))).as("80 from the candidate 1200, though only 40 from 1240").isEqualTo(Decision.HOLD);
    assertThat(filter.confirmations()).isZero();
  }

  @Test
  void zeroConfirmTicksConfirmsAJumpImmediately() {
    SpikeFilter filter = new SpikeFilter(50, 0);
    filter.offer(around(1000));

    assertThat(filter.offer(around(1200))).isEqualTo(Decision.CONFIRMED);
    assertThat(filter.offer(around(1210))).isEqualTo(Decision.ACCEPT);
  }

  @Test
  void midIsComparedWithoutRoundingOddSums() {
    // Accepted mid 101 (100/102); next mid 102.5 (101/104) moved 1.5 > 1.
    // A truncated mid (102) would have looked like a move of exactly 1 and been accepted.
    SpikeFilter filter = new SpikeFilter(1, 1);
    filter.offer(quote(100, 102));

    assertThat(filter.offer(quote(101, 104))).isEqualTo(Decision.HOLD);
    assertThat(filter.offer(quote(100, 103))).as("mid 101.5, within 1 of 101").isEqualTo(Decision.ACCEPT);
  }

  @Test
  void pricesNearLongMaxDoNotOverflow() {
    SpikeFilter filter = new SpikeFilter(10, 1);
    long top = Long.MAX_VALUE;

    assertThat(filter.offer(quote(top - 4, top))).isEqualTo(Decision.ACCEPT);
    assertThat(filter.offer(quote(top - 10, top - 1))).isEqualTo(Decision.ACCEPT);
    assertThat(filter.offer(quote(1, 2))).isEqualTo(Decision.HOLD);
    assertThat(filter.offer(quote(top - 15, top - 14))).as("back near the accepted level").isEqualTo(Decision.ACCEPT);
  }

  @Test
  void resetAcceptsTheNextQuoteWhateverItsLevel() {
    SpikeFilter filter = new SpikeFilter(50, 5);
    filter.offer(around(1000));
    filter.offer(around(2000));

    filter.reset();

    assertThat(filter.holding()).isFalse();
    assertThat(filter.offer(around(2000))).isEqualTo(Decision.ACCEPT);
  }

  @Test
  void refusesQuotesThatFailedQuoteCheckOrComeFromAnotherStream() {
    SpikeFilter filter = new SpikeFilter(50, 2);
    filter.offer(around(1000));

    assertThatThrownBy(() -> filter.offer(quote(0, 1000))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> filter.offer(new LpQuote("LP2", "EURUSD", 1000, 1001, 0, 0)))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LP1/EURUSD");
    assertThatThrownBy(() -> filter.offer(new LpQuote("LP1", "GBPUSD", 1000, 1001, 0, 0)))
      .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNegativeSettings() {
    assertThatThrownBy(() -> new SpikeFilter(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpikeFilter(50, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void maxJumpUnitsIsARelativeLimitRoundedUp() {
    // 50 bp of EURUSD 1.08124: 108124 * 50 / 10000 = 540.62 -> 541 units.
    assertThat(SpikeFilter.maxJumpUnits(108124, 50)).isEqualTo(541L);
    assertThat(SpikeFilter.maxJumpUnits(100000, 10)).as("exact").isEqualTo(100L);
    assertThat(SpikeFilter.maxJumpUnits(1, 1)).as("tiny but never zero").isEqualTo(1L);
    assertThat(SpikeFilter.maxJumpUnits(108124, 0)).isZero();
  }

  @Test
  void maxJumpUnitsRejectsNonsense() {
    assertThatThrownBy(() -> SpikeFilter.maxJumpUnits(0, 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpikeFilter.maxJumpUnits(100, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpikeFilter.maxJumpUnits(Long.MAX_VALUE, 2)).isInstanceOf(ArithmeticException.class);
  }
}
