package com.rtx.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.atomic.AtomicLong;

/** The market as trading tests need it, whatever day they run: an open session and LP quotes on the bus. */
public final class TestMarket {

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private TestMarket() {
  }

  /** Noon UTC of the next Wednesday after today: every demo symbol's session is open then. */
  public static Instant nextWednesdayNoon() {
    LocalDate wednesday = LocalDate.now(ZoneOffset.UTC).plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
    return wednesday.atTime(12, 0).toInstant(ZoneOffset.UTC);
  }

  /** Publishes a live LP quote of {@code symbol} on {@code rtx.prices.<symbol>} as pricing would, at {@code clock}'s time. */
  public static void quote(Vertx vertx, Clock clock, String symbol, String bid, String ask) {
    vertx.eventBus().publish("rtx.prices." + symbol, new JsonObject().put("symbol", symbol)
      .put("bid", bid).put("ask", ask).put("bidLp", "LP1").put("askLp", "LP1").put("status", "OK")
      .put("sequence", SEQUENCE.incrementAndGet()).put("lpTime", clock.millis()).put("engineTime", clock.millis()));
  }
}
