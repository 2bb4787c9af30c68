package com.rtx.gateway;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.ApiClient;
import com.rtx.support.Http;
import com.rtx.support.MutableClock;
import com.rtx.support.TcpProxy;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import com.rtx.support.TestMarket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-account order rate limit over REST: counted in Redis (shared by every gateway), and still
 * enforced — in memory — while Redis does not answer. The clock stands still, so every order of a
 * test falls in the same one-second window whatever the machine's speed.
 */
@Timeout(120)
class OrderRateLimitIT {

  private static final String PASSWORD = "rate-Pa55word";
  private static PgTarget database;
  private static Engine engine;
  private static TcpProxy redis;
  private static int port;
  private static ApiClient api;
  private static MutableClock clock;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    clock = MutableClock.frozenAt(TestMarket.nextWednesdayNoon());
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "dealing,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD).env("RTX_DEALING_ORDER_RATE_PER_S", "3");
    URI url = URI.create(test.redisUrl());
    redis = new TcpProxy(url.getHost(), url.getPort());
    test.env("RTX_REDIS_URL", "redis://127.0.0.1:" + redis.port() + url.getPath());
    port = test.httpPort();
    engine = test.start(clock);
    engine.vertx().eventBus().publish("rtx.prices.EURUSD", new JsonObject().put("symbol", "EURUSD")
      .put("bid", "1.10000").put("ask", "1.10002").put("bidLp", "LP1").put("askLp", "LP1").put("status", "OK")
      .put("sequence", 1).put("lpTime", clock.millis()).put("engineTime", clock.millis()));
    api = new ApiClient(port);
    token = api.loginTrader("trader1", PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    if (engine != null) {
      engine.stop();
    }
    redis.close();
    TestInfra.drop(database);
  }

  private static HttpResponse<String> order(long accountId) {
    return api.post("/api/v1/orders", new JsonObject().put("accountId", accountId).put("symbol", "EURUSD")
      .put("side", "BUY").put("type", "MARKET").put("volume", "0.01"), token);
  }

  @Test
  void theFourthOrderOfASecondIsRefusedWithRetryAfter() {
    clock.advanceTo(clock.millis() + 1_000);
    for (int i = 0; i < 3; i++) {
      assertThat(order(100001).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> fourth = order(100001);
    assertThat(fourth.statusCode()).as(fourth.body()).isEqualTo(429);
    assertThat(Http.json(fourth).getJsonObject("error").getString("code")).isEqualTo("RATE_LIMITED");
    assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
    // Another account has its own budget.
    assertThat(order(100002).statusCode()).isEqualTo(200);
    // The next second starts afresh.
    clock.advanceTo(clock.millis() + 1_000);
    assertThat(order(100001).statusCode()).isEqualTo(200);
  }

  @Test
  void withRedisDownTheLimitStillHolds() {
    clock.advanceTo(clock.millis() + 1_000);
    redis.cut();
    try {
      for (int i = 0; i < 3; i++) {
        assertThat(order(100002).statusCode()).isEqualTo(200);
      }
      assertThat(order(100002).statusCode()).isEqualTo(429);
    } finally {
      redis.restore();
    }
  }
}
