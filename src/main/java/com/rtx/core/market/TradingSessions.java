package com.rtx.core.market;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The weekly hours, in UTC, during which an instrument can be quoted and traded.
 *
 * <p>Each day of the week has zero or more non-overlapping half-open ranges
 * {@code [from, to)}; a day that is absent is closed all day. Sessions that run over midnight are
 * written as two days, e.g. the FX week opening on Sunday evening is
 * {@code "SUN 22:00-24:00; MON 00:00-24:00"}.
 *
 * <p>The compact text form accepted by {@link #parse(String)} and produced by {@link #spec()} is
 * {@code DAY range[,range...]} entries separated by {@code ;}, for example
 * {@code "MON 00:00-21:00,22:00-24:00; FRI 00:00-21:00"}. Days are {@code MON..SUN}, times are
 * {@code HH:mm} (or {@code HH:mm:ss}) and {@code 24:00} means the end of the day.
 *
 * @param days ranges per day, sorted by start; days without ranges are left out
 */
public record TradingSessions(Map<DayOfWeek, List<TimeRange>> days) {

  private static final String[] DAY_NAMES = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
  private static final Pattern RANGE = Pattern.compile("(\\d{2}:\\d{2}(?::\\d{2})?)\\s*-\\s*(\\d{2}:\\d{2}(?::\\d{2})?)");
  private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2})(?::(\\d{2}))?");

  private static final TradingSessions ALWAYS = alwaysOpen();

  public TradingSessions {
    Objects.requireNonNull(days, "days");
    EnumMap<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
    days.forEach((day, ranges) -> {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(ranges, "ranges of " + day);
      List<TimeRange> sorted = sortedWithoutOverlaps(day, ranges);
      if (!sorted.isEmpty()) {
        copy.put(day, sorted);
      }
    });
    days = Collections.unmodifiableMap(copy);
  }

  /** Open around the clock, every day (crypto, tests). */
  public static TradingSessions always() {
    return ALWAYS;
  }

  /**
   * Parses the compact text form (see the class description). Day names are case-insensitive,
   * blank entries (e.g. a trailing {@code ;}) are ignored and a blank spec means closed all week.
   *
   * @throws IllegalArgumentException naming the offending entry if a day is unknown or listed
   *     twice, a time is malformed, a range is empty or backwards, or ranges overlap
   */
  public static TradingSessions parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    EnumMap<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
    for (String rawEntry : spec.split(";")) {
      String entry = rawEntry.strip();
      if (entry.isEmpty()) {
        continue;
      }
      String[] dayAndRanges = entry.split("\\s+", 2);
      DayOfWeek day = parseDay(dayAndRanges[0], entry);
      if (dayAndRanges.length < 2) {
        throw new IllegalArgumentException("trading session entry '" + entry + "' has no time ranges");
      }
      if (days.containsKey(day)) {
        throw new IllegalArgumentException("trading session day " + dayName(day) + " is listed twice ('" + entry + "')");
      }
      List<TimeRange> ranges = new ArrayList<>();
      for (String range : dayAndRanges[1].strip().split("\\s*,\\s*", -1)) {
        ranges.add(parseRange(range, entry));
      }
      try {
        days.put(day, sortedWithoutOverlaps(day, ranges));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("trading session entry '" + entry + "': " + e.getMessage(), e);
      }
    }
    return new TradingSessions(days);
  }

  /** The canonical text form: days MON..SUN, ranges sorted; {@code parse(spec())} equals this. */
  public String spec() {
    return days.entrySet().stream()
      .map(e -> dayName(e.getKey()) + " " + e.getValue().stream().map(TimeRange::toString).collect(Collectors.joining(",")))
      .collect(Collectors.joining("; "));
  }

  /** Whether {@code t} falls inside one of the ranges of its UTC day of week. */
  public boolean isOpen(Instant t) {
    LocalDateTime utc = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    List<TimeRange> ranges = days.get(utc.getDayOfWeek());
    if (ranges == null) {
      return false;
    }
    LocalTime time = utc.toLocalTime();
    for (TimeRange range : ranges) {
      if (range.contains(time)) {
        return true;
      }
    }
    return false;
  }

  /** {@link #isOpen(Instant)} for an epoch-millisecond timestamp. */
  public boolean isOpen(long epochMillis) {
    return isOpen(Instant.ofEpochMilli(epochMillis));
  }

  @Override
  public String toString() {
    return spec();
  }

  private static TradingSessions alwaysOpen() {
    EnumMap<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      days.put(day, List.of(TimeRange.wholeDay()));
    }
    return new TradingSessions(days);
  }

  private static List<TimeRange> sortedWithoutOverlaps(DayOfWeek day, List<TimeRange> ranges) {
    List<TimeRange> sorted = new ArrayList<>(ranges.size());
    for (TimeRange range : ranges) {
      sorted.add(Objects.requireNonNull(range, "range of " + day));
    }
    sorted.sort(Comparator.comparing(TimeRange::from));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).overlaps(sorted.get(i))) {
        throw new IllegalArgumentException(
          "overlapping ranges on " + dayName(day) + ": " + sorted.get(i - 1) + " and " + sorted.get(i));
      }
    }
    return List.copyOf(sorted);
  }

  private static String dayName(DayOfWeek day) {
    return DAY_NAMES[day.ordinal()];
  }

  private static DayOfWeek parseDay(String name, String entry) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (int i = 0; i < DAY_NAMES.length; i++) {
      if (DAY_NAMES[i].equals(upper)) {
        return DayOfWeek.values()[i];
      }
    }
    throw new IllegalArgumentException(
      "unknown day '" + name + "' in trading session entry '" + entry + "' (use MON, TUE, WED, THU, FRI, SAT, SUN)");
  }

  private static TimeRange parseRange(String text, String entry) {
    Matcher m = RANGE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
        "bad time range '" + text + "' in trading session entry '" + entry + "' (expected HH:mm-HH:mm)");
    }
    try {
      LocalTime from = parseTime(m.group(1), false);
      LocalTime to = parseTime(m.group(2), true);
      return to == null ? TimeRange.untilEndOfDay(from) : TimeRange.of(from, to);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
        "bad time range '" + text + "' in trading session entry '" + entry + "': " + e.getMessage(), e);
    }
  }

  /** Returns null for 24:00 when it is allowed (range end). */
  private static LocalTime parseTime(String text, boolean endOfRange) {
    Matcher m = TIME.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("bad time '" + text + "'");
    }
    int hours = Integer.parseInt(m.group(1));
    int minutes = Integer.parseInt(m.group(2));
    int seconds = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    if (hours == 24 && minutes == 0 && seconds == 0) {
      if (!endOfRange) {
        throw new IllegalArgumentException("24:00 can only end a range");
      }
      return null;
    }
    if (hours > 23 || minutes > 59 || seconds > 59) {
      throw new IllegalArgumentException("bad time '" + text + "'");
    }
    return LocalTime.of(hours, minutes, seconds);
  }

  /**
   * A half-open range {@code [from, to)} within one day. When {@code toEndOfDay} is true the range
   * runs to the end of the day (written {@code 24:00}) and {@code to} is {@link LocalTime#MIDNIGHT}.
   * Times are whole seconds.
   */
  public record TimeRange(LocalTime from, LocalTime to, boolean toEndOfDay) {

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    public TimeRange {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (from.getNano() != 0 || to.getNano() != 0) {
        throw new IllegalArgumentException("session times must be whole seconds: " + from + ", " + to);
      }
      if (toEndOfDay) {
        if (!to.equals(LocalTime.MIDNIGHT)) {
          throw new IllegalArgumentException("a range to the end of the day must have to = 00:00, got " + to);
        }
      } else if (!from.isBefore(to)) {
        throw new IllegalArgumentException(
          "range " + text(from) + "-" + text(to) + " is empty or backwards (write overnight sessions as two days)");
      }
    }

    /** {@code [from, to)} within one day; {@code from} must be before {@code to}. */
    public static TimeRange of(LocalTime from, LocalTime to) {
      return new TimeRange(from, to, false);
    }

    /** {@code [from, 24:00)}. */
    public static TimeRange untilEndOfDay(LocalTime from) {
      return new TimeRange(from, LocalTime.MIDNIGHT, true);
    }

    /** {@code 00:00-24:00}. */
    public static TimeRange wholeDay() {
      return untilEndOfDay(LocalTime.MIDNIGHT);
    }

    public boolean contains(LocalTime t) {
      return !t.isBefore(from) && (toEndOfDay || t.isBefore(to));
    }

    boolean overlaps(TimeRange other) {
      return from.toNanoOfDay() < other.endNanos() && other.from.toNanoOfDay() < endNanos();
    }

    private long endNanos() {
      return toEndOfDay ? NANOS_PER_DAY : to.toNanoOfDay();
    }

    /** {@code HH:mm-HH:mm}, with seconds only where they are not zero. */
    @Override
    public String toString() {
      return text(from) + "-" + (toEndOfDay ? "24:00" : text(to));
    }

    private static String text(LocalTime t) {
      String hhmm = String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
      return t.getSecond() == 0 ? hhmm : hhmm + String.format(Locale.ROOT, ":%02d", t.getSecond());
    }
  }
}
