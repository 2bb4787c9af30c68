package com.rtx.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per username and per client IP in fixed windows: Redis keys
 * {@code rtx:auth:fail:u:<username>} and {@code rtx:auth:fail:ip:<ip>}, created with the window as
 * their expiry and then incremented, shared by every gateway. A username or IP at its limit is
 * refused until its window ends ({@code Retry-After}). A successful login clears its username's
 * count (not the IP's).
 *
 * <p>When Redis does not answer, the same counting continues in this process's memory: login keeps
 * working and throttling stays on (per node), and each fallback is logged (at most once a minute)
 * and counted in {@code rtx_auth_throttle_fallback_total}.
 */
public final class LoginThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
  private static final long LOG_EVERY_MS = 60_000;

  /** Limits: failures allowed per username and per IP within {@code window}. */
  public record Limits(int perUser, int perIp, Duration window) {
  }

  private final RedisAPI redis;
  private final Limits limits;
  private final Clock clock;
  private final Counter fallbacks;
  private final Map<String, Window> local = new ConcurrentHashMap<>();
  private volatile long lastFallbackLog;

  public LoginThrottle(RedisAPI redis, Limits limits, Clock clock, MeterRegistry metrics) {
    this.redis = redis;
    this.limits = limits;
    this.clock = clock;
    this.fallbacks = Counter.builder("rtx_auth_throttle_fallback").description(
        "Login throttle operations served from process memory because Redis did not answer")
      .register(metrics);
  }

  /** Empty when a login may be tried; else how long until it may. */
  public Future<Optional<Duration>> check(String username, String ip) {
    return Future.all(blocked(userKey(username), limits.perUser()), blocked(ipKey(ip), limits.perIp()))
      .map(all -> {
        Optional<Duration> user = all.resultAt(0);
        Optional<Duration> address = all.resultAt(1);
        return user.isPresent() ? user : address;
      });
  }

  public Future<Void> recordFailure(String username, String ip) {
    return Future.all(increment(userKey(username)), increment(ipKey(ip))).mapEmpty();
  }

  public Future<Void> recordSuccess(String username) {
    String key = userKey(username);
    local.remove(key);
    return redis.del(List.of(key)).<Void>mapEmpty().recover(e -> fallback("clear", e).mapEmpty());
  }

  private Future<Optional<Duration>> blocked(String key, int limit) {
    return redis.get(key)
      .compose(count -> count != null && count.toLong() >= limit
        ? redis.pttl(key).map(ttl -> Optional.of(Duration.ofMillis(Math.max(1000, ttl.toLong()))))
        : Future.succeededFuture(Optional.<Duration>empty()))
      .recover(e -> fallback("check", e).map(v -> localBlocked(key, limit)));
  }

  private Future<Void> increment(String key) {
    String windowS = Long.toString(limits.window().toSeconds());
    // SET NX EX starts the window once; INCR keeps the expiry. No window can outlive its expiry.
    return redis.set(List.of(key, "0", "NX", "EX", windowS))
      .compose(v -> redis.incr(key))
      .<Void>mapEmpty()
      .recover(e -> fallback("count", e).map(v -> {
        localIncrement(key);
        return null;
      }));
  }

  private Optional<Duration> localBlocked(String key, int limit) {
    long now = clock.millis();
    Window window = local.get(key);
    if (window == null || window.endsAt <= now || window.count < limit) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(Math.max(1000, window.endsAt - now)));
  }

  private void localIncrement(String key) {
    long now = clock.millis();
    local.compute(key, (k, w) -> w == null || w.endsAt <= now
      ? new Window(1, now + limits.window().toMillis()) : new Window(w.count + 1, w.endsAt));
    local.values().removeIf(w -> w.endsAt <= now);
  }

  private Future<Void> fallback(String operation, Throwable cause) {
    fallbacks.increment();
    long now = System.currentTimeMillis();
    if (now - lastFallbackLog >= LOG_EVERY_MS) {
      lastFallbackLog = now;
      LOG.warn("login throttle: Redis unavailable ({}: {}); counting failed logins in this process's memory",
        operation, cause.getMessage());
    }
    return Future.succeededFuture();
  }

  private static String userKey(String username) {
    return "rtx:auth:fail:u:" + username.toLowerCase(Locale.ROOT);
  }

  private static String ipKey(String ip) {
    return "rtx:auth:fail:ip:" + ip;
  }

  private record Window(int count, long endsAt) {
  }
}
