package com.rtx.platform;

import com.rtx.platform.config.RtxConfig;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisOptions;

/**
 * The options of the engine's one Redis client. The password ({@code redis.password}, from the
 * Secret in Kubernetes) is sent with AUTH on every new connection; a password inside the URL wins
 * over it (the client's own rule), so an operator who already puts it there changes nothing.
 */
public final class RedisClientOptions {

  private RedisClientOptions() {
  }

  /**
   * @param url   the Redis to connect to (the configured one, or the embedded server's)
   * @param redis the {@code redis.*} configuration
   */
  public static RedisOptions of(String url, RtxConfig.Redis redis) {
    RedisOptions options = new RedisOptions().setConnectionString(url).setPoolName("rtx-redis")
      .setNetClientOptions(new NetClientOptions().setConnectTimeout(redis.connectTimeoutMs())
        .setMetricsName("rtx-redis"));
    redis.password().ifPresent(options::setPassword);
    return options;
  }
}
