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
 * Counts login attempts per username and per client IP in fixed windows: Redis keys
 * {@code rtx:auth:fail:u:<username>} and {@code rtx:auth:fail:ip:<ip>}, shared by every gateway.
 * Increment first, decide after: {@link #attempt} counts the attempt on both keys and reads both
 * counts in one Lua script (atomic in Redis), so 30 parallel attempts get the counts 1..30 and only
 * those within the limits go on to the password check; the others are refused until the key's
 * window ends ({@code Retry-After}). Attempts refused by the throttle count too (they are attempts),
 * but the window is fixed from the first attempt, so a flood cannot extend it. A successful login
 * clears its username's count and gives its attempt back to the address ({@link #succeeded}): the
 * address counts failures, not the logins of every trader behind it.
 *
 * <p>When Redis does not answer, the same counting continues in this process's memory (each key
 * updated atomically with {@link ConcurrentHashMap#compute}): login keeps working and throttling
 * stays on (per node), and each fallback is logged (at most once a minute) and counted in
 * {@code rtx_auth_throttle_fallback_total}.
 */
public final class LoginThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
  private static final long LOG_EVERY_MS = 60_000;

  /**
   * KEYS: user key, address key; ARGV: window ms, user limit, address limit. Returns
   * {userCount, addressCount, retryAfterMs (-1 when within both limits)}. A key without an expiry
   * (left by an older version) gets one, so no count outlives its window.
   */
  private static final String ATTEMPT_SCRIPT = """
    local counts = {}
    for i = 1, 2 do
      counts[i] = redis.call('INCR', KEYS[i])
      if counts[i] == 1 or redis.call('PTTL', KEYS[i]) < 0 then
        redis.call('PEXPIRE', KEYS[i], ARGV[1])
      end
    end
    local retry = -1
    for i = 1, 2 do
      if counts[i] > tonumber(ARGV[i + 1]) then
        retry = math.max(retry, redis.call('PTTL', KEYS[i]))
      end
    end
    return {counts[1], counts[2], retry}
    """;

  /** KEYS: user key, address key. Clears the user's count, gives one attempt back to the address. */
  private static final String SUCCESS_SCRIPT = """
    redis.call('DEL', KEYS[1])
    if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then
      redis.call('DECR', KEYS[2])
    end
    return 1
    """;

  /** Limits: attempts allowed per username and per IP within {@code window}. */
  public record Limits(int perUser, int perIp, Duration window) {
  }

  /** How long a throttle call waits for Redis before counting in this process instead. */
  static final long REDIS_ANSWER_MS = 500;

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

  /**
   * Counts one login attempt of {@code username} from {@code ip}, before its password is checked.
   * Empty when the attempt may go on to the password check; else how long until one may.
   */
  public Future<Optional<Duration>> attempt(String username, String ip) {
    String user = userKey(username);
    String address = ipKey(ip);
    return redis.eval(List.of(ATTEMPT_SCRIPT, "2", user, address, Long.toString(limits.window().toMillis()),
        Integer.toString(limits.perUser()), Integer.toString(limits.perIp())))
      // A hanging Redis falls back like a failing one instead of holding every login.
      .timeout(REDIS_ANSWER_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
      .map(reply -> {
        long retryMs = reply.get(2).toLong();
        return retryMs < 0 ? Optional.<Duration>empty() : Optional.of(Duration.ofMillis(Math.max(1000, retryMs)));
      })
      .recover(e -> fallback("count", e).map(v -> localAttempt(user, address)));
  }

  /** After a correct password: the username's count is cleared and the attempt given back to the address. */
  public Future<Void> succeeded(String username, String ip) {
    String user = userKey(username);
    String address = ipKey(ip);
    local.remove(user);
    local.computeIfPresent(address, (k, w) -> w.count > 0 ? new Window(w.count - 1, w.endsAt) : w);
    return redis.eval(List.of(SUCCESS_SCRIPT, "2", user, address))
      .timeout(REDIS_ANSWER_MS, java.util.concurrent.TimeUnit.MILLISECONDS).<Void>mapEmpty()
      .recover(e -> fallback("clear", e).mapEmpty());
  }

  private Optional<Duration> localAttempt(String user, String address) {
    long now = clock.millis();
    Window byUser = localIncrement(user, now);
    Window byAddress = localIncrement(address, now);
    local.values().removeIf(w -> w.endsAt <= now);
    long retryMs = -1;
    if (byUser.count > limits.perUser()) {
      retryMs = byUser.endsAt - now;
    }
    if (byAddress.count > limits.perIp()) {
      retryMs = Math.max(retryMs, byAddress.endsAt - now);
    }
    return retryMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(1000, retryMs)));
  }

  private Window localIncrement(String key, long now) {
    return local.compute(key, (k, w) -> w == null || w.endsAt <= now
      ? new Window(1, now + limits.window().toMillis()) : new Window(w.count + 1, w.endsAt));
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
