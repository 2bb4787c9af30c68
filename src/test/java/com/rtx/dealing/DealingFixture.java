package com.rtx.dealing;

import com.rtx.platform.DealingAddresses;
import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.MutableClock;
import com.rtx.support.TestEngine;
import io.vertx.core.json.JsonObject;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dealing engine on a test database with the demo groups and accounts, driven over the event
 * bus: the test publishes the quotes (no LP, no pricing role), and the clock stands on a Wednesday
 * noon UTC so that every demo symbol's session is open whatever day the test runs.
 */
final class DealingFixture {

  static final long HEDGING = 100001;
  static final long NETTING = 100002;
  static final long A_BOOK = 100003;

  final PgTarget database;
  final MutableClock clock = new MutableClock();
  private final AtomicLong sequence = new AtomicLong();
  Engine engine;

  DealingFixture(PgTarget database) {
    this.database = database;
    LocalDate wednesday = LocalDate.now(ZoneOffset.UTC).plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
    clock.advanceTo(wednesday.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  private java.nio.file.Path configFile;

  /** Runs with this config file (scanned for changes when RTX_CONFIG_SCAN_PERIOD_MS is set). */
  DealingFixture configFile(java.nio.file.Path file) {
    this.configFile = file;
    return this;
  }

  DealingFixture start(String... env) {
    TestEngine test = TestEngine.on(database)
      .env("RTX_ROLES", "dealing")
      .env("RTX_DEMO_ENABLED", "true")
      .env("RTX_PRICING_STALE_MS", "600000")
      .env("RTX_DEALING_ACQUIRE_INTERVAL_MS", "200")
      .env("RTX_DEALING_LOCK_CHECK_MS", "200");
    for (int i = 0; i < env.length; i += 2) {
      test.env(env[i], env[i + 1]);
    }
    if (configFile != null) {
      test.configFile(configFile);
    }
    engine = test.start(clock);
    return this;
  }

  void stop() {
    if (engine != null) {
      engine.stop();
      engine = null;
    }
  }

  /** Publishes an LP quote as pricing would, and waits until every shard has seen it. */
  void quote(String symbol, String bid, String ask) {
    engine.vertx().eventBus().publish("rtx.prices." + symbol, new JsonObject().put("symbol", symbol)
      .put("bid", bid).put("ask", ask).put("bidLp", "LP1").put("askLp", "LP1").put("status", "OK")
      .put("sequence", sequence.incrementAndGet()).put("lpTime", clock.millis()).put("engineTime", clock.millis()));
  }

  JsonObject send(JsonObject request) {
    return sendAsync(request).join();
  }

  CompletableFuture<JsonObject> sendAsync(JsonObject request) {
    long accountId = request.getLong("accountId");
    return engine.vertx().eventBus().<JsonObject>request(DealingAddresses.shard(accountId, 16), request)
      .map(m -> m.body()).toCompletionStage().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS);
  }

  static JsonObject market(long accountId, String symbol, String side, String volume, String clientOrderId) {
    JsonObject json = new JsonObject().put("op", "placeOrder").put("accountId", accountId).put("symbol", symbol)
      .put("side", side).put("type", "MARKET").put("volume", volume);
    if (clientOrderId != null) {
      json.put("clientOrderId", clientOrderId);
    }
    return json;
  }

  /** The shard's view of the account, or null when no shard of this engine serves it (not its owner). */
  JsonObject account(long accountId) {
    try {
      return send(new JsonObject().put("op", "account").put("accountId", accountId));
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof io.vertx.core.eventbus.ReplyException r
        && r.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS) {
        return null;
      }
      throw e;
    }
  }

  Instant now() {
    return clock.instant();
  }
}
