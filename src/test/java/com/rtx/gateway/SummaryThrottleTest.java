package com.rtx.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SummaryThrottleTest {

  @Test
  void firstSummaryGoesOutAtOnce() {
    assertThat(new SummaryThrottle(250).offer(1_000)).isZero();
  }

  @Test
  void summaryWithinTheIntervalWaitsForTheRestOfIt() {
    SummaryThrottle throttle = new SummaryThrottle(250);
    throttle.offer(1_000);

    assertThat(throttle.offer(1_100)).isEqualTo(150);
    assertThat(throttle.offer(1_200)).as("newer summary rides on the scheduled flush")
      .isEqualTo(SummaryThrottle.ALREADY_SCHEDULED);
    throttle.flushed(1_250);
    assertThat(throttle.offer(1_300)).isEqualTo(200);
  }

  @Test
  void summaryAfterTheIntervalGoesOutAtOnce() {
    SummaryThrottle throttle = new SummaryThrottle(250);
    throttle.offer(1_000);

    assertThat(throttle.offer(1_250)).isZero();
    assertThat(throttle.offer(1_499)).isEqualTo(1);
  }

  @Test
  void atMostFourPerSecondWhateverTheArrivalRate() {
    // given a summary every 10 ms for one second, flushes run when they are due
    SummaryThrottle throttle = new SummaryThrottle(250);
    long flushAt = -1;
    int sent = 0;
    for (long t = 0; t < 1_000; t += 10) {
      if (flushAt >= 0 && t >= flushAt) {
        throttle.flushed(t);
        flushAt = -1;
        sent++;
      }
      long answer = throttle.offer(t);
      if (answer == 0) {
        sent++;
      } else if (answer > 0) {
        flushAt = t + answer;
      }
    }
    assertThat(sent).isEqualTo(4);
  }

  @Test
  void backwardClockNeverDelaysMoreThanOneInterval() {
    SummaryThrottle throttle = new SummaryThrottle(250);
    throttle.offer(10_000);
    assertThat(throttle.offer(5_000)).isEqualTo(250);
  }

  @Test
  void intervalMustBePositive() {
    assertThatThrownBy(() -> new SummaryThrottle(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
