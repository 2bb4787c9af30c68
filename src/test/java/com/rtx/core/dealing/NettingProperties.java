package com.rtx.core.dealing;

import com.rtx.core.trading.DealEntry;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Netting arithmetic is exact: flips, reductions and the average price. */
class NettingProperties {

  private static final Instant T = Instant.parse("2025-01-15T12:00:00Z");

  private static Position existing(Side side, long volume, long priceUnits) {
    return new Position(7, 1001, "EURUSD", side, volume, BigDecimal.valueOf(priceUnits, 5), T, 0, 0, 0, -123);
  }

  @Property(tries = 500)
  void aFlipLeavesExactlyTheExcessVolumeAtExactlyTheDealPrice(@ForAll Side side,
                                                             @ForAll @LongRange(min = 1, max = 100_000) long volume,
                                                             @ForAll @LongRange(min = 1, max = 100_000) long excess,
                                                             @ForAll @LongRange(min = 1, max = 10_000_000) long open,
                                                             @ForAll @LongRange(min = 1, max = 10_000_000) long deal) {
    Position before = existing(side, volume, open);
    PositionChange change = PositionChange.net(before, side.opposite(), volume + excess, BigDecimal.valueOf(deal, 5), 5,
      T.plusSeconds(1), 0, 0, 0);
    assertThat(change.entry()).isEqualTo(DealEntry.INOUT);
    assertThat(change.closedVolume()).isEqualTo(volume);
    assertThat(change.after().side()).isEqualTo(side.opposite());
    assertThat(change.after().volume()).isEqualTo(excess);
    assertThat(change.after().openPrice()).isEqualByComparingTo(BigDecimal.valueOf(deal, 5));
    assertThat(change.after().id()).isEqualTo(before.id());
    assertThat(change.after().swap()).isZero();
    // signed volume is conserved: old + deal = new
    assertThat(before.signedVolume() + side.opposite().sign() * (volume + excess)).isEqualTo(change.after().signedVolume());
  }

  @Property(tries = 500)
  void aReductionKeepsTheAveragePriceAndSubtractsExactly(@ForAll Side side,
                                                        @ForAll @LongRange(min = 2, max = 100_000) long volume,
                                                        @ForAll @LongRange(min = 1, max = 100_000) long reduce,
                                                        @ForAll @LongRange(min = 1, max = 10_000_000) long open) {
    long closed = Math.min(reduce, volume);
    Position before = existing(side, volume, open);
    PositionChange change = PositionChange.net(before, side.opposite(), closed, new BigDecimal("1.23456"), 5, T, 0, 0, 0);
    assertThat(change.entry()).isEqualTo(DealEntry.OUT);
    assertThat(change.closedVolume()).isEqualTo(closed);
    if (closed == volume) {
      assertThat(change.after()).isNull();
    } else {
      assertThat(change.after().volume()).isEqualTo(volume - closed);
      assertThat(change.after().openPrice()).isEqualTo(before.openPrice());
    }
  }

  @Property(tries = 500)
  void anIncreaseAveragesWithinTheStatedPrecision(@ForAll Side side,
                                                  @ForAll @LongRange(min = 1, max = 100_000) long v1,
                                                  @ForAll @LongRange(min = 1, max = 100_000) long v2,
                                                  @ForAll @LongRange(min = 1, max = 10_000_000) long p1,
                                                  @ForAll @LongRange(min = 1, max = 10_000_000) long p2) {
    PositionChange change = PositionChange.net(existing(side, v1, p1), side, v2, BigDecimal.valueOf(p2, 5), 5, T, 0, 0, 0);
    assertThat(change.after().volume()).isEqualTo(v1 + v2);
    // |avg x (v1 + v2) - (p1 v1 + p2 v2)| <= half a unit of the 10th decimal x (v1 + v2)
    BigDecimal exactCost = BigDecimal.valueOf(p1, 5).multiply(BigDecimal.valueOf(v1))
      .add(BigDecimal.valueOf(p2, 5).multiply(BigDecimal.valueOf(v2)));
    BigDecimal error = change.after().openPrice().multiply(BigDecimal.valueOf(v1 + v2)).subtract(exactCost).abs();
    assertThat(error).isLessThanOrEqualTo(new BigDecimal("0.00000000005").multiply(BigDecimal.valueOf(v1 + v2)));
    BigDecimal lo = BigDecimal.valueOf(Math.min(p1, p2), 5);
    BigDecimal hi = BigDecimal.valueOf(Math.max(p1, p2), 5);
    assertThat(change.after().openPrice()).isBetween(lo, hi);
  }
}
