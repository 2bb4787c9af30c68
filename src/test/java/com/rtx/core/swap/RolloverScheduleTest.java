package com.rtx.core.swap;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RolloverScheduleTest {

  private final RolloverSchedule ny = RolloverSchedule.newYork(Set.of());

  @Test
  void fivePmNewYorkIsTwentyTwoUtcInWinterAndTwentyOneInSummer() {
    assertThat(ny.instantOf(LocalDate.parse("2025-01-15"))).isEqualTo(Instant.parse("2025-01-15T22:00:00Z"));
    assertThat(ny.instantOf(LocalDate.parse("2025-07-16"))).isEqualTo(Instant.parse("2025-07-16T21:00:00Z"));
    // US DST began Sunday 2025-03-09: Friday 7th is still winter time, Monday 10th summer time
    assertThat(ny.instantOf(LocalDate.parse("2025-03-07"))).isEqualTo(Instant.parse("2025-03-07T22:00:00Z"));
    assertThat(ny.instantOf(LocalDate.parse("2025-03-10"))).isEqualTo(Instant.parse("2025-03-10T21:00:00Z"));
  }

  @Test
  void dueListsEachMissedWeekdayOnceAndSkipsTheWeekend() {
    // last done Friday 10 Jan; now Wednesday 15 Jan exactly at 17:00 New York
    assertThat(ny.due(LocalDate.parse("2025-01-10"), Instant.parse("2025-01-15T22:00:00Z")))
      .extracting(Rollover::tradeDate)
      .containsExactly(LocalDate.parse("2025-01-13"), LocalDate.parse("2025-01-14"), LocalDate.parse("2025-01-15"));
    // one second earlier Wednesday's is not due yet
    assertThat(ny.due(LocalDate.parse("2025-01-10"), Instant.parse("2025-01-15T21:59:59Z")))
      .extracting(Rollover::tradeDate)
      .containsExactly(LocalDate.parse("2025-01-13"), LocalDate.parse("2025-01-14"));
  }

  @Test
  void aRestartAfterTheRolloverWasRecordedFindsNothingDue() {
    Instant now = Instant.parse("2025-01-15T22:00:05Z");
    Rollover done = ny.due(LocalDate.parse("2025-01-14"), now).get(0);
    assertThat(ny.due(done.tradeDate(), now)).isEmpty();
    assertThat(ny.due(done.tradeDate(), Instant.parse("2025-01-16T21:59:00Z"))).isEmpty();
    assertThat(ny.due(done.tradeDate(), Instant.parse("2025-01-16T22:00:00Z"))).hasSize(1);
  }

  @Test
  void holidaysHaveNoRollover() {
    RolloverSchedule withHoliday = RolloverSchedule.newYork(Set.of(LocalDate.parse("2025-01-01")));
    assertThat(withHoliday.due(LocalDate.parse("2024-12-30"), Instant.parse("2025-01-02T23:00:00Z")))
      .extracting(Rollover::tradeDate)
      .containsExactly(LocalDate.parse("2024-12-31"), LocalDate.parse("2025-01-02"));
    assertThat(withHoliday.rollsOver(LocalDate.parse("2025-01-01"))).isFalse();
  }

  @Test
  void nextAndLatest() {
    // Friday after the roll-over: the next is Monday's
    assertThat(ny.next(Instant.parse("2025-01-17T22:00:00Z")).orElseThrow())
      .isEqualTo(new Rollover(LocalDate.parse("2025-01-20"), Instant.parse("2025-01-20T22:00:00Z")));
    assertThat(ny.next(Instant.parse("2025-01-15T12:00:00Z")).orElseThrow().tradeDate())
      .isEqualTo(LocalDate.parse("2025-01-15"));
    assertThat(ny.latest(Instant.parse("2025-01-19T12:00:00Z")).orElseThrow().tradeDate())
      .isEqualTo(LocalDate.parse("2025-01-17"));
  }

  @Test
  void tripleSwapOnTheInstrumentsOwnWeekday() {
    Rollover wednesday = new Rollover(LocalDate.parse("2025-01-15"), Instant.parse("2025-01-15T22:00:00Z"));
    assertThat(wednesday.swapDays(DayOfWeek.WEDNESDAY)).isEqualTo(3);
    assertThat(wednesday.swapDays(DayOfWeek.FRIDAY)).isEqualTo(1);
  }

  @Test
  void refusesAnAbsurdBacklog() {
    assertThatThrownBy(() -> ny.due(LocalDate.parse("2020-01-01"), Instant.parse("2025-01-15T22:00:00Z")))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
