package com.rtx.pricing;

import com.rtx.bus.QuoteMessages;
import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.EngineProcess;
import com.rtx.support.Eventually;
import com.rtx.support.Http;
import com.rtx.support.Ports;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LP market-data sessions have one holder in a cluster (issue 13), across processes: two
 * clustered engines (Hazelcast on loopback) run pricing on one database, the holder as the
 * packaged jar in its own process, the other in this JVM with the gateway too. Exactly one of them
 * logs on to each LP; the holder's quotes reach the gateway node over the clustered event bus;
 * when the holder is killed with SIGKILL (no clean release: its advisory-lock connection just
 * dies), the other node takes the LP sessions over and its own quotes flow. The deadlines are
 * hang guards derived from the configured lead interval and reconnect delay, not timings.
 */
@Timeout(300)
class PricingClusterFailoverIT {

  private static final long LEAD_INTERVAL_MS = 200;
  private static final int RECONNECT_S = 1;
  private static final Pattern SESSIONS_UP = Pattern.compile("(?m)^rtx_pricing_lp_sessions_up(?:\\{[^}]*\\})? (\\S+)$");

  private final List<Engine> engines = new ArrayList<>();
  private EngineProcess holder;
  private PgTarget database;

  @AfterEach
  void stopAll() {
    if (holder != null) {
      holder.close();
    }
    for (Engine engine : engines) {
      engine.stop();
    }
    if (database != null) {
      TestInfra.drop(database);
    }
  }

  @Test
  void oneLogonPerLpInTheClusterQuotesCrossNodesAndAKilledHolderIsReplaced() throws Exception {
    database = TestInfra.migratedDatabase();
    int fixPort = Ports.free();
    TestInfra.execute(database, "UPDATE liquidity_provider SET port = " + fixPort);
    engines.add(TestEngine.on(database)
      .env("RTX_ROLES", "lp-sim")
      .env("RTX_LPSIM_PORT", String.valueOf(fixPort))
      .env("RTX_LPSIM_CONTROL_PORT", String.valueOf(Ports.free()))
      .start());

    int hz1 = Ports.free();
    int hz2 = Ports.free();
    String members = "127.0.0.1:" + hz1 + ",127.0.0.1:" + hz2;

    // The holder: the packaged jar, pricing only, clustered.
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pricing-failover-");
    int holderHttp = Ports.free();
    int holderManagement = Ports.free();
    holder = EngineProcess.start(dir, EngineProcess.env(
      "RTX_PG_URL", TestInfra.url(database), "RTX_REDIS_URL", TestInfra.redisUrl(13),
      "RTX_DATA_DIR", dir.resolve("data").toString(), "RTX_ROLES", "pricing", "RTX_DEMO_ENABLED", "false",
      "RTX_HTTP_PORT", String.valueOf(holderHttp), "RTX_MANAGEMENT_PORT", String.valueOf(holderManagement),
      "RTX_CONFIG_SCAN_PERIOD_MS", "0",
      "RTX_PRICING_LEAD_INTERVAL_MS", String.valueOf(LEAD_INTERVAL_MS),
      "RTX_PRICING_FIX_RECONNECT_S", String.valueOf(RECONNECT_S),
      "RTX_CLUSTER_ENABLED", "true", "RTX_CLUSTER_HOST", "127.0.0.1", "RTX_CLUSTER_PORT", String.valueOf(hz1),
      "RTX_CLUSTER_MEMBERS", members), "run");
    // pricing alone serves no public port: readiness from the management port
    holder.awaitReady(holderManagement);
    Eventually.await("the holder logs on to both LPs", Duration.ofSeconds(60),
      () -> sessionsUp(holderManagement) == 2.0);

    // The other node: pricing and the gateway, in this JVM, same cluster.
    Engine other = TestEngine.on(database)
      .env("RTX_ROLES", "pricing,gateway")
      .env("RTX_PRICING_LEAD_INTERVAL_MS", String.valueOf(LEAD_INTERVAL_MS))
      .env("RTX_PRICING_FIX_RECONNECT_S", String.valueOf(RECONNECT_S))
      .env("RTX_CLUSTER_ENABLED", "true")
      .env("RTX_CLUSTER_HOST", "127.0.0.1")
      .env("RTX_CLUSTER_PORT", String.valueOf(hz2))
      .env("RTX_CLUSTER_MEMBERS", members)
      .start();
    engines.add(other);
    assertThat(other.vertx().isClustered()).isTrue();
    AtomicInteger quotesOnTheGatewayNode = new AtomicInteger();
    other.vertx().eventBus().consumer(QuoteMessages.address("EURUSD"), m -> quotesOnTheGatewayNode.incrementAndGet());

    // Quotes published by the holder's process reach the gateway node over the clustered bus,
    // while this node, a follower, holds no LP session: one logon per LP in the cluster.
    Eventually.await("the holder's quotes on the gateway node", Duration.ofSeconds(60),
      () -> quotesOnTheGatewayNode.get() >= 20);
    assertThat(lpSessionsUp(other)).as("the follower holds no LP session").isZero();
    assertThat(sessionsUp(holderManagement)).as("the holder still holds both").isEqualTo(2.0);

    // SIGKILL: no release; PostgreSQL drops the dead connection's advisory lock.
    holder.kill9();
    holder = null;
    int before = quotesOnTheGatewayNode.get();
    Duration takeover = Duration.ofMillis(LEAD_INTERVAL_MS * 10 + RECONNECT_S * 1000L * 10 + 20_000);
    Eventually.await("the other node takes both LP sessions over", takeover, () -> lpSessionsUp(other) == 2.0);
    Eventually.await("quotes flow from the new holder", Duration.ofSeconds(30),
      () -> quotesOnTheGatewayNode.get() >= before + 5);
  }

  private static double lpSessionsUp(Engine engine) {
    var gauge = engine.metricsRegistry().find("rtx.pricing.lp.sessions.up").gauge();
    return gauge == null ? 0 : gauge.value();
  }

  /** rtx_pricing_lp_sessions_up scraped from a process' management port (0 when absent). */
  private static double sessionsUp(int managementPort) {
    String metrics = Http.get(managementPort, "/metrics").body();
    Matcher m = SESSIONS_UP.matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
