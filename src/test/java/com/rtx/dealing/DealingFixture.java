package com.rtx.dealing;

import com.rtx.bus.DealingAddresses;
import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.MutableClock;
import com.rtx.support.TestEngine;
import com.rtx.support.TestMarket;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
  Engine engine;

  DealingFixture(PgTarget database) {
    this.database = database;
    clock.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
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

  /**
   * Publishes an LP quote as pricing would. The dealing verticle takes it on its event loop before
   * any request the test sends afterwards (one sender, one consumer context: delivery keeps order).
   */
  void quote(String symbol, String bid, String ask) {
    TestMarket.quote(engine.vertx(), clock, symbol, bid, ask);
  }

  JsonObject send(JsonObject request) {
    return sendAsync(request).join();
  }

  CompletableFuture<JsonObject> sendAsync(JsonObject request) {
    long accountId = request.getLong("accountId");
    return engine.vertx().eventBus().<JsonObject>request(DealingAddresses.shard(accountId, 16), request)
      .map(m -> m.body())
      .recover(e -> e instanceof io.vertx.core.eventbus.ReplyException r
        && r.failureType() == io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE
        ? io.vertx.core.Future.succeededFuture(failure(r)) : io.vertx.core.Future.failedFuture(e))
      .toCompletionStage().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS);
  }

  /**
   * A request the shard failed, as a JSON sender sees it: {@code message.fail(status, failure JSON)};
   * returned as {@code {"failure": {"code", "status", "message", "field"}}} so tests read it like a reply.
   */
  private static JsonObject failure(io.vertx.core.eventbus.ReplyException r) {
    return new JsonObject().put("failure", new JsonObject(r.getMessage()));
  }

  /** Whether {@code reply} is an account read a shard served (not null: some shard owns the account). */
  static boolean served(JsonObject reply) {
    return reply != null && reply.getJsonObject("account") != null;
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
