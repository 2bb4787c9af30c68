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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    // Pool waiting as the engine sets it: the client's default (24 waiters) fails a burst of 30.
    Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolWaiting(4096)
      .setNetClientOptions(new NetClientOptions().setConnectTimeout(500)));
    return new LoginThrottle(RedisAPI.api(client), LIMITS, clock, metrics);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void blocksAUsernameAboveItsLimitUntilTheWindowEndsAndASuccessClearsIt() throws Exception {
    LoginThrottle throttle = throttle(TestInfra.redisUrl(14));
    for (int i = 0; i < 3; i++) {
      assertThat(await(throttle.attempt("alice", "10.0.0.1"))).isEmpty();
    }

    Optional<Duration> blocked = await(throttle.attempt("Alice", "10.0.0.2"));

    assertThat(blocked).hasValueSatisfying(d -> assertThat(d.toSeconds()).isBetween(1L, 300L));
    assertThat(await(throttle.attempt("bob", "10.0.0.2"))).isEmpty();
    await(throttle.succeeded("alice", "10.0.0.3"));
    assertThat(await(throttle.attempt("alice", "10.0.0.3"))).isEmpty();
  }

  @Test
  void blocksAnAddressAcrossUsernamesAndASuccessGivesItsAttemptBack() throws Exception {
    LoginThrottle throttle = throttle(TestInfra.redisUrl(14));
    for (int i = 0; i < 5; i++) {
      assertThat(await(throttle.attempt("user" + i, "10.9.9.9"))).isEmpty();
    }
    await(throttle.succeeded("user4", "10.9.9.9"));
    assertThat(await(throttle.attempt("user5", "10.9.9.9"))).isEmpty();

    assertThat(await(throttle.attempt("someone-else", "10.9.9.9"))).isPresent();
  }

  @Test
  void parallelAttemptsAreEachCountedAndOnlyTheLimitPasses() throws Exception {
    String url = TestInfra.redisUrl(14);
    LoginThrottle throttle = throttle(url);
    String user = "parallel-" + System.nanoTime();
    RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, url));
    await(redis.del(List.of("rtx:auth:fail:u:" + user, "rtx:auth:fail:ip:10.7.7.7")));

    List<Future<Optional<Duration>>> attempts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      attempts.add(throttle.attempt(user, "10.7.7.7"));
    }
    await(Future.join(attempts));

    assertThat(attempts.stream().filter(a -> a.result().isEmpty()).count()).isEqualTo(3);
    assertThat(await(redis.get("rtx:auth:fail:u:" + user)).toLong()).isEqualTo(30);
    assertThat(await(redis.get("rtx:auth:fail:ip:10.7.7.7")).toLong()).isEqualTo(30);
    assertThat(await(redis.pttl("rtx:auth:fail:u:" + user)).toLong()).isBetween(1L, 300_000L);
    assertThat(metrics.get("rtx_auth_throttle_fallback").counter().count()).isZero();
  }

  @Test
  void keepsThrottlingInMemoryWhenRedisIsDown() throws Exception {
    LoginThrottle throttle = throttle("redis://127.0.0.1:" + Ports.free());
    for (int i = 0; i < 3; i++) {
      assertThat(await(throttle.attempt("carol", "10.0.0.1"))).isEmpty();
    }

    assertThat(await(throttle.attempt("carol", "10.0.0.1"))).isPresent();
    assertThat(metrics.get("rtx_auth_throttle_fallback").counter().count()).isGreaterThan(0);

    clock.advanceTo(clock.millis() + 301_000);
    assertThat(await(throttle.attempt("carol", "10.0.0.1"))).isEmpty();
  }

  @Test
  void theInMemoryFallbackCountsParallelAttemptsFromManyThreadsExactly() throws Exception {
    LoginThrottle throttle = throttle("redis://127.0.0.1:" + Ports.free());
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Callable<Optional<Duration>>> calls = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        calls.add(() -> await(throttle.attempt("dave", "10.0.0.9")));
      }
      long passed = 0;
      for (var result : threads.invokeAll(calls)) {
        passed += result.get().isEmpty() ? 1 : 0;
      }

      assertThat(passed).isEqualTo(3);
    } finally {
      threads.shutdownNow();
    }
  }
}
