package com.rtx.platform.config;

import com.rtx.platform.Role;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The engine's infrastructure configuration, validated and typed. Keys (dotted) are documented in
 * {@code rtx-defaults.json}, {@link EnvMapping} and README's configuration reference.
 *
 * <p>Each role's slice is its own record, which reads and validates its keys ({@link DealingConfig},
 * {@link PricingConfig}, {@link RouterConfig}, {@link HedgingConfig}, {@link AdminConfig},
 * {@link AuthConfig}, {@link WsConfig}, {@link LpSimConfig}); so are the shared clients'
 * ({@link PgConfig}, {@link RedisConfig}, {@link ClusterConfig}, {@link SentryConfig}). This record
 * keeps the process-wide keys (roles, data directory, listening addresses, lifecycle) and
 * assembles the slices; every problem of every slice is reported at once.
 */
public record RtxConfig(
  Set<Role> roles,
  Path dataDir,
  Endpoint http,
  int httpInstances,
  List<Cidr> adminAllowCidrs,
  List<Cidr> trustedProxies,
  Endpoint management,
  Endpoint fixapi,
  LpSimConfig lpsim,
  PricingConfig pricing,
  WsConfig ws,
  DealingConfig dealing,
  RouterConfig router,
  Map<String, LpCredentials> lpCredentials,
  PgConfig pg,
  RedisConfig redis,
  boolean migrateOnStart,
  boolean demoData,
  long healthCheckTimeoutMs,
  ClusterConfig cluster,
  long shutdownGraceMs,
  boolean standby,
  long configScanPeriodMs,
  Optional<String> kubernetesNamespace,
  AuthConfig auth,
  AdminConfig admin,
  HedgingConfig hedging,
  SentryConfig sentry) {

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
      httpInstances(in.intValue("http.instances", 0, 256)),
      cidrs(in, "http.admin-allow-cidrs"),
      cidrs(in, "http.trusted-proxies"),
      new Endpoint(in.string("management.host"), in.port("management.port")),
      new Endpoint(in.string("fixapi.host"), in.port("fixapi.port")),
      LpSimConfig.parse(in),
      PricingConfig.parse(in),
      WsConfig.parse(in),
      DealingConfig.parse(in),
      RouterConfig.parse(in),
      LpCredentials.parse(in, config),
      PgConfig.parse(in),
      RedisConfig.parse(in),
      in.bool("db.migrate-on-start"),
      demoData(in),
      in.longValue("health.check-timeout-ms", 1, 600_000),
      ClusterConfig.parse(in),
      in.longValue("shutdown.grace-ms", 0, 3_600_000),
      standby(in.bool("standby"), in.optionalString("deployment.colour"), in.optionalString("deployment.live-colour")),
      in.longValue("config.scan-period-ms", 0, 86_400_000),
      Optional.ofNullable(in.optionalString("kubernetes.namespace")),
      AuthConfig.parse(in),
      AdminConfig.parse(in),
      HedgingConfig.parse(in),
      SentryConfig.parse(in));
    ClusterConfig cluster = result.cluster();
    if (cluster.enabled() && cluster.kubernetes() && cluster.eventBusPort() == 0) {
      in.problem("cluster.eventbus-port", "must be a fixed port in Kubernetes (the NetworkPolicy opens only that port)");
    }
    if (!in.problems().isEmpty()) {
      throw new ConfigException(in.problems());
    }
    return result;
  }

  /**
   * Keys no layer may set because the engine does not know them (usually a typo). Keys under an
   * object that is empty in the defaults (such as {@code lp-credentials}) are open maps.
   */
  private static void rejectUnknownKeys(LayeredConfig config, ConfigReader in) {
    JsonObject defaults = config.layers().get(0).values();
    Set<String> known = DottedKeys.leafKeys(defaults);
    for (ConfigLayer layer : config.layers()) {
      for (String key : DottedKeys.leafKeys(layer.values())) {
        boolean openMap = known.stream().anyMatch(k -> key.startsWith(k + ".")
          && DottedKeys.get(defaults, k) instanceof JsonObject map && map.isEmpty());
        if (!known.contains(key) && !openMap) {
          in.problem(key, "unknown configuration key");
        }
      }
    }
  }

  /**
   * Whether this node is the idle colour of a blue-green pair: {@code standby} set, or this pod's
   * {@code deployment.colour} differs from the shared {@code deployment.live-colour} (the switch).
   */
  public static boolean standby(boolean standby, String colour, String liveColour) {
    return standby || (colour != null && liveColour != null && !colour.equals(liveColour));
  }

  /** 0 means one gateway instance (event loop) per available core. */
  private static int httpInstances(int configured) {
    return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
  }

  /**
   * {@code auto}: demo data exactly when the engine runs its own embedded PostgreSQL; in
   * Kubernetes never, unless forced ({@link DemoDataPolicy}).
   */
  private static boolean demoData(ConfigReader in) {
    String value = in.optionalString("demo.enabled");
    Optional<Boolean> setting = value == null || value.equals("auto") ? Optional.empty()
      : Optional.of(in.bool("demo.enabled"));
    DemoDataPolicy.Decision decision = DemoDataPolicy.decide(setting, in.optionalString("pg.url") != null,
      Optional.ofNullable(in.optionalString("kubernetes.namespace")), in.bool("demo.force-in-kubernetes"));
    decision.refusal().ifPresent(reason -> in.problem("demo.enabled", reason));
    return decision.enabled();
  }

  private static List<Cidr> cidrs(ConfigReader in, String key) {
    List<Cidr> cidrs = new ArrayList<>();
    for (String item : in.list(key)) {
      try {
        cidrs.add(Cidr.parse(item));
      } catch (IllegalArgumentException e) {
        in.problem(key, e.getMessage());
      }
    }
    return List.copyOf(cidrs);
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
}
