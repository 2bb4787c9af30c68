package com.rtx.core.market;

import com.rtx.core.market.TradingSessions.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradingSessionsTest {

  private static final String FX_WEEK =
    "MON 00:00-24:00; TUE 00:00-24:00; WED 00:00-24:00; THU 00:00-24:00; FRI 00:00-21:00; SUN 22:00-24:00";

  // 2024-03-15 is a Friday, 2024-03-16 Saturday, 2024-03-17 Sunday, 2024-03-18 Monday.
  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void parsesTheFxWeekAndRoundTripsItsSpec() {
    TradingSessions sessions = TradingSessions.parse(FX_WEEK);

    assertThat(sessions.spec()).isEqualTo(FX_WEEK);
    assertThat(TradingSessions.parse(sessions.spec())).isEqualTo(sessions);
    assertThat(sessions.days()).containsOnlyKeys(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
      DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SUNDAY);
    assertThat(sessions.days().get(DayOfWeek.FRIDAY)).containsExactly(TimeRange.of(LocalTime.MIDNIGHT, LocalTime.of(21, 0)));
    assertThat(sessions.days().get(DayOfWeek.SUNDAY)).containsExactly(TimeRange.untilEndOfDay(LocalTime.of(22, 0)));
  }

  @Test
  void fxWeekIsOpenFromSundayEveningToFridayEveningUtc() {
    TradingSessions sessions = TradingSessions.parse(FX_WEEK);

    assertThat(sessions.isOpen(at("2024-03-14T12:00:00Z"))).as("Thursday noon").isTrue();
    assertThat(sessions.isOpen(at("2024-03-15T20:59:59.999Z"))).as("Friday just before 21:00").isTrue();
    assertThat(sessions.isOpen(at("2024-03-15T21:00:00Z"))).as("Friday 21:00 (end is exclusive)").isFalse();
    assertThat(sessions.isOpen(at("2024-03-16T12:00:00Z"))).as("Saturday").isFalse();
    assertThat(sessions.isOpen(at("2024-03-17T21:59:59.999Z"))).as("Sunday before the open").isFalse();
    assertThat(sessions.isOpen(at("2024-03-17T22:00:00Z"))).as("Sunday 22:00 (start is inclusive)").isTrue();
    assertThat(sessions.isOpen(at("2024-03-17T23:59:59.999Z"))).as("Sunday just before midnight").isTrue();
    assertThat(sessions.isOpen(at("2024-03-18T00:00:00Z"))).as("Monday midnight").isTrue();
  }

  @Test
  void isOpenAcceptsEpochMillisToo() {
    TradingSessions sessions = TradingSessions.parse(FX_WEEK);

    assertThat(sessions.isOpen(at("2024-03-15T20:00:00Z").toEpochMilli())).isTrue();
    assertThat(sessions.isOpen(at("2024-03-16T20:00:00Z").toEpochMilli())).isFalse();
  }

  @Test
  void aDayMayHaveSeveralRangesWithABreak() {
    TradingSessions sessions = TradingSessions.parse("MON 00:00-21:00,22:00-24:00");

    assertThat(sessions.isOpen(at("2024-03-18T20:59:00Z"))).isTrue();
    assertThat(sessions.isOpen(at("2024-03-18T21:30:00Z"))).as("daily break").isFalse();
    assertThat(sessions.isOpen(at("2024-03-18T22:00:00Z"))).isTrue();
    assertThat(sessions.isOpen(at("2024-03-19T10:00:00Z"))).as("Tuesday is not listed").isFalse();
  }

  @Test
  void specIsCanonicalWhateverTheInputOrderSpacingAndCase() {
    TradingSessions sessions = TradingSessions.parse("  sun 22:00-24:00 ;mon 22:00 - 24:00 , 00:00-21:00;  ");

    assertThat(sessions.spec()).isEqualTo("MON 00:00-21:00,22:00-24:00; SUN 22:00-24:00");
    assertThat(sessions).isEqualTo(TradingSessions.parse("MON 00:00-21:00,22:00-24:00; SUN 22:00-24:00"));
  }

  @Test
  void secondsAreKeptWhenGiven() {
    TradingSessions sessions = TradingSessions.parse("FRI 00:00-20:59:30");

    assertThat(sessions.spec()).isEqualTo("FRI 00:00-20:59:30");
    assertThat(sessions.isOpen(at("2024-03-15T20:59:29Z"))).isTrue();
    assertThat(sessions.isOpen(at("2024-03-15T20:59:30Z"))).isFalse();
  }

  @Test
  void alwaysIsOpenAtEveryMomentOfTheWeek() {
    TradingSessions always = TradingSessions.always();

    assertThat(always.spec()).isEqualTo("MON 00:00-24:00; TUE 00:00-24:00; WED 00:00-24:00; THU 00:00-24:00; "
      + "FRI 00:00-24:00; SAT 00:00-24:00; SUN 00:00-24:00");
    for (long t = at("2024-03-11T00:00:00Z").toEpochMilli(); t < at("2024-03-18T00:00:00Z").toEpochMilli(); t += 7 * 60_000L) {
      assertThat(always.isOpen(t)).isTrue();
    }
  }

  @Test
  void aBlankSpecIsClosedAllWeek() {
    TradingSessions closed = TradingSessions.parse("  ");

    assertThat(closed.days()).isEmpty();
    assertThat(closed.spec()).isEmpty();
    assertThat(closed.isOpen(at("2024-03-14T12:00:00Z"))).isFalse();
  }

  @Test
  void constructorSortsRangesAndDropsEmptyDays() {
    TradingSessions sessions = new TradingSessions(Map.of(
      DayOfWeek.MONDAY, List.of(TimeRange.untilEndOfDay(LocalTime.of(22, 0)), TimeRange.of(LocalTime.MIDNIGHT, LocalTime.of(21, 0))),
      DayOfWeek.TUESDAY, List.of()));

    assertThat(sessions.days()).containsOnlyKeys(DayOfWeek.MONDAY);
    assertThat(sessions.spec()).isEqualTo("MON 00:00-21:00,22:00-24:00");
  }

  @Test
  void rejectsMalformedSpecsNamingTheBadPart() {
    assertRejected("MON 00:00-24:00; XYZ 00:00-24:00", "unknown day 'XYZ'");
    assertRejected("MONDAY 00:00-24:00", "unknown day 'MONDAY'");
    assertRejected("MON 00:00-24:00; TUE", "'TUE' has no time ranges");
    assertRejected("MON 00:00-25:00", "'00:00-25:00'");
    assertRejected("MON 9:00-17:00", "'9:00-17:00'");
    assertRejected("MON 09:00-17:60", "'09:00-17:60'");
    assertRejected("MON 09:00", "'09:00'");
    assertRejected("MON 09:00-17:00,", "''");
    assertRejected("MON 17:00-09:00", "'17:00-09:00'");
    assertRejected("MON 09:00-09:00", "empty or backwards");
    assertRejected("MON 24:00-24:00", "24:00 can only end a range");
    assertRejected("MON 00:00-12:00,11:00-24:00", "overlapping ranges on MON");
    assertRejected("MON 00:00-12:00; MON 13:00-24:00", "MON is listed twice");
    assertRejected("MON 00:00-12:00 13:00-24:00", "'00:00-12:00 13:00-24:00'");
  }

  @Test
  void adjacentRangesAreNotOverlapping() {
    TradingSessions sessions = TradingSessions.parse("MON 00:00-12:00,12:00-24:00");

    assertThat(sessions.isOpen(at("2024-03-18T12:00:00Z"))).isTrue();
  }

  @Test
  void timeRangeRejectsBackwardsRangesAndABadEndOfDay() {
    assertThatThrownBy(() -> TimeRange.of(LocalTime.of(10, 0), LocalTime.of(9, 0))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimeRange(LocalTime.of(10, 0), LocalTime.of(23, 0), true))
      .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TimeRange.of(LocalTime.of(10, 0), LocalTime.of(11, 0, 0, 5)))
      .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeRangeIsHalfOpen() {
    TimeRange range = TimeRange.of(LocalTime.of(9, 0), LocalTime.of(17, 0));

    assertThat(range.contains(LocalTime.of(9, 0))).isTrue();
    assertThat(range.contains(LocalTime.of(16, 59, 59, 999_999_999))).isTrue();
    assertThat(range.contains(LocalTime.of(17, 0))).isFalse();
    assertThat(range.contains(LocalTime.of(8, 59, 59))).isFalse();
    assertThat(TimeRange.wholeDay().contains(LocalTime.MAX)).isTrue();
  }

  private static void assertRejected(String spec, String messagePart) {
    assertThatThrownBy(() -> TradingSessions.parse(spec)).as(spec)
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(messagePart);
  }
}
