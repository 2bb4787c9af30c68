package com.rtx.platform;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.Http;
import com.rtx.support.TcpProxy;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL and Redis becoming unreachable and coming back, simulated by cutting loopback
 * proxies between the engine and the machine's servers (which are never stopped).
 */
@Timeout(120)
class DegradationIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private PgTarget database;
  private TcpProxy pgProxy;
  private TcpProxy redisProxy;
  private Engine engine;
  private int port;
  private int management;

  @BeforeEach
  void startEngineBehindProxies() throws Exception {
    database = TestInfra.migratedDatabase();
    pgProxy = new TcpProxy(database.host(), database.port());
    URI redis = URI.create(TestInfra.redisUrl());
    redisProxy = new TcpProxy(redis.getHost(), redis.getPort());
    PgTarget viaProxy = new PgTarget("127.0.0.1", pgProxy.port(), database.database(), database.user(),
      database.password());
    TestEngine test = TestEngine.on(viaProxy)
      .env("RTX_REDIS_URL", "redis://127.0.0.1:" + redisProxy.port())
      .env("RTX_HEALTH_CHECK_TIMEOUT_MS", "1000")
      .env("RTX_PG_CONNECT_TIMEOUT_MS", "500")
      .env("RTX_REDIS_CONNECT_TIMEOUT_MS", "500");
    port = test.httpPort();
    management = test.managementPort();
    engine = test.start();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (engine != null) {
      engine.stop();
    }
    pgProxy.close();
    redisProxy.close();
    TestInfra.drop(database);
  }

  @Test
  void readinessGoesDownWhenPostgresIsUnreachableAndUpWhenItReturns() {
    assertThat(Http.status(port, "/health/ready")).isEqualTo(200);

    pgProxy.cut();
    Eventually.await("readiness DOWN", DEADLINE, () -> Http.status(port, "/health/ready") == 503);
    assertThat(Http.json(Http.get(port, "/health/ready"))).isEqualTo(new JsonObject().put("status", "DOWN"));
    JsonObject down = Http.json(Http.get(management, "/health/ready"));
    JsonObject postgres = check(down, "postgres");
    assertThat(postgres.getString("status")).isEqualTo("DOWN");
    assertThat(postgres.getJsonObject("data").getString("error")).isNotBlank();
    assertThat(Http.status(port, "/health/live")).isEqualTo(200);

    pgProxy.restore();
    Eventually.await("readiness UP again", DEADLINE, () -> Http.status(port, "/health/ready") == 200);
  }

  @Test
  void redisDownDegradesWithoutCrashingOrLosingReadiness() {
    assertThat(Http.status(management, "/health/dependencies")).isEqualTo(200);

    redisProxy.cut();
    Eventually.await("redis check DOWN", DEADLINE, () -> Http.status(management, "/health/dependencies") == 503);
    JsonObject redis = check(Http.json(Http.get(management, "/health/dependencies")), "redis");
    assertThat(redis.getString("status")).isEqualTo("DOWN");
    assertThat(redis.getJsonObject("data").getString("impact")).contains("trading continues");
    assertThat(Http.status(port, "/health/ready")).isEqualTo(200);
    assertThat(Http.status(port, "/health/live")).isEqualTo(200);

    redisProxy.restore();
    Eventually.await("redis check UP again", DEADLINE, () -> Http.status(management, "/health/dependencies") == 200);
  }

  @Test
  void redisUnreachableAtStartStillStartsAndReportsRedisDown() {
    PgTarget other = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(other)
      .env("RTX_REDIS_URL", "redis://127.0.0.1:" + com.rtx.support.Ports.free())
      .env("RTX_REDIS_CONNECT_TIMEOUT_MS", "500");
    Engine noRedis = test.start();
    try {
      assertThat(Http.status(test.httpPort(), "/health/ready")).isEqualTo(200);
      assertThat(Http.status(test.managementPort(), "/health/dependencies/redis")).isEqualTo(503);
    } finally {
      noRedis.stop();
      TestInfra.drop(other);
    }
  }

  private static JsonObject check(JsonObject health, String id) {
    return health.getJsonArray("checks").stream().map(JsonObject.class::cast)
      .filter(c -> c.getString("id").equals(id)).findFirst().orElseThrow();
  }
}
