package com.rtx.dealing;

import com.rtx.bus.LpStatus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which liquidity providers can take A-Book orders now, as the router reports them on
 * {@code rtx.router.lp-status} ({@link LpStatus}, on change and every few seconds).
 * A report older than {@link #STALE_MS} counts as down: a silent router must not look connected.
 */
final class LpBoard {

  /** The router repeats each LP's state every few seconds; three missed reports mean it is gone. */
  static final long STALE_MS = 15_000;

  private record State(String state, long at) {
  }

  private final Map<String, State> states = new TreeMap<>();
  private final Clock clock;

  LpBoard(Clock clock) {
    this.clock = clock;
  }

  /** @return whether the LP just came up (a cue to reconcile orders left with it) */
  boolean update(LpStatus status) {
    boolean wasUp = up(status.lp());
    states.put(status.lp(), new State(status.state(), clock.millis()));
    return !wasUp && up(status.lp());
  }

  boolean up(String lp) {
    State s = states.get(lp);
    return s != null && LpStatus.LOGGED_ON.equals(s.state()) && clock.millis() - s.at() <= STALE_MS;
  }

  /** The connected LPs to try, in the route's order of preference (any connected one when it names none). */
  List<String> candidates(List<String> preference) {
    List<String> result = new ArrayList<>();
    for (String lp : preference.isEmpty() ? states.keySet() : preference) {
      if (up(lp)) {
        result.add(lp);
      }
    }
    return result;
  }
}
