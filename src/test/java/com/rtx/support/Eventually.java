package com.rtx.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition the test cannot be called back on (a port closing, a process exiting,
 * a health check flipping), polling until it holds. Tests never assert how long that took; the
 * deadline only turns a hang into a failure.
 */
public final class Eventually {

  private Eventually() {
  }

  public static void await(String what, Duration deadline, BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("gave up waiting for " + what + " after " + deadline);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
  }

  /** How long the API ITs give the engine to get somewhere (a setting applied, a halt lifted). */
  public static final Duration API_DEADLINE = Duration.ofSeconds(10);

  /** {@link #value(Duration, Supplier, Predicate)} with {@link #API_DEADLINE}. */
  public static <T> T value(Supplier<T> attempt, Predicate<T> done) {
    return value(API_DEADLINE, attempt, done);
  }

  /**
   * Asks {@code attempt} until its answer (not null) is {@code done}, and returns that answer; after
   * {@code deadline} the last answer, for the caller's assertion to describe what it got instead.
   */
  public static <T> T value(Duration deadline, Supplier<T> attempt, Predicate<T> done) {
    long end = System.nanoTime() + deadline.toNanos();
    T last = attempt.get();
    while ((last == null || !done.test(last)) && System.nanoTime() < end) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return last;
      }
      last = attempt.get();
    }
    return last;
  }
}
