package com.rtx.core.swap;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When daily roll-overs happen: at {@code time} in {@code zone} on each trading weekday that is
 * not a holiday. The FX market convention is 17:00 New York, Monday to Friday
 * ({@link #newYork(Set)}); {@link ZoneId} rules make it 21:00 UTC in summer and 22:00 UTC in
 * winter without further code.
 *
 * <p><b>Exactly once across restarts.</b> The schedule holds no state. The caller persists the
 * trade date of the last roll-over it completed (in the same transaction as its swap entries) and
 * asks {@link #due(LocalDate, Instant)} which roll-overs are due since; after a crash either the
 * whole roll-over committed and its date is recorded, or none of it did and it is due again.
 *
 * @param zone the zone whose wall clock defines the roll-over
 * @param time local time of the roll-over
 * @param tradingDays weekdays that end with a roll-over
 * @param holidays trade dates with no roll-over (passed in, e.g. from the dealing calendar)
 */
public record RolloverSchedule(ZoneId zone, LocalTime time, Set<DayOfWeek> tradingDays, Set<LocalDate> holidays) {

  /** The New York zone of the FX roll-over. */
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** 17:00, the FX roll-over ("New York close"). */
  public static final LocalTime FIVE_PM = LocalTime.of(17, 0);

  /** Guards against a caller passing a last date decades ago (a bug, not a backlog). */
  static final int MAX_CATCH_UP_DAYS = 366;

  public RolloverSchedule {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(time, "time");
    if (Objects.requireNonNull(tradingDays, "tradingDays").isEmpty()) {
      throw new IllegalArgumentException("a roll-over schedule needs at least one trading day");
    }
    tradingDays = Set.copyOf(tradingDays);
    holidays = Set.copyOf(Objects.requireNonNull(holidays, "holidays"));
  }

  /** 17:00 America/New_York, Monday to Friday, except {@code holidays}. */
  public static RolloverSchedule newYork(Set<LocalDate> holidays) {
    return new RolloverSchedule(NEW_YORK, FIVE_PM,
      EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
      holidays);
  }

  /** Whether {@code tradeDate} ends with a roll-over. */
  public boolean rollsOver(LocalDate tradeDate) {
    return tradingDays.contains(tradeDate.getDayOfWeek()) && !holidays.contains(tradeDate);
  }

  /** The roll-over instant of {@code tradeDate} (whether or not that day rolls over). */
  public Instant instantOf(LocalDate tradeDate) {
    // ZonedDateTime.of resolves a wall time in a DST gap forward; 17:00 is never in one in New York.
    return ZonedDateTime.of(tradeDate, time, zone).toInstant();
  }

  /**
   * The roll-overs after trade date {@code lastDone} whose instant is at or before {@code now},
   * oldest first. Empty when none is due. Run them in order, persisting each date as done.
   *
   * @throws IllegalArgumentException if {@code lastDone} is more than a year before {@code now}
   */
  public List<Rollover> due(LocalDate lastDone, Instant now) {
    Objects.requireNonNull(lastDone, "lastDone");
    Objects.requireNonNull(now, "now");
    LocalDate today = now.atZone(zone).toLocalDate();
    if (lastDone.plusDays(MAX_CATCH_UP_DAYS).isBefore(today)) {
      throw new IllegalArgumentException("last roll-over " + lastDone + " is more than a year before " + now);
    }
    List<Rollover> due = new ArrayList<>();
    for (LocalDate d = lastDone.plusDays(1); !d.isAfter(today); d = d.plusDays(1)) {
      Instant at = instantOf(d);
      if (rollsOver(d) && !at.isAfter(now)) {
        due.add(new Rollover(d, at));
      }
    }
    return due;
  }

  /** The first roll-over strictly after {@code after}; empty only if none within a year. */
  public Optional<Rollover> next(Instant after) {
    Objects.requireNonNull(after, "after");
    LocalDate d = after.atZone(zone).toLocalDate();
    for (int i = 0; i <= MAX_CATCH_UP_DAYS; i++, d = d.plusDays(1)) {
      Instant at = instantOf(d);
      if (rollsOver(d) && at.isAfter(after)) {
        return Optional.of(new Rollover(d, at));
      }
    }
    return Optional.empty();
  }

  /**
   * The latest roll-over at or before {@code now}, e.g. to seed the caller's "last done" when an
   * account system starts; empty only if none within a year.
   */
  public Optional<Rollover> latest(Instant now) {
    LocalDate d = now.atZone(zone).toLocalDate();
    for (int i = 0; i <= MAX_CATCH_UP_DAYS; i++, d = d.minusDays(1)) {
      Instant at = instantOf(d);
      if (rollsOver(d) && !at.isAfter(now)) {
        return Optional.of(new Rollover(d, at));
      }
    }
    return Optional.empty();
  }
}
