package com.rtx.pricing;

import com.rtx.bus.QuoteMessages;
import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.Ports;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One holder of the LP market-data sessions in the cluster (issue 13): two pricing engines on one
 * database (and a third running only the simulator). Exactly one logs on to the LPs and publishes;
 * the other publishes nothing; when the holder stops, the other takes the lead and the LPs' quotes
 * flow from it.
 */
@Timeout(300)
class PricingLeadershipIT {

  private final List<Engine> engines = new ArrayList<>();
  private PgTarget database;

  @AfterEach
  void stop() {
    for (Engine engine : engines) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  private Engine pricing() {
    Engine engine = TestEngine.on(database)
      .env("RTX_ROLES", "pricing")
      .env("RTX_PRICING_LEAD_INTERVAL_MS", "200")
      .env("RTX_PRICING_FIX_RECONNECT_S", "1")
      .start();
    engines.add(engine);
    return engine;
  }

  private static double lpSessionsUp(Engine engine) {
    var gauge = engine.metricsRegistry().find("rtx.pricing.lp.sessions.up").gauge();
    return gauge == null ? 0 : gauge.value();
  }

  private static AtomicInteger countQuotes(Engine engine) {
    AtomicInteger received = new AtomicInteger();
    engine.vertx().eventBus().consumer(QuoteMessages.address("EURUSD"), m -> received.incrementAndGet());
    return received;
  }

  @Test
  void oneNodeHoldsTheLpSessionsAndTheOtherTakesOverWhenItStops() {
    database = TestInfra.migratedDatabase();
    int fixPort = Ports.free();
    TestInfra.execute(database, "UPDATE liquidity_provider SET port = " + fixPort);
    engines.add(TestEngine.on(database)
      .env("RTX_ROLES", "lp-sim")
      .env("RTX_LPSIM_PORT", String.valueOf(fixPort))
      .env("RTX_LPSIM_CONTROL_PORT", String.valueOf(Ports.free()))
      .start());
    Engine first = pricing();
    Eventually.await("the first node logs on to both LPs", Duration.ofSeconds(60), () -> lpSessionsUp(first) == 2.0);
    Engine second = pricing();
    AtomicInteger firstQuotes = countQuotes(first);
    AtomicInteger secondQuotes = countQuotes(second);
    // Quotes keep flowing from the holder while the other node goes through leadership rounds.
    Eventually.await("quotes from the holder", Duration.ofSeconds(30), () -> firstQuotes.get() >= 20);
    assertThat(lpSessionsUp(second)).as("the follower holds no LP session").isZero();
    assertThat(secondQuotes.get()).as("the follower publishes nothing").isZero();

    first.stop();
    engines.remove(first);

    Eventually.await("the second node takes the LPs over", Duration.ofSeconds(60), () -> lpSessionsUp(second) == 2.0);
    Eventually.await("quotes from the new holder", Duration.ofSeconds(30), () -> secondQuotes.get() >= 5);
  }
}
