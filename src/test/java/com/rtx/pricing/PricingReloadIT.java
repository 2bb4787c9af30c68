package com.rtx.pricing;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.Http;
import com.rtx.support.MutableClock;
import com.rtx.support.Ports;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import com.rtx.support.TestMarket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pricing follows the reference data live: a symbol disabled in the database (the admin API's
 * change, announced on {@code rtx.refdata.changed}) stops being priced without a restart, and is
 * priced again once re-enabled, over the same real FIX sessions to the simulator.
 */
@Timeout(180)
class PricingReloadIT {

  private static final MutableClock CLOCK = new MutableClock();
  private static PgTarget database;
  private static Engine engine;
  private static int httpPort;
  private static int managementPort;
  private static final List<JsonObject> gbpusd = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "lp-sim,pricing,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_LPSIM_PORT", String.valueOf(Ports.free())).env("RTX_LPSIM_CONTROL_PORT", String.valueOf(Ports.free()))
      .env("RTX_PRICING_FIX_RECONNECT_S", "1").env("RTX_PRICING_FIX_HEARTBEAT_S", "1");
    httpPort = test.httpPort();
    managementPort = test.managementPort();
    engine = test.start(CLOCK);
    engine.vertx().eventBus().<JsonObject>consumer("rtx.prices.GBPUSD", m -> gbpusd.add(m.body()));
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  private static JsonObject pricing() {
    JsonObject health = Http.json(Http.get(managementPort, "/health/dependencies/pricing"));
    return health.getJsonObject("data", health.getJsonArray("checks") == null ? new JsonObject()
      : health.getJsonArray("checks").getJsonObject(0).getJsonObject("data"));
  }

  private static boolean priced(String symbol) {
    JsonArray priced = pricing().getJsonArray("priced");
    return priced != null && priced.contains(symbol);
  }

  private static boolean listed(String symbol) {
    return Http.json(Http.get(httpPort, "/api/v1/symbols")).getJsonArray("symbols").stream()
      .map(JsonObject.class::cast).anyMatch(s -> s.getString("symbol").equals(symbol));
  }

  @Test
  void aSymbolDisabledInTheDatabaseStopsBeingPricedAndComesBackWhenEnabled() {
    Eventually.await("GBPUSD priced", Duration.ofSeconds(60), () -> !gbpusd.isEmpty());

    TestInfra.execute(database, "UPDATE symbol SET enabled = false WHERE name = 'GBPUSD'");
    engine.vertx().eventBus().publish("rtx.refdata.changed", new JsonObject());
    Eventually.await("GBPUSD no longer priced", Duration.ofSeconds(60), () -> !priced("GBPUSD") && priced("EURUSD"));
    Eventually.await("GBPUSD no longer listed", Duration.ofSeconds(30), () -> !listed("GBPUSD") && listed("EURUSD"));

    TestInfra.execute(database, "UPDATE symbol SET enabled = true WHERE name = 'GBPUSD'");
    engine.vertx().eventBus().publish("rtx.refdata.changed", new JsonObject());
    Eventually.await("GBPUSD priced again", Duration.ofSeconds(60), () -> priced("GBPUSD"));
    Eventually.await("GBPUSD listed again", Duration.ofSeconds(30), () -> listed("GBPUSD"));
    gbpusd.clear();
    Eventually.await("GBPUSD quotes flow again", Duration.ofSeconds(60), () -> !gbpusd.isEmpty());
    assertThat(gbpusd.get(0).getString("symbol")).isEqualTo("GBPUSD");
  }
}
