package com.rtx.core.bars;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarBuilderTest {

  private final BarBuilder builder = new BarBuilder("EURUSD");

  private static long t(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  /** A tick 2 points wide at {@code bid}. */
  private List<Bar> tick(long bid, String iso) {
    return builder.onTick(bid, bid + 2, t(iso));
  }

  private Bar open(Timeframe tf) {
    return builder.openBars().stream().filter(b -> b.timeframe() == tf).findFirst().orElseThrow();
  }

  @Test
  void theFirstTickOpensABarInEveryTimeframe() {
    List<Bar> closed = tick(108123, "2024-03-15T13:47:31Z");

    assertThat(closed).isEmpty();
    assertThat(builder.openBars()).extracting(Bar::timeframe)
      .containsExactly(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.H4, Timeframe.D1);
    assertThat(builder.openBars()).extracting(Bar::openTimeMillis).containsExactly(
      t("2024-03-15T13:47:00Z"), t("2024-03-15T13:45:00Z"), t("2024-03-15T13:45:00Z"),
      t("2024-03-15T13:00:00Z"), t("2024-03-15T12:00:00Z"), t("2024-03-15T00:00:00Z"));
    assertThat(open(Timeframe.M1)).isEqualTo(
      new Bar("EURUSD", Timeframe.M1, t("2024-03-15T13:47:00Z"), 108123, 108123, 108123, 108123,
        108125, 108125, 108125, 108125, 1));
  }

  @Test
  void ticksWithinTheMinuteUpdateOhlcAndVolume() {
    tick(108123, "2024-03-15T13:47:01Z");
    tick(108130, "2024-03-15T13:47:15Z");
    tick(108118, "2024-03-15T13:47:30Z");
    tick(108125, "2024-03-15T13:47:59.999Z");

    assertThat(open(Timeframe.M1)).isEqualTo(
      new Bar("EURUSD", Timeframe.M1, t("2024-03-15T13:47:00Z"), 108123, 108130, 108118, 108125,
        108125, 108132, 108120, 108127, 4));
  }

  @Test
  void bidAndAskExtremesAreTrackedSeparately() {
    builder.onTick(100, 110, t("2024-03-15T13:47:01Z"));
    builder.onTick(105, 106, t("2024-03-15T13:47:02Z"));

    Bar m1 = open(Timeframe.M1);
    assertThat(m1.bidHigh()).isEqualTo(105L);
    assertThat(m1.bidLow()).isEqualTo(100L);
    assertThat(m1.askHigh()).isEqualTo(110L);
    assertThat(m1.askLow()).isEqualTo(106L);
  }

  @Test
  void aTickInTheNextMinuteClosesTheMinuteBarOnly() {
    tick(108123, "2024-03-15T13:47:01Z");
    tick(108130, "2024-03-15T13:47:59.999Z");

    List<Bar> closed = tick(108140, "2024-03-15T13:48:00Z");

    assertThat(closed).containsExactly(
      new Bar("EURUSD", Timeframe.M1, t("2024-03-15T13:47:00Z"), 108123, 108130, 108123, 108130,
        108125, 108132, 108125, 108132, 2));
    assertThat(open(Timeframe.M1).openTimeMillis()).isEqualTo(t("2024-03-15T13:48:00Z"));
    assertThat(open(Timeframe.M1).bidOpen()).isEqualTo(108140L);
    assertThat(open(Timeframe.M5).tickVolume()).isEqualTo(3L);
  }

  @Test
  void theHourBoundaryClosesMinuteAndHourBarsButNotH4() {
    tick(108123, "2024-03-15T13:59:59Z");

    List<Bar> closed = tick(108124, "2024-03-15T14:00:00Z");

    assertThat(closed).extracting(Bar::timeframe).containsExactly(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1);
    assertThat(closed).extracting(Bar::openTimeMillis).containsExactly(
      t("2024-03-15T13:59:00Z"), t("2024-03-15T13:55:00Z"), t("2024-03-15T13:45:00Z"), t("2024-03-15T13:00:00Z"));
    assertThat(open(Timeframe.H4).openTimeMillis()).isEqualTo(t("2024-03-15T12:00:00Z"));
  }

  @Test
  void h4BarsCloseAtFourHourBoundariesUtc() {
    tick(108123, "2024-03-15T12:00:00Z");
    tick(108123, "2024-03-15T15:59:59Z");

    List<Bar> closed = tick(108124, "2024-03-15T16:00:00Z");

    assertThat(closed).extracting(Bar::timeframe).contains(Timeframe.H4).doesNotContain(Timeframe.D1);
    assertThat(open(Timeframe.H4).openTimeMillis()).isEqualTo(t("2024-03-15T16:00:00Z"));
  }

  @Test
  void theDayBoundaryClosesEveryTimeframeInOrder() {
    tick(108123, "2024-03-15T23:59:59.500Z");

    List<Bar> closed = tick(108124, "2024-03-16T00:00:00Z");

    assertThat(closed).extracting(Bar::timeframe)
      .containsExactly(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.H4, Timeframe.D1);
    assertThat(closed.get(5).openTimeMillis()).isEqualTo(t("2024-03-15T00:00:00Z"));
    assertThat(closed.get(4).openTimeMillis()).isEqualTo(t("2024-03-15T20:00:00Z"));
    assertThat(builder.openBars()).extracting(Bar::openTimeMillis).containsOnly(t("2024-03-16T00:00:00Z"));
  }

  @Test
  void aGapOfSeveralMinutesProducesNoEmptyBars() {
    tick(108123, "2024-03-15T13:31:10Z");

    List<Bar> closed = tick(108150, "2024-03-15T13:38:30Z");

    // One M1 bar (13:31) and one M5 bar (13:30-13:35) close; nothing for 13:32..13:37.
    assertThat(closed).extracting(Bar::timeframe).containsExactly(Timeframe.M1, Timeframe.M5);
    assertThat(closed).extracting(Bar::openTimeMillis).containsExactly(t("2024-03-15T13:31:00Z"), t("2024-03-15T13:30:00Z"));
    assertThat(open(Timeframe.M1).openTimeMillis()).isEqualTo(t("2024-03-15T13:38:00Z"));
    assertThat(open(Timeframe.M5).openTimeMillis()).isEqualTo(t("2024-03-15T13:35:00Z"));
    assertThat(open(Timeframe.M15).tickVolume()).isEqualTo(2L);
  }

  @Test
  void closeDueClosesBarsWhosePeriodEndedWithoutWaitingForATick() {
    tick(108123, "2024-03-15T13:47:10Z");

    assertThat(builder.closeDue(t("2024-03-15T13:47:59.999Z"))).isEmpty();
    List<Bar> closed = builder.closeDue(t("2024-03-15T13:48:00Z"));

    assertThat(closed).singleElement().satisfies(bar -> {
      assertThat(bar.timeframe()).isEqualTo(Timeframe.M1);
      assertThat(bar.openTimeMillis()).isEqualTo(t("2024-03-15T13:47:00Z"));
      assertThat(bar.bidClose()).isEqualTo(108123L);
    });
    assertThat(builder.openBars()).extracting(Bar::timeframe).doesNotContain(Timeframe.M1);
    assertThat(builder.closeDue(t("2024-03-15T13:48:30Z"))).as("closed only once").isEmpty();
  }

  @Test
  void closeDueClosesEveryEndedTimeframeAtOnce() {
    tick(108123, "2024-03-15T13:47:10Z");

    List<Bar> closed = builder.closeDue(t("2024-03-15T14:00:00.100Z"));

    assertThat(closed).extracting(Bar::timeframe).containsExactly(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1);
  }

  @Test
  void aTickAfterCloseDueOpensTheNextBarAndNothingIsClosedTwice() {
    tick(108123, "2024-03-15T13:47:10Z");
    builder.closeDue(t("2024-03-15T13:48:00.050Z"));

    List<Bar> closed = tick(108130, "2024-03-15T13:48:01Z");

    assertThat(closed).isEmpty();
    assertThat(open(Timeframe.M1).openTimeMillis()).isEqualTo(t("2024-03-15T13:48:00Z"));
    assertThat(open(Timeframe.M1).tickVolume()).isEqualTo(1L);
  }

  @Test
  void aLateTickForAnAlreadyClosedBarDoesNotReopenIt() {
    tick(108123, "2024-03-15T13:47:10Z");
    builder.closeDue(t("2024-03-15T13:48:00Z"));

    List<Bar> closed = tick(108200, "2024-03-15T13:47:59Z");

    assertThat(closed).isEmpty();
    assertThat(builder.openBars()).extracting(Bar::timeframe).doesNotContain(Timeframe.M1);
    // Still in the open M5 bar's period, so it counts there.
    assertThat(open(Timeframe.M5).bidHigh()).isEqualTo(108200L);
    assertThat(open(Timeframe.M5).tickVolume()).isEqualTo(2L);
  }

  @Test
  void aTickOlderThanTheOpenBarIsIgnoredForThatTimeframe() {
    tick(108123, "2024-03-15T13:31:10Z");
    tick(108150, "2024-03-15T13:38:30Z"); // gap: M1 now open at 13:38

    List<Bar> closed = tick(108999, "2024-03-15T13:33:00Z"); // out of order, inside the gap

    assertThat(closed).isEmpty();
    Bar m1 = open(Timeframe.M1);
    assertThat(m1.openTimeMillis()).isEqualTo(t("2024-03-15T13:38:00Z"));
    assertThat(m1.bidHigh()).isEqualTo(108150L);
    assertThat(m1.tickVolume()).isEqualTo(1L);
    // The M5 bar of 13:30 was closed by the 13:38 tick, so M5 ignores it too; M15 (13:30) takes it.
    assertThat(open(Timeframe.M5).tickVolume()).isEqualTo(1L);
    assertThat(open(Timeframe.M15).bidHigh()).isEqualTo(108999L);
  }

  @Test
  void aLateTickInsideTheBarUpdatesExtremesButNotTheClose() {
    tick(108123, "2024-03-15T13:47:10Z");
    tick(108125, "2024-03-15T13:47:40Z");

    tick(108100, "2024-03-15T13:47:20Z");

    Bar m1 = open(Timeframe.M1);
    assertThat(m1.bidLow()).isEqualTo(108100L);
    assertThat(m1.bidClose()).isEqualTo(108125L);
    assertThat(m1.bidOpen()).isEqualTo(108123L);
    assertThat(m1.tickVolume()).isEqualTo(3L);
  }

  @Test
  void aLateTickEarlierThanTheFirstBecomesTheOpen() {
    tick(108123, "2024-03-15T13:47:10Z");

    tick(108110, "2024-03-15T13:47:05Z");

    Bar m1 = open(Timeframe.M1);
    assertThat(m1.bidOpen()).isEqualTo(108110L);
    assertThat(m1.askOpen()).isEqualTo(108112L);
    assertThat(m1.bidClose()).isEqualTo(108123L);
  }

  @Test
  void ticksWithTheSameTimestampCloseOnTheLastArrival() {
    tick(108123, "2024-03-15T13:47:10Z");
    tick(108127, "2024-03-15T13:47:10Z");

    assertThat(open(Timeframe.M1).bidOpen()).isEqualTo(108123L);
    assertThat(open(Timeframe.M1).bidClose()).isEqualTo(108127L);
  }

  @Test
  void onlyTheRequestedTimeframesAreBuilt() {
    BarBuilder minuteAndDay = new BarBuilder("XAUUSD", EnumSet.of(Timeframe.D1, Timeframe.M1));

    minuteAndDay.onTick(234510, 234530, t("2024-03-15T13:47:10Z"));
    List<Bar> closed = minuteAndDay.onTick(234520, 234540, t("2024-03-16T00:00:00Z"));

    assertThat(closed).extracting(Bar::timeframe).containsExactly(Timeframe.M1, Timeframe.D1);
    assertThat(closed).extracting(Bar::symbol).containsOnly("XAUUSD");
    assertThatThrownBy(() -> new BarBuilder("XAUUSD", EnumSet.noneOf(Timeframe.class)))
      .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void openBarsIsASnapshot() {
    tick(108123, "2024-03-15T13:47:10Z");
    List<Bar> before = builder.openBars();

    tick(108200, "2024-03-15T13:47:20Z");

    assertThat(before.get(0).bidHigh()).isEqualTo(108123L);
    assertThat(open(Timeframe.M1).bidHigh()).isEqualTo(108200L);
  }
}
