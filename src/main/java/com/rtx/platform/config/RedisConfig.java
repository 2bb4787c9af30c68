package com.rtx.platform.config;

import java.util.Optional;

/**
 * Redis; an empty {@code url} means "start the embedded server".
 *
 * @param password the {@code requirepass} of an external Redis (a secret: Kubernetes puts it in
 *                 the Secret {@code rtx-secrets}, never in the URL of the ConfigMap); a password
 *                 inside {@code url} wins over it. Ignored by the embedded server, which has none.
 */
public record RedisConfig(Optional<String> url, Optional<String> password, int connectTimeoutMs) {
  @Override
  public String toString() {
    return "Redis[url=" + url.map(SecretMasker::maskUrl) + ", password=" + password.map(p -> "****")
      + ", connectTimeoutMs=" + connectTimeoutMs + "]";
  }

  static RedisConfig parse(ConfigReader in) {
    return new RedisConfig(in.url("redis.url", "redis", "rediss"),
      Optional.ofNullable(in.optionalString("redis.password")).filter(p -> !p.isEmpty()),
      in.intValue("redis.connect-timeout-ms", 1, 600_000));
  }
}
