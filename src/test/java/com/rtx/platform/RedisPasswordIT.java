package com.rtx.platform;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.Http;
import com.rtx.support.RedisServerProcess;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The cluster's Redis demands a password ({@code requirepass} from a Secret): the engine sends
 * {@code redis.password} (RTX_REDIS_PASSWORD, from the Secret rtx-secrets) with AUTH and its
 * Redis check is UP; with a wrong password the check is DOWN (Redis is degradable, readiness stays
 * UP) and nothing reveals the password. The Redis is the machine's {@code redis-server} on a free
 * loopback port, started and killed by the test.
 */
@Timeout(120)
class RedisPasswordIT {

  private static final String PASSWORD = "redis-test-password-7f3a";

  private RedisServerProcess redis;
  private PgTarget database;
  private Engine engine;

  @BeforeEach
  void startRedis() {
    assumeTrue(RedisServerProcess.available(), "redis-server is not installed here");
    redis = RedisServerProcess.start(PASSWORD);
    database = TestInfra.migratedDatabase();
  }

  @AfterEach
  void stopAll() {
    if (engine != null) {
      engine.stop();
    }
    if (redis != null) {
      redis.close();
    }
    if (database != null) {
      TestInfra.drop(database);
    }
  }

  @Test
  void authenticatesWithThePasswordFromTheSecretKey() {
    TestEngine test = TestEngine.on(database)
      .env("RTX_REDIS_URL", redis.url())
      .env("RTX_REDIS_PASSWORD", PASSWORD);
    engine = test.start();
    Eventually.await("redis check UP", Duration.ofSeconds(30),
      () -> Http.status(test.managementPort(), "/health/dependencies/redis") == 200);
    assertThat(Http.get(test.managementPort(), "/health/ready").body()).doesNotContain(PASSWORD);
  }

  @Test
  void aWrongPasswordLeavesRedisDownAndTheEngineReady() {
    TestEngine test = TestEngine.on(database)
      .env("RTX_REDIS_URL", redis.url())
      .env("RTX_REDIS_PASSWORD", "not-" + PASSWORD)
      .env("RTX_REDIS_CONNECT_TIMEOUT_MS", "500");
    engine = test.start();
    Eventually.await("redis check DOWN", Duration.ofSeconds(30),
      () -> Http.status(test.managementPort(), "/health/dependencies/redis") == 503);
    assertThat(Http.status(test.httpPort(), "/health/ready")).isEqualTo(200);
    assertThat(Http.get(test.managementPort(), "/health/dependencies").body()).doesNotContain(PASSWORD);
  }
}
