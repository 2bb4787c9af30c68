package com.rtx.gateway;

import com.rtx.platform.http.ApiErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Orders per account per second, shared by every gateway through a Redis counter per account and
 * second ({@code rtx:rl:orders:<account>:<second>}, expiring after two seconds). When Redis does
 * not answer the limit still holds, counted in this gateway's memory (per instance, so a client
 * spread over n gateways may reach n times the limit while Redis is down) — never fail-open.
 * Over the limit: 429 {@code RATE_LIMITED} with Retry-After.
 */
final class OrderRateLimiter {

  private static final Logger LOG = LoggerFactory.getLogger(OrderRateLimiter.class);

  private final RedisAPI redis;
  private final int perSecond;
  private final Clock clock;
  private final Map<Long, long[]> local = new ConcurrentHashMap<>();
  private final Counter fallbacks;
  private volatile long lastWarning;

  OrderRateLimiter(RedisAPI redis, int perSecond, Clock clock, MeterRegistry metrics) {
    this.redis = redis;
    this.perSecond = perSecond;
    this.clock = clock;
    this.fallbacks = Counter.builder("rtx_order_rate_limit_fallback_total")
      .description("Order rate checks counted in memory because Redis did not answer").register(metrics);
  }

  Future<Void> acquire(long accountId) {
    if (perSecond <= 0) {
      return Future.succeededFuture();
    }
    long second = clock.millis() / 1000;
    String key = "rtx:rl:orders:" + accountId + ":" + second;
    return redis.incr(key)
      .compose(count -> {
        if (count.toLong() == 1) {
          redis.expire(List.of(key, "2"));
        }
        return verdict(count.toLong(), accountId);
      })
      .recover(e -> e instanceof ApiException ? Future.failedFuture(e) : inMemory(accountId, second, e));
  }

  private Future<Void> inMemory(long accountId, long second, Throwable cause) {
    fallbacks.increment();
    long now = clock.millis();
    if (now - lastWarning > 60_000) {
      lastWarning = now;
      LOG.warn("order rate limits counted in memory: Redis unavailable ({})", cause.toString());
    }
    long[] window = local.compute(accountId, (id, w) -> w == null || w[0] != second ? new long[] {second, 1}
      : new long[] {second, w[1] + 1});
    if (local.size() > 100_000) {
      local.entrySet().removeIf(e -> e.getValue()[0] < second);
    }
    return verdict(window[1], accountId);
  }

  private Future<Void> verdict(long count, long accountId) {
    return count <= perSecond ? Future.succeededFuture() : Future.failedFuture(
      new ApiException(ApiError.of(ApiErrorCode.RATE_LIMITED,
        "more than " + perSecond + " orders per second for account " + accountId, null)));
  }
}
