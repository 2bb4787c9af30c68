package com.rtx.platform.config;

import java.util.Optional;

/**
 * Error reporting to Sentry: on only when {@code dsn} is set (a secret: it carries the project key).
 *
 * @param environment reported with each event, e.g. prod, staging
 */
public record SentryConfig(Optional<String> dsn, String environment) {
  @Override
  public String toString() {
    return "Sentry[dsn=" + dsn.map(d -> SecretMasker.MASK).orElse("none") + ", environment=" + environment + "]";
  }

  static SentryConfig parse(ConfigReader in) {
    return new SentryConfig(Optional.ofNullable(in.optionalString("sentry.dsn")).filter(d -> !d.isBlank()),
      in.string("sentry.environment"));
  }
}
