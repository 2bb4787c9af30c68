package com.rtx.platform;

import com.rtx.platform.config.RedisConfig;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisOptions;

/**
 * The options of the engine's one Redis client. The password ({@code redis.password}, from the
 * Secret in Kubernetes) is sent with AUTH on every new connection; a password inside the URL wins
 * over it (the client's own rule), so an operator who already puts it there changes nothing.
 */
public final class RedisClientOptions {

  /** Requests that may wait for a pooled connection (the client's default, 24, is a login burst). */
  static final int MAX_POOL_WAITING = 4096;

  private RedisClientOptions() {
  }

  /**
   * @param url   the Redis to connect to (the configured one, or the embedded server's)
   * @param redis the {@code redis.*} configuration
   */
  public static RedisOptions of(String url, RedisConfig redis) {
    // A burst of requests (30 parallel logins, each one throttle script) must queue for a pooled
    // connection, not fail: a failed call falls back to per-process counting and splits the counts.
    RedisOptions options = new RedisOptions().setConnectionString(url).setPoolName("rtx-redis")
      .setMaxPoolWaiting(MAX_POOL_WAITING)
      .setNetClientOptions(new NetClientOptions().setConnectTimeout(redis.connectTimeoutMs())
        .setMetricsName("rtx-redis"));
    redis.password().ifPresent(options::setPassword);
    return options;
  }
}
