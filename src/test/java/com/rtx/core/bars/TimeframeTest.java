package com.rtx.core.bars;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TimeframeTest {

  private static long t(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void lengthsAreTheUsualOnes() {
    assertThat(Timeframe.M1.length()).isEqualTo(Duration.ofMinutes(1));
    assertThat(Timeframe.M5.length()).isEqualTo(Duration.ofMinutes(5));
    assertThat(Timeframe.M15.length()).isEqualTo(Duration.ofMinutes(15));
    assertThat(Timeframe.H1.length()).isEqualTo(Duration.ofHours(1));
    assertThat(Timeframe.H4.length()).isEqualTo(Duration.ofHours(4));
    assertThat(Timeframe.D1.length()).isEqualTo(Duration.ofDays(1));
    assertThat(Timeframe.H4.lengthMillis()).isEqualTo(14_400_000L);
  }

  @Test
  void openTimeAlignsToUtcBoundaries() {
    long tick = t("2024-03-15T13:47:31.250Z");

    assertThat(Timeframe.M1.openTime(tick)).isEqualTo(t("2024-03-15T13:47:00Z"));
    assertThat(Timeframe.M5.openTime(tick)).isEqualTo(t("2024-03-15T13:45:00Z"));
    assertThat(Timeframe.M15.openTime(tick)).isEqualTo(t("2024-03-15T13:45:00Z"));
    assertThat(Timeframe.H1.openTime(tick)).isEqualTo(t("2024-03-15T13:00:00Z"));
    assertThat(Timeframe.H4.openTime(tick)).isEqualTo(t("2024-03-15T12:00:00Z"));
    assertThat(Timeframe.D1.openTime(tick)).isEqualTo(t("2024-03-15T00:00:00Z"));
  }

  @Test
  void h4BarsOpenEveryFourHoursFromMidnightUtc() {
    assertThat(Timeframe.H4.openTime(t("2024-03-15T00:00:00Z"))).isEqualTo(t("2024-03-15T00:00:00Z"));
    assertThat(Timeframe.H4.openTime(t("2024-03-15T03:59:59.999Z"))).isEqualTo(t("2024-03-15T00:00:00Z"));
    assertThat(Timeframe.H4.openTime(t("2024-03-15T04:00:00Z"))).isEqualTo(t("2024-03-15T04:00:00Z"));
    assertThat(Timeframe.H4.openTime(t("2024-03-15T23:30:00Z"))).isEqualTo(t("2024-03-15T20:00:00Z"));
  }

  @Test
  void aBoundaryInstantOpensTheNewPeriod() {
    assertThat(Timeframe.M1.openTime(t("2024-03-15T13:48:00Z"))).isEqualTo(t("2024-03-15T13:48:00Z"));
    assertThat(Timeframe.M1.closeTime(t("2024-03-15T13:47:59.999Z"))).isEqualTo(t("2024-03-15T13:48:00Z"));
  }

  @Test
  void timesBeforeTheEpochAlignDownwards() {
    assertThat(Timeframe.D1.openTime(t("1969-12-31T18:00:00Z"))).isEqualTo(t("1969-12-31T00:00:00Z"));
    assertThat(Timeframe.M1.openTime(-1)).isEqualTo(-60_000L);
  }
}
