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
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pricing end to end over real FIX 4.4 sessions on 127.0.0.1: the engine's pricing role against
 * its built-in LP simulator (two LPs), faults injected through the simulator's control endpoint.
 */
@Timeout(300)
class PricingIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static PgTarget database;
  private static Engine engine;
  private static int httpPort;
  private static int managementPort;
  private static int controlPort;
  private static String redisUrl;
  private static final List<JsonObject> published = new CopyOnWriteArrayList<>();
  private static final MutableClock CLOCK = new MutableClock();

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    // FX sessions close at the weekend: run on a Wednesday whatever day the build runs.
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    // XBRUSD's sessions are closed all week in this database: its quotes must come out CLOSED.
    TestInfra.execute(database, "UPDATE symbol SET sessions = '' WHERE name = 'XBRUSD'");
    controlPort = Ports.free();
    TestEngine test = TestEngine.on(database)
      .env("RTX_ROLES", "lp-sim,pricing,gateway")
      .env("RTX_DEMO_ENABLED", "true")
      .env("RTX_LPSIM_PORT", String.valueOf(Ports.free()))
      .env("RTX_LPSIM_CONTROL_PORT", String.valueOf(controlPort))
      .env("RTX_LPSIM_LPS", "[{\"name\":\"LP1\",\"spread-factor\":\"1.0\",\"tick-interval-ms\":50,\"latency-ms\":0},"
        + "{\"name\":\"LP2\",\"spread-factor\":\"1.2\",\"tick-interval-ms\":50,\"latency-ms\":0}]")
      .env("RTX_PRICING_STALE_MS", "1000")
      .env("RTX_PRICING_STALE_CHECK_MS", "100")
      .env("RTX_PRICING_FIX_HEARTBEAT_S", "1")
      .env("RTX_PRICING_FIX_RECONNECT_S", "1")
      .env("RTX_PRICING_SPIKE_MAX_JUMP_BPS", "50")
      .env("RTX_PRICING_SPIKE_CONFIRM_TICKS", "3")
      .env("RTX_PRICING_TICK_ARCHIVE", "true")
      .env("RTX_PRICING_BAR_FLUSH_MS", "200");
    httpPort = test.httpPort();
    managementPort = test.managementPort();
    redisUrl = test.redisUrl();
    engine = test.start(CLOCK);
    engine.vertx().eventBus().<JsonObject>consumer("rtx.prices.EURUSD", m -> published.add(m.body()));
    engine.vertx().eventBus().<JsonObject>consumer("rtx.prices.GBPUSD", m -> published.add(m.body()));
    engine.vertx().eventBus().<JsonObject>consumer("rtx.prices.XBRUSD", m -> published.add(m.body()));
    Eventually.await("both LP sessions logged on", DEADLINE, () -> {
      JsonObject lps = pricingHealth().getJsonObject("lps");
      return lps != null && "LOGGED_ON".equals(lps.getString("LP1")) && "LOGGED_ON".equals(lps.getString("LP2"));
    });
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @BeforeEach
  void resetFaults() {
    control("/reset", new JsonObject());
  }

  private static JsonObject pricingHealth() {
    JsonObject health = Http.json(Http.get(managementPort, "/health/dependencies/pricing"));
    return health.getJsonObject("data", health.getJsonArray("checks") == null ? new JsonObject()
      : health.getJsonArray("checks").getJsonObject(0).getJsonObject("data"));
  }

  private static void control(String path, JsonObject body) {
    var response = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + path))
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
  }

  /** Waits for a quote published after this call that matches. */
  private static JsonObject awaitQuote(String symbol, Predicate<JsonObject> condition) {
    int from = published.size();
    JsonObject[] found = new JsonObject[1];
    Eventually.await("a " + symbol + " quote matching", DEADLINE, () -> {
      for (int i = from; i < published.size(); i++) {
        JsonObject quote = published.get(i);
        if (quote.getString("symbol").equals(symbol) && condition.test(quote)) {
          found[0] = quote;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /** Quotes published since {@code mark}, from one snapshot (the list keeps growing). */
  private static List<JsonObject> snapshotFrom(int mark) {
    List<JsonObject> all = List.copyOf(published);
    return all.subList(mark, all.size());
  }

  private static double filtered(String filter) {
    return engine.metricsRegistry().find("rtx.pricing.filtered").tag("filter", filter).functionCounter().count();
  }

  @Test
  void twoLpsGiveOneBestPriceAndBothLpsAppearAsSources() {
    JsonObject fromLp1 = awaitQuote("EURUSD", q -> q.getString("bidLp").equals("LP1") || q.getString("askLp").equals("LP1"));
    JsonObject fromLp2 = awaitQuote("EURUSD", q -> q.getString("bidLp").equals("LP2") || q.getString("askLp").equals("LP2"));

    for (JsonObject quote : List.of(fromLp1, fromLp2)) {
      assertThat(new BigDecimal(quote.getString("bid"))).isLessThan(new BigDecimal(quote.getString("ask")));
      assertThat(quote.getString("bid")).matches("\\d\\.\\d{5}");
      assertThat(quote.getString("status")).isEqualTo("OK");
    }
    assertThat(fromLp2.getLong("sequence")).isGreaterThan(0);
  }

  @Test
  void staleLpIsExcludedAfterStaleMsAndComesBackWhenItQuotesAgain() {
    // Whatever another test left: both LPs quote GBPUSD, and LP2's quote is in the book again.
    control("/lps/LP1/symbols/GBPUSD/resume", new JsonObject());
    control("/lps/LP2/symbols/GBPUSD/resume", new JsonObject());
    awaitQuote("GBPUSD", q -> q.getString("bidLp").equals("LP2") || q.getString("askLp").equals("LP2"));
    double staleBefore = filtered("stale_lp");
    control("/lps/LP2/symbols/GBPUSD/stale", new JsonObject());

    Eventually.await("LP2's GBPUSD quote going stale", DEADLINE, () -> filtered("stale_lp") > staleBefore);
    int mark = published.size();
    awaitQuote("GBPUSD", q -> true);
    assertThat(snapshotFrom(mark)).filteredOn(q -> q.getString("symbol").equals("GBPUSD"))
      .allSatisfy(q -> assertThat(List.of(q.getString("bidLp"), q.getString("askLp"))).containsOnly("LP1"));

    control("/lps/LP2/symbols/GBPUSD/resume", new JsonObject());
    awaitQuote("GBPUSD", q -> q.getString("bidLp").equals("LP2") || q.getString("askLp").equals("LP2"));
  }

  @Test
  void bothLpsStaleMakesTheSymbolStaleUntilOneQuotesAgain() {
    control("/lps/LP1/symbols/GBPUSD/stale", new JsonObject());
    control("/lps/LP2/symbols/GBPUSD/stale", new JsonObject());

    awaitQuote("GBPUSD", q -> q.getString("status").equals("STALE"));
    control("/lps/LP1/symbols/GBPUSD/resume", new JsonObject());
    awaitQuote("GBPUSD", q -> q.getString("status").equals("OK"));
    control("/lps/LP2/symbols/GBPUSD/resume", new JsonObject());
  }

  @Test
  void droppedSessionLeavesTheBookAndReturnsAfterReconnect() {
    control("/lps/LP2/disconnect", new JsonObject());

    awaitQuote("EURUSD", q -> q.getString("bidLp").equals("LP1") && q.getString("askLp").equals("LP1"));
    Eventually.await("LP2 logged on again", DEADLINE,
      () -> "LOGGED_ON".equals(pricingHealth().getJsonObject("lps").getString("LP2")));
    awaitQuote("EURUSD", q -> q.getString("bidLp").equals("LP2") || q.getString("askLp").equals("LP2"));
  }

  @Test
  void oneOffSpikeIsHeldAndNeverPublished() {
    control("/lps/LP2/symbols/EURUSD/stale", new JsonObject());
    JsonObject before = awaitQuote("EURUSD", q -> q.getString("bidLp").equals("LP1") && q.getString("askLp").equals("LP1"));
    double held = filtered("spike_held");
    BigDecimal level = new BigDecimal(before.getString("bid"));

    control("/lps/LP1/symbols/EURUSD/spike", new JsonObject().put("points", 5000).put("persist", false));
    Eventually.await("spike held", DEADLINE, () -> filtered("spike_held") > held);
    int mark = published.size();
    awaitQuote("EURUSD", q -> true);

    assertThat(snapshotFrom(mark).stream()
      .filter(q -> q.getString("symbol").equals("EURUSD"))
      .map(q -> new BigDecimal(q.getString("bid")).subtract(level).abs()))
      .allSatisfy(move -> assertThat(move).isLessThan(new BigDecimal("0.04")));
  }

  @Test
  void persistentJumpIsConfirmedAfterEnoughTicks() {
    control("/lps/LP2/symbols/EURUSD/stale", new JsonObject());
    JsonObject before = awaitQuote("EURUSD", q -> q.getString("bidLp").equals("LP1") && q.getString("askLp").equals("LP1"));
    double confirmed = filtered("spike_confirmed");

    control("/lps/LP1/symbols/EURUSD/spike", new JsonObject().put("points", 5000).put("persist", true));

    BigDecimal old = new BigDecimal(before.getString("bid"));
    awaitQuote("EURUSD", q -> new BigDecimal(q.getString("bid")).subtract(old).compareTo(new BigDecimal("0.04")) > 0);
    assertThat(filtered("spike_confirmed")).isGreaterThan(confirmed);
    assertThat(filtered("spike_held")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void crossedQuoteIsDroppedAndCounted() {
    double crossed = filtered("crossed");

    control("/lps/LP1/symbols/EURUSD/crossed", new JsonObject());

    Eventually.await("crossed quote counted", DEADLINE, () -> filtered("crossed") > crossed);
    assertThat(published).allSatisfy(q ->
      assertThat(new BigDecimal(q.getString("bid"))).isLessThan(new BigDecimal(q.getString("ask"))));
  }

  @Test
  void symbolOutsideItsSessionsIsClosed() {
    JsonObject brent = awaitQuote("XBRUSD", q -> true);

    assertThat(brent.getString("status")).isEqualTo("CLOSED");
    assertThat(pricingHealth().getJsonObject("symbols").getJsonArray("CLOSED").getList()).contains("XBRUSD");
  }

  @Test
  void lastQuoteIsKeptInRedisWithAnExpiry() throws Exception {
    awaitQuote("EURUSD", q -> true);
    Redis redis = Redis.createClient(engine.vertx(), redisUrl);
    try {
      RedisAPI api = RedisAPI.api(redis);
      // The write to Redis follows the bus publication asynchronously.
      Response[] found = new Response[1];
      Eventually.await("last EURUSD quote in Redis", DEADLINE, () -> {
        try {
          found[0] = api.get("rtx:quote:EURUSD").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
          return found[0] != null;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Response value = found[0];
      Response ttl = api.pttl("rtx:quote:EURUSD").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      assertThat(new JsonObject(value.toString()).getString("symbol")).isEqualTo("EURUSD");
      assertThat(ttl.toLong()).isBetween(1L, 1000L);
    } finally {
      redis.close();
    }
  }

  @Test
  void clientQuotesOverRestAreLiveAndMarkedUp() {
    awaitQuote("EURUSD", q -> true);

    JsonObject quote = Http.json(Http.get(httpPort, "/api/v1/quotes?symbols=EURUSD")).getJsonArray("quotes").getJsonObject(0);

    assertThat(quote.getString("status")).isEqualTo("OK");
    BigDecimal spread = new BigDecimal(quote.getString("ask")).subtract(new BigDecimal(quote.getString("bid")));
    assertThat(spread).isGreaterThanOrEqualTo(new BigDecimal("0.00010"));
  }

  @Test
  void barsAreWrittenWhenTheirPeriodCloses() throws Exception {
    awaitQuote("EURUSD", q -> true);
    long nextMinute = (CLOCK.millis() / 60_000 + 1) * 60_000;

    // Move the engine's clock past the minute boundary; the next flush closes and writes the M1 bar.
    CLOCK.advanceTo(nextMinute + 1_000);
    awaitQuote("EURUSD", q -> q.getLong("engineTime") >= nextMinute);

    Eventually.await("a closed M1 bar in PostgreSQL", DEADLINE, () -> {
      try (Connection c = TestInfra.connect(database);
           ResultSet rs = c.createStatement().executeQuery(
             "SELECT count(*) FROM bar WHERE symbol = 'EURUSD' AND timeframe = 'M1'")) {
        rs.next();
        return rs.getLong(1) >= 1;
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    JsonObject bars = Http.json(Http.get(httpPort, "/api/v1/bars?symbol=EURUSD&tf=M1&to=" + (nextMinute + 60_000)));
    JsonObject bar = bars.getJsonArray("bars").getJsonObject(bars.getJsonArray("bars").size() - 1);
    assertThat(new BigDecimal(bar.getJsonObject("bid").getString("h")))
      .isGreaterThanOrEqualTo(new BigDecimal(bar.getJsonObject("bid").getString("l")));
    assertThat(bar.getLong("tickVolume")).isPositive();
  }

  @Test
  void tickArchiveWritesAggregatedQuotesInBatches() {
    awaitQuote("EURUSD", q -> true);

    Eventually.await("archived EURUSD ticks", DEADLINE, () -> {
      try (Connection c = TestInfra.connect(database);
           ResultSet rs = c.createStatement().executeQuery(
             "SELECT count(*), bool_and(bid < ask) FROM tick WHERE symbol = 'EURUSD'")) {
        rs.next();
        return rs.getLong(1) > 0 && rs.getBoolean(2);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
