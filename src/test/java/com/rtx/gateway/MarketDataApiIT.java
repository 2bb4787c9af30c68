package com.rtx.gateway;

import com.rtx.core.bars.Bar;
import com.rtx.core.bars.Timeframe;
import com.rtx.marketdata.BarRepository;
import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Http;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market data REST API against demo reference data; quotes are published on the bus exactly
 * as the pricing role publishes them.
 */
@Timeout(120)
class MarketDataApiIT {

  private static PgTarget database;
  private static Engine engine;
  private static int port;

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_PRICING_STALE_MS", "60000");
    // A quote pricing left in Redis before this gateway started.
    TestInfra.redisCommand(test.redisUrl(), "SET", "rtx:quote:XAGUSD", new JsonObject().put("symbol", "XAGUSD")
      .put("bid", "31.120").put("ask", "31.150").put("bidLp", "LP1").put("askLp", "LP1").put("status", "OK")
      .put("sequence", 9).put("lpTime", System.currentTimeMillis()).put("engineTime", System.currentTimeMillis()).encode());
    port = test.httpPort();
    engine = test.start();
  }

  @AfterAll
  static void stop() {
    engine.stop();
    TestInfra.drop(database);
  }

  private static void publish(String symbol, String bid, String ask, long sequence, long engineTime) {
    engine.vertx().eventBus().publish("rtx.prices." + symbol, new JsonObject().put("symbol", symbol)
      .put("bid", bid).put("ask", ask).put("bidLp", "LP1").put("askLp", "LP2").put("status", "OK")
      .put("sequence", sequence).put("lpTime", engineTime).put("engineTime", engineTime));
  }

  private static JsonObject quoteOf(String symbol) {
    JsonArray quotes = Http.json(Http.get(port, "/api/v1/quotes?symbols=" + symbol)).getJsonArray("quotes");
    return quotes.isEmpty() ? null : quotes.getJsonObject(0);
  }

  @Test
  void symbolsListTheDemoInstrumentsWithTheirSpecifications() {
    JsonArray symbols = Http.json(Http.get(port, "/api/v1/symbols")).getJsonArray("symbols");

    assertThat(symbols).hasSize(15);
    JsonObject eurusd = symbols.stream().map(JsonObject.class::cast)
      .filter(s -> s.getString("symbol").equals("EURUSD")).findFirst().orElseThrow();
    assertThat(eurusd.getInteger("digits")).isEqualTo(5);
    assertThat(eurusd.getString("contractSize")).isEqualTo("100000");
    assertThat(eurusd.getString("pipSize")).isEqualTo("0.0001");
    assertThat(eurusd.getString("volumeStep")).isEqualTo("0.01");
    JsonObject gold = symbols.stream().map(JsonObject.class::cast)
      .filter(s -> s.getString("symbol").equals("XAUUSD")).findFirst().orElseThrow();
    assertThat(gold.getInteger("digits")).isEqualTo(2);
    assertThat(gold.getString("marginRate")).isEqualTo("0.05");
  }

  @Test
  void quotesCarryTheDefaultGroupMarkupAndHideLpNames() {
    long now = System.currentTimeMillis();
    publish("EURUSD", "1.08120", "1.08126", 1, now);
    publish("USDJPY", "151.230", "151.236", 1, now);

    await(() -> quoteOf("EURUSD") != null && quoteOf("USDJPY") != null);
    // "standard" profile: 4 points each side (EURUSD), USDJPY override 4/4 with min spread 10.
    JsonObject eurusd = quoteOf("EURUSD");
    assertThat(eurusd.getString("bid")).isEqualTo("1.08116");
    assertThat(eurusd.getString("ask")).isEqualTo("1.08130");
    assertThat(eurusd.getString("status")).isEqualTo("OK");
    assertThat(eurusd.containsKey("bidLp")).isFalse();
    JsonObject usdjpy = quoteOf("USDJPY");
    assertThat(usdjpy.getString("bid")).isEqualTo("151.226");
    assertThat(usdjpy.getString("ask")).isEqualTo("151.240");
  }

  @Test
  void gatewayStartsWithTheLastQuotesKeptInRedis() {
    JsonObject silver = quoteOf("XAGUSD");

    assertThat(silver).isNotNull();
    // standard profile override for XAGUSD: 10 points each side.
    assertThat(silver.getString("bid")).isEqualTo("31.110");
    assertThat(silver.getString("ask")).isEqualTo("31.160");
    assertThat(silver.getLong("sequence")).isEqualTo(9);
  }

  @Test
  void aQuoteOlderThanStaleMsIsNeverServedAsLive() {
    publish("GBPUSD", "1.26000", "1.26010", 1, System.currentTimeMillis() - 120_000);

    await(() -> quoteOf("GBPUSD") != null);
    assertThat(quoteOf("GBPUSD").getString("status")).isEqualTo("STALE");
  }

  @Test
  void unknownSymbolInQuotesIsA400NamingTheField() {
    HttpResponse<String> response = Http.get(port, "/api/v1/quotes?symbols=EURUSD,NOPE");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).getJsonObject("error"))
      .isEqualTo(new JsonObject().put("code", "UNKNOWN_SYMBOL").put("message", "unknown symbol NOPE").put("field", "symbols"));
  }

  @Test
  void barsParametersAreValidatedFieldByField() {
    assertThat(field("/api/v1/bars?tf=M1")).isEqualTo("symbol");
    assertThat(field("/api/v1/bars?symbol=NOPE&tf=M1")).isEqualTo("symbol");
    assertThat(field("/api/v1/bars?symbol=EURUSD")).isEqualTo("tf");
    assertThat(field("/api/v1/bars?symbol=EURUSD&tf=M2")).isEqualTo("tf");
    assertThat(field("/api/v1/bars?symbol=EURUSD&tf=M1&limit=5001")).isEqualTo("limit");
    assertThat(field("/api/v1/bars?symbol=EURUSD&tf=M1&limit=0")).isEqualTo("limit");
    assertThat(field("/api/v1/bars?symbol=EURUSD&tf=M1&from=yesterday")).isEqualTo("from");
    assertThat(field("/api/v1/bars?symbol=EURUSD&tf=M1&from=2026-11-25T10:00:00Z&to=2026-11-25T09:00:00Z"))
      .isEqualTo("from");
  }

  private static String field(String path) {
    HttpResponse<String> response = Http.get(port, path);
    assertThat(response.statusCode()).as(path).isEqualTo(400);
    return Http.json(response).getJsonObject("error").getString("field");
  }

  @Test
  void barsComeBackOldestFirstWithinRangeAndLimit() throws Exception {
    Pool pool = PgBuilder.pool().connectingTo(database.connectOptions()).using(engine.vertx()).build();
    try {
      BarRepository repository = new BarRepository(pool);
      long t0 = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli();
      List<Bar> bars = List.of(
        new Bar("EURGBP", Timeframe.M1, t0, 85000, 85010, 84990, 85005, 85002, 85012, 84992, 85007, 12),
        new Bar("EURGBP", Timeframe.M1, t0 + 60_000, 85005, 85020, 85000, 85015, 85007, 85022, 85002, 85017, 7),
        new Bar("EURGBP", Timeframe.M1, t0 + 120_000, 85015, 85016, 85001, 85002, 85017, 85018, 85003, 85004, 3));
      repository.ensurePartitions(3).compose(v -> repository.write(bars, s -> com.rtx.support.TestInstruments.eurgbp()))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      pool.close();
    }

    JsonObject all = Http.json(Http.get(port, "/api/v1/bars?symbol=EURGBP&tf=M1&from=2026-11-25T10:00:00Z&to=2026-11-25T11:00:00Z"));
    JsonObject newestTwo = Http.json(Http.get(port, "/api/v1/bars?symbol=EURGBP&tf=M1&from=1764064800000&limit=2"));

    assertThat(all.getJsonArray("bars")).hasSize(3);
    JsonObject first = all.getJsonArray("bars").getJsonObject(0);
    assertThat(first.getString("time")).isEqualTo("2026-11-25T10:00:00Z");
    assertThat(first.getJsonObject("bid")).isEqualTo(new JsonObject().put("o", "0.85000").put("h", "0.85010")
      .put("l", "0.84990").put("c", "0.85005"));
    assertThat(first.getLong("tickVolume")).isEqualTo(12);
    assertThat(newestTwo.getJsonArray("bars").stream().map(b -> ((JsonObject) b).getString("time")))
      .containsExactly("2026-11-25T10:01:00Z", "2026-11-25T10:02:00Z");
  }

  @Test
  void contractIsServed() {
    HttpResponse<String> contract = Http.get(port, "/api/v1/openapi.yaml");

    assertThat(contract.statusCode()).isEqualTo(200);
    assertThat(contract.body()).contains("openapi: 3.1.0").contains("/symbols:").contains("/quotes:").contains("/bars:");
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    com.rtx.support.Eventually.await("quote visible", java.time.Duration.ofSeconds(30), condition);
  }
}
