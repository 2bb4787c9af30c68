package com.rtx.security;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.MutableClock;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import com.rtx.support.TestMarket;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An engine for the fuzzer in this JVM: roles dealing, admin and gateway on a fresh database of
 * the test PostgreSQL with the demo data, the clock on a Wednesday noon (every session open), and
 * the LP quotes published on the bus by the fuzzer itself as pricing would: a random walk with an
 * occasional jump, so that triggers, trailing stops, margin calls and stop-outs run while the
 * requests arrive.
 */
final class FuzzEngine implements AutoCloseable {

  /** Mid prices the walk starts from, with the symbol's digits. */
  private static final Map<String, String> MIDS = new LinkedHashMap<>();

  static {
    MIDS.put("EURUSD", "1.10000");
    MIDS.put("GBPUSD", "1.27000");
    MIDS.put("USDJPY", "150.000");
    MIDS.put("USDCHF", "0.88000");
    MIDS.put("AUDUSD", "0.66000");
    MIDS.put("USDCAD", "1.36000");
    MIDS.put("NZDUSD", "0.61000");
    MIDS.put("EURGBP", "0.86000");
    MIDS.put("EURJPY", "165.000");
    MIDS.put("GBPJPY", "190.000");
    MIDS.put("XAUUSD", "2000.00");
    MIDS.put("XAGUSD", "25.000");
    MIDS.put("US500", "5000.00");
    MIDS.put("DE40", "18000.00");
  }

  /** The price {@code symbol}'s walk starts from (1 for a symbol without one). */
  static BigDecimal mid(String symbol) {
    return new BigDecimal(MIDS.getOrDefault(symbol, "1.00000"));
  }

  private final MutableClock clock = new MutableClock();
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, BigDecimal> mids = new LinkedHashMap<>();
  private final PgTarget database;
  private final Engine engine;
  private final int port;
  private final int managementPort;

  FuzzEngine(String demoPassword) {
    clock.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    MIDS.forEach((s, m) -> mids.put(s, new BigDecimal(m)));
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "dealing,admin,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", demoPassword).env("RTX_PRICING_STALE_MS", "600000");
    port = test.httpPort();
    managementPort = test.managementPort();
    engine = test.start(clock);
    publish(new Random(0), false);
  }

  int port() {
    return port;
  }

  String metricsUrl() {
    return "http://127.0.0.1:" + managementPort + "/metrics";
  }

  String jdbcUrl() {
    return database.jdbcUrl();
  }

  java.util.Properties jdbcProperties() {
    return database.jdbcProperties();
  }

  String databaseName() {
    return database.database();
  }

  long now() {
    return clock.millis();
  }

  /** One step of the market: the clock a second on, every symbol moved (a jump now and then). */
  synchronized void step(Random random) {
    clock.advanceTo(clock.millis() + 1_000);
    publish(random, true);
  }

  /** The current prices again, with new sequence numbers (re-values every account). */
  synchronized void republish() {
    publish(new Random(sequence.get()), false);
  }

  private void publish(Random random, boolean move) {
    mids.replaceAll((symbol, mid) -> {
      if (!move) {
        return mid;
      }
      double bps = random.nextInt(50) == 0 ? (random.nextDouble() - 0.5) * 1_000 : (random.nextDouble() - 0.5) * 40;
      BigDecimal moved = mid.add(mid.multiply(BigDecimal.valueOf(bps / 10_000)));
      BigDecimal start = new BigDecimal(MIDS.get(symbol));
      // Kept within half to twice the start: the walk must not wander off to zero.
      return moved.max(start.divide(BigDecimal.valueOf(2), RoundingMode.HALF_UP)).min(start.multiply(BigDecimal.valueOf(2)))
        .setScale(start.scale(), RoundingMode.HALF_UP);
    });
    mids.forEach((symbol, mid) -> {
      BigDecimal tick = BigDecimal.ONE.movePointLeft(mid.scale());
      BigDecimal bid = mid.subtract(tick.multiply(BigDecimal.valueOf(2)));
      BigDecimal ask = mid.add(tick.multiply(BigDecimal.valueOf(2)));
      engine.vertx().eventBus().publish("rtx.prices." + symbol, new JsonObject().put("symbol", symbol)
        .put("bid", bid.toPlainString()).put("ask", ask.toPlainString()).put("bidLp", "LP1").put("askLp", "LP1")
        .put("status", "OK").put("sequence", sequence.incrementAndGet()).put("lpTime", clock.millis())
        .put("engineTime", clock.millis()));
    });
  }

  /** Stops the engine; the database is dropped unless {@code keep} (for looking into a finding). */
  void stop(boolean keep) {
    engine.stop();
    if (!keep) {
      TestInfra.drop(database);
    }
  }

  @Override
  public void close() {
    stop(false);
  }
}
