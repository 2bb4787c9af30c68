package com.rtx.platform.config;

import com.rtx.platform.Role;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The engine's infrastructure configuration, validated and typed. Keys (dotted) are documented in
 * {@code rtx-defaults.json}, {@link EnvMapping} and README's configuration reference.
 */
public record RtxConfig(
  Set<Role> roles,
  Path dataDir,
  Endpoint http,
  Endpoint fixapi,
  Endpoint lpsim,
  Pg pg,
  Redis redis,
  boolean migrateOnStart,
  long healthCheckTimeoutMs,
  Cluster cluster,
  long shutdownGraceMs,
  long configScanPeriodMs,
  Optional<String> kubernetesNamespace) {

  /** A listening address. */
  public record Endpoint(String host, int port) {
  }

  /** PostgreSQL; an empty {@code url} means "start the embedded server". */
  public record Pg(Optional<String> url, Optional<String> user, Optional<String> password,
                   int poolSize, int connectTimeoutMs) {
  }

  /** Redis; an empty {@code url} means "start the embedded server". */
  public record Redis(Optional<String> url, int connectTimeoutMs) {
  }

  /** Hazelcast cluster membership (loopback TCP-IP join, or Kubernetes discovery). */
  public record Cluster(boolean enabled, String host, int port, List<String> members,
                        boolean kubernetes, Optional<String> kubernetesServiceName,
                        Optional<String> kubernetesNamespace) {
  }

  /**
   * Validates {@code config}; every problem found is reported at once in the exception.
   *
   * @param availableRoles the roles this build can deploy; {@code "all"} means these
   */
  public static RtxConfig parse(LayeredConfig config, Set<Role> availableRoles) {
    ConfigReader in = new ConfigReader(config);
    rejectUnknownKeys(config, in);
    RtxConfig result = new RtxConfig(
      roles(in, availableRoles),
      Path.of(Optional.ofNullable(in.string("data-dir")).orElse("./data")),
      new Endpoint(in.string("http.host"), in.port("http.port")),
      new Endpoint(in.string("fixapi.host"), in.port("fixapi.port")),
      new Endpoint(in.string("lpsim.host"), in.port("lpsim.port")),
      new Pg(url(in, "pg.url", "postgresql", "postgres"), Optional.ofNullable(in.optionalString("pg.user")),
        Optional.ofNullable(in.optionalString("pg.password")), in.intValue("pg.pool-size", 1, 500),
        in.intValue("pg.connect-timeout-ms", 1, 600_000)),
      new Redis(url(in, "redis.url", "redis", "rediss"), in.intValue("redis.connect-timeout-ms", 1, 600_000)),
      in.bool("db.migrate-on-start"),
      in.longValue("health.check-timeout-ms", 1, 600_000),
      new Cluster(in.bool("cluster.enabled"), in.string("cluster.host"), in.port("cluster.port"),
        in.list("cluster.members"), in.bool("cluster.kubernetes.enabled"),
        Optional.ofNullable(in.optionalString("cluster.kubernetes.service-name")),
        Optional.ofNullable(in.optionalString("cluster.kubernetes.namespace"))),
      in.longValue("shutdown.grace-ms", 0, 3_600_000),
      in.longValue("config.scan-period-ms", 0, 86_400_000),
      Optional.ofNullable(in.optionalString("kubernetes.namespace")));
    if (!in.problems().isEmpty()) {
      throw new ConfigException(in.problems());
    }
    return result;
  }

  /** Keys no layer may set because the engine does not know them (usually a typo). */
  private static void rejectUnknownKeys(LayeredConfig config, ConfigReader in) {
    Set<String> known = DottedKeys.leafKeys(config.layers().get(0).values());
    for (ConfigLayer layer : config.layers()) {
      for (String key : DottedKeys.leafKeys(layer.values())) {
        if (!known.contains(key)) {
          in.problem(key, "unknown configuration key");
        }
      }
    }
  }

  private static Set<Role> roles(ConfigReader in, Set<Role> available) {
    List<String> names = in.list("roles");
    if (names.size() == 1 && names.get(0).equals("all")) {
      return EnumSet.copyOf(available);
    }
    if (names.isEmpty()) {
      in.problem("roles", "must name at least one role, or \"all\"");
      return EnumSet.noneOf(Role.class);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      Optional<Role> role = Role.fromId(name);
      if (role.isEmpty()) {
        unknown.add(name);
      } else if (!available.contains(role.get())) {
        in.problem("roles", "role '" + name + "' is not available in this build (available: "
          + ids(available) + ")");
      } else {
        roles.add(role.get());
      }
    }
    if (!unknown.isEmpty()) {
      in.problem("roles", "unknown role " + String.join(", ", unknown) + " (roles: "
        + ids(EnumSet.allOf(Role.class)) + ")");
    }
    return roles;
  }

  private static String ids(Set<Role> roles) {
    return roles.stream().map(Role::id).collect(Collectors.joining(","));
  }

  private static Optional<String> url(ConfigReader in, String key, String... schemes) {
    String value = in.optionalString(key);
    if (value == null) {
      return Optional.empty();
    }
    try {
      String scheme = URI.create(value).getScheme();
      if (scheme == null || !List.of(schemes).contains(scheme)) {
        in.problem(key, "must be a URL starting with " + String.join("://, ", schemes) + "://, got "
          + SecretMasker.maskUrl(value));
      }
    } catch (IllegalArgumentException e) {
      in.problem(key, "is not a valid URL: " + SecretMasker.maskUrl(value));
    }
    return Optional.of(value);
  }
}
