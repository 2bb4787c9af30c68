package com.rtx.auth;

import com.rtx.support.MutableClock;
import com.rtx.support.Ports;
import com.rtx.support.TestInfra;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The login throttle against real Redis, and its in-memory fallback when Redis does not answer. */
@Timeout(60)
class LoginThrottleIT {

  private static final LoginThrottle.Limits LIMITS = new LoginThrottle.Limits(3, 5, Duration.ofSeconds(300));

  private Vertx vertx;
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close();
  }

  private LoginThrottle throttle(String url) {
    Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
      .setNetClientOptions(new NetClientOptions().setConnectTimeout(500)));
    return new LoginThrottle(RedisAPI.api(client), LIMITS, clock, metrics);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void blocksAUsernameAtItsLimitUntilTheWindowEndsAndASuccessClearsIt() throws Exception {
    LoginThrottle throttle = throttle(TestInfra.redisUrl(14));
    for (int i = 0; i < 3; i++) {
      assertThat(await(throttle.check("alice", "10.0.0.1"))).isEmpty();
      await(throttle.recordFailure("alice", "10.0.0.1"));
    }

    Optional<Duration> blocked = await(throttle.check("Alice", "10.0.0.2"));

    assertThat(blocked).hasValueSatisfying(d -> assertThat(d.toSeconds()).isBetween(1L, 300L));
    assertThat(await(throttle.check("bob", "10.0.0.2"))).isEmpty();
    await(throttle.recordSuccess("alice"));
    assertThat(await(throttle.check("alice", "10.0.0.3"))).isEmpty();
  }

  @Test
  void blocksAnAddressAcrossUsernames() throws Exception {
    LoginThrottle throttle = throttle(TestInfra.redisUrl(14));
    for (int i = 0; i < 5; i++) {
      await(throttle.recordFailure("user" + i, "10.9.9.9"));
    }

    assertThat(await(throttle.check("someone-else", "10.9.9.9"))).isPresent();
  }

  @Test
  void keepsThrottlingInMemoryWhenRedisIsDown() throws Exception {
    LoginThrottle throttle = throttle("redis://127.0.0.1:" + Ports.free());
    for (int i = 0; i < 3; i++) {
      assertThat(await(throttle.check("carol", "10.0.0.1"))).isEmpty();
      await(throttle.recordFailure("carol", "10.0.0.1"));
    }

    assertThat(await(throttle.check("carol", "10.0.0.1"))).isPresent();
    assertThat(metrics.get("rtx_auth_throttle_fallback").counter().count()).isGreaterThan(0);

    clock.advanceTo(clock.millis() + 301_000);
    assertThat(await(throttle.check("carol", "10.0.0.1"))).isEmpty();
  }
}
