package com.rtx.platform.config;

import com.rtx.platform.Role;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
  int httpInstances,
  List<Cidr> adminAllowCidrs,
  List<Cidr> trustedProxies,
  Endpoint management,
  Endpoint fixapi,
  LpSim lpsim,
  Pricing pricing,
  Ws ws,
  Dealing dealing,
  Router router,
  Map<String, LpCredentials> lpCredentials,
  Pg pg,
  Redis redis,
  boolean migrateOnStart,
  boolean demoData,
  long healthCheckTimeoutMs,
  Cluster cluster,
  long shutdownGraceMs,
  boolean standby,
  long configScanPeriodMs,
  Optional<String> kubernetesNamespace,
  Auth auth,
  Admin admin,
  Hedging hedging,
  Sentry sentry) {

  /**
   * Error reporting to Sentry: on only when {@code dsn} is set (a secret: it carries the project key).
   *
   * @param environment reported with each event, e.g. prod, staging
   */
  public record Sentry(Optional<String> dsn, String environment) {
    @Override
    public String toString() {
      return "Sentry[dsn=" + dsn.map(d -> SecretMasker.MASK).orElse("none") + ", environment=" + environment + "]";
    }
  }

  /** A listening address. */
  public record Endpoint(String host, int port) {
  }

  /** The built-in LP simulator: one FIX acceptor playing every LP in {@code lps}. */
  public record LpSim(Endpoint fix, int controlPort, long seed, List<SimulatedLp> lps) {
  }

  /**
   * One simulated LP: its CompID, how wide it quotes relative to the base spread, how often, how
   * late; and how it trades: how late it answers an order, how often a fill comes in two parts, how
   * often last look rejects, and the most points a fill slips against the client.
   *
   * @param partialFillProbability 0..1, chance that a fill comes as two partial fills
   * @param rejectProbability      0..1, chance that last look rejects an order
   * @param slippagePoints         a fill slips by a uniformly random 0..slippagePoints against the client
   */
  public record SimulatedLp(String name, BigDecimal spreadFactor, long tickIntervalMs, long latencyMs,
                            long orderLatencyMs, BigDecimal partialFillProbability, BigDecimal rejectProbability,
                            long slippagePoints) {

    /** An LP with the trading defaults: answers at once, fills whole, never rejects, never slips. */
    public SimulatedLp(String name, BigDecimal spreadFactor, long tickIntervalMs, long latencyMs) {
      this(name, spreadFactor, tickIntervalMs, latencyMs, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }
  }

  /**
   * The router role: LP trade sessions, their leadership and the delivery of execution reports.
   *
   * @param acquireIntervalMs how often a node tries to take the LPs nobody holds
   * @param lockCheckMs       how often the holder checks its lock connection is alive
   * @param fixHeartbeatS     HeartBtInt of trade sessions whose LP row sets none
   * @param reconnectS        QuickFIX/J reconnect back-off in seconds, the last one repeated
   * @param reportTimeoutMs   how long a shard has to answer one execution report before it is sent again
   * @param reportRetryMaxMs  longest pause between two attempts at one report (doubling from 100 ms)
   * @param statusPublishMs   how often LP trade-session states are re-published
   */
  public record Router(long acquireIntervalMs, long lockCheckMs, int fixHeartbeatS, List<Integer> reconnectS,
                       long reportTimeoutMs, long reportRetryMaxMs, long statusPublishMs) {
  }

  /** Pricing filters and timers (business settings such as markups live in the database). */
  public record Pricing(long staleMs, long staleCheckMs, int spikeMaxJumpBps, int spikeConfirmTicks,
                        int fixHeartbeatS, int fixReconnectS, boolean tickArchive, int tickRetentionDays,
                        long barFlushMs, long leadIntervalMs) {
  }

  /**
   * WebSocket limits per connection, and how many connections one engine accepts in total
   * ({@code ws.max-connections}) and from one client address ({@code ws.max-connections-per-ip}).
   */
  public record Ws(int maxSubscriptions, int maxMessageBytes, long heartbeatMs, long idleTimeoutMs,
                   int writeQueueBytes, long stuckMs, int maxConnections, int maxConnectionsPerIp) {
  }

  /**
   * Dealing shards and their timers.
   *
   * @param shards accounts are split into this many single-writer shards ({@code accountId mod shards})
   * @param maxBatch most commands committed together in one transaction (group commit)
   * @param acquireIntervalMs how often a node tries to acquire shards nobody owns
   * @param lockCheckMs how often the owner checks its lock connection is alive
   * @param timerMs how often order expiry and roll-overs are checked
   * @param summaryMs least time between two account summaries published for one account
   * @param holidays trade dates without a roll-over (no swap charged)
   * @param orderRatePerS most orders (placements and closes) per account per second; 0 = no limit
   * @param lpTimeoutMs A-Book: silence from the LP after which its status is asked for (and the
   *     client answered SENT_TO_LP); three times this marks the order UNKNOWN
   */
  public record Dealing(int shards, int maxBatch, long acquireIntervalMs, long lockCheckMs, long timerMs,
                        long summaryMs, Set<java.time.LocalDate> holidays, int orderRatePerS, long lpTimeoutMs) {
  }

  /**
   * The hedger and the toxicity monitor (both run by the dealing role, one leader in the cluster).
   *
   * @param houseAccount the account that holds the hedges (created by migration 0020 as account 1)
   * @param checkMs how often the leader compares exposure with the limits
   * @param snapshotMs how often the exposure is written to {@code exposure_snapshot}
   * @param horizonsMs the three markout horizons after a client deal (default +1 s, +5 s, +60 s)
   * @param toxicityRecomputeMs how often every account's toxicity score is recomputed
   * @param shortHoldMs a winning trade held less than this counts as short-held
   * @param toxicityWindowDays deals older than this no longer count towards the score
   */
  public record Hedging(long houseAccount, long checkMs, long snapshotMs, List<Long> horizonsMs,
                        long toxicityRecomputeMs, long shortHoldMs, int toxicityWindowDays) {
  }

  /** FIX logon credentials of an LP, referenced by name from the LP's database row. */
  public record LpCredentials(String username, String password) {
    @Override
    public String toString() {
      return "LpCredentials[username=" + username + ", password=" + SecretMasker.MASK + "]";
    }
  }

  /**
   * PostgreSQL; an empty {@code url} means "start the embedded server". {@code migrationUser} (with
   * {@code migrationPassword}) is the schema owner Liquibase runs as; unset, migrations use the
   * run-time user. The run-time user should then be a login role granted {@code rtx_app}.
   */
  public record Pg(Optional<String> url, Optional<String> user, Optional<String> password,
                   Optional<String> migrationUser, Optional<String> migrationPassword,
                   int poolSize, int connectTimeoutMs) {
  }

  /**
   * Traders' authentication: access-token signing keys (empty = a development key generated once
   * under {@code data-dir/keys/}), token lifetimes, login throttling, and the demo users' password
   * (empty = generated once under {@code data-dir}).
   */
  public record Auth(List<JwtKey> jwtKeys, Optional<String> activeKid, long accessTokenTtlS, long refreshTokenTtlS,
                     int loginMaxFailures, int loginMaxFailuresPerIp, long loginWindowS,
                     Optional<String> demoPassword, JwtKeySource keySource) {
    @Override
    public String toString() {
      return "Auth[keys=" + jwtKeys.stream().map(JwtKey::kid).toList() + ", activeKid=" + activeKid
        + ", accessTokenTtlS=" + accessTokenTtlS + ", refreshTokenTtlS=" + refreshTokenTtlS + "]";
    }
  }

  /**
   * Staff (admin API) security settings that are infrastructure, not business data.
   *
   * @param lockoutFailures consecutive failed staff logins (password or TOTP) before the login is locked
   * @param lockoutS how long a locked staff login stays locked; also the failure-counting window
   * @param fourEyesAmount balance operations above this absolute amount (account currency) need a
   *                       second staff member's approval
   * @param fourEyesStaffDaily what one staff member may move without approval per UTC day, summed over
   *                           absolute amounts of deposits, withdrawals, credit and corrections, per currency
   * @param fourEyesAccountDaily the same sum per account per UTC day (all staff together)
   * @param loginMaxFailuresPerIp failed staff logins from one client address within {@code lockoutS}
   *                              before further staff logins from it are refused (429)
   * @param totpKey base64 AES key (16 or 32 bytes) encrypting staff TOTP secrets at rest (a secret);
   *                empty: a key generated once under the data directory, refused in Kubernetes
   * @param maxLeverage the highest leverage a client group may have (an account's ceiling is its group's)
   */
  public record Admin(int lockoutFailures, long lockoutS, BigDecimal fourEyesAmount, BigDecimal fourEyesStaffDaily,
                      BigDecimal fourEyesAccountDaily, int loginMaxFailuresPerIp, String totpKey, int maxLeverage) {
    @Override
    public String toString() {
      return "Admin[lockoutFailures=" + lockoutFailures + ", lockoutS=" + lockoutS + ", fourEyesAmount=" + fourEyesAmount
        + ", fourEyesStaffDaily=" + fourEyesStaffDaily + ", fourEyesAccountDaily=" + fourEyesAccountDaily
        + ", loginMaxFailuresPerIp=" + loginMaxFailuresPerIp + ", totpKey="
        + (totpKey.isEmpty() ? "generated" : SecretMasker.MASK) + ", maxLeverage=" + maxLeverage + "]";
    }
  }

  /**
   * Where access-token keys come from besides {@code auth.jwt.keys}.
   *
   * @param keysDir a directory (the mounted Secret) of {@code <kid>.pub.pem} files, {@code <kid>.key.pem}
   *     for the signing key and a file {@code active-kid}; read at start
   * @param devKeys allow a generated development key outside embedded mode (never in production:
   *     every replica would sign with its own key)
   */
  public record JwtKeySource(Optional<String> keysDir, boolean devKeys) {
  }

  /**
   * One access-token key: PEM text (or a path to a PEM file) of the PKCS#8 private key, needed only
   * by the active key, and of the public key. {@code alg} is ES256 or RS256.
   */
  public record JwtKey(String kid, String alg, Optional<String> privateKey, String publicKey) {
    @Override
    public String toString() {
      return "JwtKey[kid=" + kid + ", alg=" + alg + "]";
    }
  }

  /**
   * Redis; an empty {@code url} means "start the embedded server".
   *
   * @param password the {@code requirepass} of an external Redis (a secret: Kubernetes puts it in
   *                 the Secret {@code rtx-secrets}, never in the URL of the ConfigMap); a password
   *                 inside {@code url} wins over it. Ignored by the embedded server, which has none.
   */
  public record Redis(Optional<String> url, Optional<String> password, int connectTimeoutMs) {
    @Override
    public String toString() {
      return "Redis[url=" + url.map(SecretMasker::maskUrl) + ", password=" + password.map(p -> "****")
        + ", connectTimeoutMs=" + connectTimeoutMs + "]";
    }
  }

  /**
   * Hazelcast cluster membership (loopback TCP-IP join, or Kubernetes discovery) and the clustered
   * event bus.
   *
   * @param eventBusPort the port the clustered event bus listens on; 0 = any free port (loopback
   *                     development only: a NetworkPolicy can only open a fixed port)
   * @param tls          TLS of the clustered event bus; empty = plain TCP
   */
  public record Cluster(boolean enabled, String host, int port, List<String> members,
                        boolean kubernetes, Optional<String> kubernetesServiceName,
                        Optional<String> kubernetesNamespace, int eventBusPort, Optional<ClusterTls> tls) {

    /** A cluster without event-bus TLS on any free event-bus port (tests, loopback development). */
    public Cluster(boolean enabled, String host, int port, List<String> members, boolean kubernetes,
                   Optional<String> kubernetesServiceName, Optional<String> kubernetesNamespace) {
      this(enabled, host, port, members, kubernetes, kubernetesServiceName, kubernetesNamespace, 0, Optional.empty());
    }
  }

  /**
   * PEM files (mounted from a Secret) for mutual TLS between engine nodes' event buses: this
   * node's certificate chain and private key, and the CA that signed every node's certificate.
   */
  public record ClusterTls(Path cert, Path key, Path ca) {
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
      httpInstances(in.intValue("http.instances", 0, 256)),
      cidrs(in, "http.admin-allow-cidrs"),
      cidrs(in, "http.trusted-proxies"),
      new Endpoint(in.string("management.host"), in.port("management.port")),
      new Endpoint(in.string("fixapi.host"), in.port("fixapi.port")),
      new LpSim(new Endpoint(in.string("lpsim.host"), in.port("lpsim.port")), in.port("lpsim.control-port"),
        in.longValue("lpsim.seed", Long.MIN_VALUE, Long.MAX_VALUE), simulatedLps(in)),
      new Pricing(in.longValue("pricing.stale-ms", 1, 3_600_000), in.longValue("pricing.stale-check-ms", 1, 60_000),
        in.intValue("pricing.spike-max-jump-bps", 1, 100_000), in.intValue("pricing.spike-confirm-ticks", 1, 1000),
        in.intValue("pricing.fix-heartbeat-s", 1, 300), in.intValue("pricing.fix-reconnect-s", 1, 300),
        in.bool("pricing.tick-archive"), in.intValue("pricing.tick-retention-days", 1, 3650),
        in.longValue("pricing.bar-flush-ms", 1, 60_000), in.longValue("pricing.lead-interval-ms", 10, 600_000)),
      new Ws(in.intValue("ws.max-subscriptions", 1, 10_000), in.intValue("ws.max-message-bytes", 64, 1 << 20),
        in.longValue("ws.heartbeat-ms", 100, 3_600_000), in.longValue("ws.idle-timeout-ms", 100, 3_600_000),
        in.intValue("ws.write-queue-bytes", 1024, 64 << 20), in.longValue("ws.stuck-ms", 1, 3_600_000),
        in.intValue("ws.max-connections", 1, 1_000_000), in.intValue("ws.max-connections-per-ip", 1, 1_000_000)),
      new Dealing(in.intValue("dealing.shards", 1, 1024), in.intValue("dealing.max-batch", 1, 10_000),
        in.longValue("dealing.acquire-interval-ms", 1, 600_000), in.longValue("dealing.lock-check-ms", 1, 600_000),
        in.longValue("dealing.timer-ms", 1, 600_000), in.longValue("dealing.summary-ms", 1, 600_000),
        holidays(in), in.intValue("dealing.order-rate-per-s", 0, 1_000_000),
        in.longValue("dealing.lp-timeout-ms", 1, 600_000)),
      new Router(in.longValue("router.acquire-interval-ms", 1, 600_000), in.longValue("router.lock-check-ms", 1, 600_000),
        in.intValue("router.fix-heartbeat-s", 1, 300), reconnectSeconds(in),
        in.longValue("router.report-timeout-ms", 1, 600_000), in.longValue("router.report-retry-max-ms", 1, 600_000),
        in.longValue("router.status-publish-ms", 1, 600_000)),
      lpCredentials(in, config),
      new Pg(url(in, "pg.url", "postgresql", "postgres"), Optional.ofNullable(in.optionalString("pg.user")),
        Optional.ofNullable(in.optionalString("pg.password")),
        Optional.ofNullable(in.optionalString("pg.migration-user")),
        Optional.ofNullable(in.optionalString("pg.migration-password")), in.intValue("pg.pool-size", 1, 500),
        in.intValue("pg.connect-timeout-ms", 1, 600_000)),
      new Redis(url(in, "redis.url", "redis", "rediss"),
        Optional.ofNullable(in.optionalString("redis.password")).filter(p -> !p.isEmpty()),
        in.intValue("redis.connect-timeout-ms", 1, 600_000)),
      in.bool("db.migrate-on-start"),
      demoData(in),
      in.longValue("health.check-timeout-ms", 1, 600_000),
      new Cluster(in.bool("cluster.enabled"), in.string("cluster.host"), in.port("cluster.port"),
        in.list("cluster.members"), in.bool("cluster.kubernetes.enabled"),
        Optional.ofNullable(in.optionalString("cluster.kubernetes.service-name")),
        Optional.ofNullable(in.optionalString("cluster.kubernetes.namespace")),
        in.intValue("cluster.eventbus-port", 0, 65535), clusterTls(in)),
      in.longValue("shutdown.grace-ms", 0, 3_600_000),
      standby(in.bool("standby"), in.optionalString("deployment.colour"), in.optionalString("deployment.live-colour")),
      in.longValue("config.scan-period-ms", 0, 86_400_000),
      Optional.ofNullable(in.optionalString("kubernetes.namespace")),
      auth(in),
      admin(in),
      hedging(in),
      new Sentry(Optional.ofNullable(in.optionalString("sentry.dsn")).filter(d -> !d.isBlank()),
        in.string("sentry.environment")));
    Cluster cluster = result.cluster();
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

  private static List<SimulatedLp> simulatedLps(ConfigReader in) {
    List<SimulatedLp> lps = new ArrayList<>();
    JsonArray array = in.array("lpsim.lps");
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject lp)) {
        in.problem("lpsim.lps", "entry " + i + " must be an object");
        continue;
      }
      String name = lp.getString("name");
      if (name == null || !name.matches("[A-Za-z0-9_]{1,32}")) {
        in.problem("lpsim.lps", "entry " + i + " needs a name of letters, digits or _ (it is the FIX CompID)");
        continue;
      }
      try {
        BigDecimal factor = new BigDecimal(String.valueOf(lp.getValue("spread-factor", "1")));
        long interval = Long.parseLong(String.valueOf(lp.getValue("tick-interval-ms", 250)));
        long latency = Long.parseLong(String.valueOf(lp.getValue("latency-ms", 0)));
        long orderLatency = Long.parseLong(String.valueOf(lp.getValue("order-latency-ms", 0)));
        BigDecimal partial = new BigDecimal(String.valueOf(lp.getValue("partial-fill-probability", "0")));
        BigDecimal reject = new BigDecimal(String.valueOf(lp.getValue("reject-probability", "0")));
        long slippage = Long.parseLong(String.valueOf(lp.getValue("slippage-points", 0)));
        if (factor.signum() <= 0 || interval < 1 || latency < 0 || orderLatency < 0 || slippage < 0
          || !probability(partial) || !probability(reject)) {
          throw new NumberFormatException("out of range");
        }
        lps.add(new SimulatedLp(name, factor, interval, latency, orderLatency, partial, reject, slippage));
      } catch (NumberFormatException e) {
        in.problem("lpsim.lps", "entry " + name + ": spread-factor > 0, tick-interval-ms >= 1, latency-ms >= 0, "
          + "order-latency-ms >= 0, slippage-points >= 0 and partial-fill-probability, reject-probability in 0..1 "
          + "must be numbers");
      }
    }
    return List.copyOf(lps);
  }

  private static boolean probability(BigDecimal p) {
    return p.signum() >= 0 && p.compareTo(BigDecimal.ONE) <= 0;
  }

  private static List<Integer> reconnectSeconds(ConfigReader in) {
    List<Integer> seconds = new ArrayList<>();
    for (String item : in.list("router.reconnect-s")) {
      try {
        int value = Integer.parseInt(item);
        if (value < 1 || value > 3600) {
          throw new NumberFormatException("out of range");
        }
        seconds.add(value);
      } catch (NumberFormatException e) {
        in.problem("router.reconnect-s", "must be a list of seconds 1..3600, got '" + item + "'");
      }
    }
    if (seconds.isEmpty()) {
      in.problem("router.reconnect-s", "must name at least one interval");
    }
    return List.copyOf(seconds);
  }

  private static Map<String, LpCredentials> lpCredentials(ConfigReader in, LayeredConfig config) {
    Map<String, LpCredentials> credentials = new TreeMap<>();
    if (!(config.get("lp-credentials") instanceof JsonObject all)) {
      return credentials;
    }
    for (String ref : all.fieldNames()) {
      if (!(all.getValue(ref) instanceof JsonObject entry) || entry.getString("username") == null) {
        in.problem("lp-credentials." + ref, "must be {\"username\": ..., \"password\": ...}");
        continue;
      }
      credentials.put(ref, new LpCredentials(entry.getString("username"), entry.getString("password")));
    }
    return credentials;
  }

  private static Set<java.time.LocalDate> holidays(ConfigReader in) {
    Set<java.time.LocalDate> dates = new java.util.TreeSet<>();
    for (String day : in.list("dealing.holidays")) {
      try {
        dates.add(java.time.LocalDate.parse(day));
      } catch (java.time.format.DateTimeParseException e) {
        in.problem("dealing.holidays", "'" + day + "' is not a date (YYYY-MM-DD)");
      }
    }
    return Set.copyOf(dates);
  }

  private static Hedging hedging(ConfigReader in) {
    List<Long> horizons = new ArrayList<>();
    for (String item : in.list("toxicity.horizons-ms")) {
      try {
        long ms = Long.parseLong(item);
        if (ms < 1 || ms > 3_600_000) {
          in.problem("toxicity.horizons-ms", "each horizon must be 1..3600000 ms, got " + ms);
        }
        horizons.add(ms);
      } catch (NumberFormatException e) {
        in.problem("toxicity.horizons-ms", "'" + item + "' is not a number of milliseconds");
      }
    }
    if (horizons.size() != 3 || !(horizons.get(0) < horizons.get(1) && horizons.get(1) < horizons.get(2))) {
      in.problem("toxicity.horizons-ms", "must be three increasing horizons, got " + horizons);
    }
    return new Hedging(in.longValue("hedging.house-account", 1, Long.MAX_VALUE),
      in.longValue("hedging.check-ms", 1, 600_000), in.longValue("hedging.snapshot-ms", 1, 86_400_000),
      List.copyOf(horizons), in.longValue("toxicity.recompute-ms", 1, 86_400_000),
      in.longValue("toxicity.short-hold-ms", 1, 86_400_000), in.intValue("toxicity.window-days", 1, 3650));
  }

  private static Admin admin(ConfigReader in) {
    String totpKey = in.optionalString("admin.totp-key");
    return new Admin(in.intValue("admin.lockout-failures", 1, 1000), in.longValue("admin.lockout-s", 1, 86_400 * 30),
      amount(in, "admin.four-eyes-amount"), amount(in, "admin.four-eyes-staff-daily"),
      amount(in, "admin.four-eyes-account-daily"), in.intValue("admin.login-max-failures-per-ip", 1, 1_000_000),
      totpKey == null ? "" : totpKey, in.intValue("admin.max-leverage", 1, 1000));
  }

  /** A non-negative decimal amount given as a string (money is never a double). */
  private static BigDecimal amount(ConfigReader in, String key) {
    String amount = in.string(key);
    try {
      BigDecimal value = new BigDecimal(amount == null ? "" : amount);
      if (value.signum() < 0) {
        in.problem(key, "must not be negative");
      }
      return value;
    } catch (NumberFormatException e) {
      in.problem(key, "must be a decimal amount, got '" + amount + "'");
      return BigDecimal.ZERO;
    }
  }


  private static Auth auth(ConfigReader in) {
    List<JwtKey> keys = jwtKeys(in);
    Optional<String> activeKid = Optional.ofNullable(in.optionalString("auth.jwt.active-kid"));
    if (keys.isEmpty() && activeKid.isPresent()) {
      in.problem("auth.jwt.active-kid", "is set but auth.jwt.keys is empty");
    } else if (!keys.isEmpty()) {
      String active = activeKid.orElse(keys.size() == 1 ? keys.get(0).kid() : null);
      JwtKey key = keys.stream().filter(k -> k.kid().equals(active)).findFirst().orElse(null);
      if (key == null) {
        in.problem("auth.jwt.active-kid", active == null ? "must name one of auth.jwt.keys when there are several"
          : "names no key of auth.jwt.keys: " + active);
      } else if (key.privateKey().isEmpty()) {
        in.problem("auth.jwt.keys", "the active key " + active + " needs its private-key");
      }
      activeKid = Optional.ofNullable(active);
    }
    String demoPassword = in.optionalString("demo.password");
    if (demoPassword != null && demoPassword.length() < 8) {
      in.problem("demo.password", "must be at least 8 characters");
    }
    return new Auth(keys, activeKid, in.longValue("auth.access-token-ttl-s", 30, 86_400),
      in.longValue("auth.refresh-token-ttl-s", 60, 366L * 86_400), in.intValue("auth.login.max-failures", 1, 1000),
      in.intValue("auth.login.max-failures-per-ip", 1, 1_000_000), in.longValue("auth.login.window-s", 1, 86_400),
      Optional.ofNullable(demoPassword), new JwtKeySource(Optional.ofNullable(in.optionalString("auth.jwt.keys-dir"))
        .filter(d -> !d.isBlank()), in.bool("auth.jwt.dev-keys")));
  }

  private static List<JwtKey> jwtKeys(ConfigReader in) {
    List<JwtKey> keys = new ArrayList<>();
    JsonArray array = in.array("auth.jwt.keys");
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject key) || key.getString("kid") == null
        || !key.getString("kid").matches("[A-Za-z0-9._-]{1,64}") || key.getString("public-key") == null) {
        in.problem("auth.jwt.keys", "entry " + i + " needs a kid (letters, digits, . _ -) and a public-key");
        continue;
      }
      String alg = key.getString("alg", "ES256");
      if (!alg.equals("ES256") && !alg.equals("RS256")) {
        in.problem("auth.jwt.keys", "entry " + key.getString("kid") + ": alg must be ES256 or RS256, got " + alg);
        continue;
      }
      if (keys.stream().anyMatch(k -> k.kid().equals(key.getString("kid")))) {
        in.problem("auth.jwt.keys", "kid " + key.getString("kid") + " appears twice");
        continue;
      }
      keys.add(new JwtKey(key.getString("kid"), alg, Optional.ofNullable(key.getString("private-key")),
        key.getString("public-key")));
    }
    return List.copyOf(keys);
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

  /** All three PEM files when TLS is on; TLS on a cluster without them is a configuration error. */
  private static Optional<ClusterTls> clusterTls(ConfigReader in) {
    if (!in.bool("cluster.tls.enabled")) {
      return Optional.empty();
    }
    List<Path> files = new ArrayList<>();
    for (String key : List.of("cluster.tls.cert", "cluster.tls.key", "cluster.tls.ca")) {
      String path = in.optionalString(key);
      if (path == null || path.isBlank()) {
        in.problem(key, "must name a PEM file when cluster.tls.enabled is true");
        return Optional.empty();
      }
      files.add(Path.of(path));
    }
    return Optional.of(new ClusterTls(files.get(0), files.get(1), files.get(2)));
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
