package com.rtx.platform;

import com.rtx.platform.cluster.HazelcastClusterFactory;
import com.rtx.platform.config.ConfigLoader;
import com.rtx.platform.config.ConfigSources;
import com.rtx.platform.config.ConfigWatcher;
import com.rtx.platform.config.LayeredConfig;
import com.rtx.platform.config.RtxConfig;
import com.rtx.platform.config.SecretMasker;
import com.rtx.platform.db.DemoData;
import com.rtx.platform.db.Migrator;
import com.rtx.platform.db.PgTarget;
import com.rtx.platform.db.StatementCache;
import com.rtx.platform.logging.SentryReporting;
import com.rtx.platform.embedded.EmbeddedPostgresServer;
import com.rtx.platform.embedded.EmbeddedRedisServer;
import com.rtx.platform.health.EngineHealth;
import com.rtx.platform.health.ManagementServer;
import com.rtx.platform.logging.RequestIds;
import com.rtx.platform.metrics.EngineMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * One engine process: embedded servers when nothing else is configured, Vert.x (clustered or
 * not), migrations, the shared clients, and the configured roles; and the reverse on stop.
 *
 * <p>{@link #start} and {@link #stop} block the calling thread (the CLI's main thread or a
 * test), never an event loop: the blocking parts (embedded servers, Liquibase) either run before
 * Vert.x exists or through {@code executeBlocking}.
 */
public final class Engine {

  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  static {
    RequestIds.init();
    System.setProperty("hazelcast.phone.home.enabled", "false");
    System.setProperty("hazelcast.logging.type", "slf4j");
    System.setProperty("liquibase.analytics.enabled", "false");
  }

  private final LayeredConfig layered;
  private final RtxConfig config;
  private final ConfigLoader loader;
  private final boolean ephemeral;
  private final BuildInfo build = BuildInfo.current();
  private final UUID instanceId = UUID.randomUUID();
  private final Clock clock;
  private final Assembly assembly;

  private EmbeddedPostgresServer embeddedPg;
  private EmbeddedRedisServer embeddedRedis;
  private PgTarget pgTarget;
  private String redisUrl;
  private Vertx vertx;
  private Pool pool;
  private Redis redisClient;
  private EngineHealth health;
  private ManagementServer management;
  private EngineMetrics metrics;
  private RoleDeployer deployer;
  private ConfigWatcher watcher;
  private volatile boolean stopped;
  private volatile boolean instanceRecorded;

  private Engine(LayeredConfig layered, RtxConfig config, ConfigLoader loader, boolean ephemeral, Clock clock,
                 Assembly assembly) {
    this.clock = clock;
    this.assembly = assembly;
    this.layered = layered;
    this.config = config;
    this.loader = loader;
    this.ephemeral = ephemeral;
  }

  /**
   * Loads and validates configuration, then starts everything. On failure everything started so
   * far is stopped again before the exception propagates.
   *
   * @param clock the time every role's time-dependent behaviour reads (tests move it)
   * @param assembly the roles' verticles and demo steps, from the composition root ({@code com.rtx.app})
   * @throws com.rtx.platform.config.ConfigException for invalid configuration (exit code 2)
   */
  public static Engine start(ConfigSources sources, boolean ephemeral, Clock clock, Assembly assembly) {
    long started = System.nanoTime();
    LayeredConfig layered = EngineConfig.load(sources);
    RtxConfig config = RtxConfig.parse(layered, assembly.roles().available());
    LOG.info("RTX engine {} ({}) starting; roles {}; configuration {}", BuildInfo.current().version(),
      BuildInfo.current().commit(), ids(config), SecretMasker.mask(layered.merged()).encode());
    Engine engine = new Engine(layered, config, new ConfigLoader(null, sources), ephemeral, clock,
      assembly);
    try {
      engine.startAll();
    } catch (RuntimeException e) {
      engine.stop();
      throw e;
    }
    LOG.info("RTX engine ready in {} ms: http://{}:{} (roles {})", (System.nanoTime() - started) / 1_000_000,
      config.http().host(), config.http().port(), ids(config));
    return engine;
  }

  private void startAll() {
    SentryReporting.start(config.sentry(), build.version() + "+" + build.commit(), instanceId.toString());
    startDataServers();
    metrics = new EngineMetrics(build);
    vertx = createVertx(metrics);
    health = new EngineHealth(vertx, config.healthCheckTimeoutMs());
    pool = PgBuilder.pool()
      .with(new PoolOptions().setMaxSize(config.pg().poolSize()).setName("rtx-pg"))
      .with(new NetClientOptions().setConnectTimeout(config.pg().connectTimeoutMs()).setMetricsName("rtx-pg"))
      .connectingTo(StatementCache.apply(pgTarget.connectOptions()))
      .using(vertx)
      .build();
    health.registerPostgres(pool, pgTarget.describe());
    redisClient = Redis.createClient(vertx, RedisClientOptions.of(redisUrl, config.redis()));
    RedisAPI redis = RedisAPI.api(redisClient);
    health.registerRedis(redis, SecretMasker.maskUrl(redisUrl));
    Platform platform = new Platform(config, pool, redisClient, redis, health, metrics.registry(), build, clock,
      pgTarget.connectOptions(), instanceId.toString());
    deployer = new RoleDeployer(vertx, platform, assembly.roles(), config.roles());
    health.registerRoles(deployer::describe, deployer::allDeployed);
    watcher = new ConfigWatcher(vertx, new ConfigLoader(vertx, loader.sources()), layered, assembly.roles().available(),
      metrics.registry());

    // Up before migrations, so operators can watch a slow first start on the management port.
    management = new ManagementServer(vertx, config.management(), health, metrics.registry());
    await(management.start()
      .compose(port -> migrate())
      .compose(schemaReady -> schemaReady && config.demoData()
        ? DemoData.alignSimulatedLps(pool, config.lpsim()).map(schemaReady) : Future.succeededFuture(schemaReady))
      .compose(schemaReady -> schemaReady && config.demoData()
        ? demoSteps(platform).map(schemaReady) : Future.succeededFuture(schemaReady))
      .compose(schemaReady -> deployer.deployAll().map(schemaReady))
      .compose(this::recordInstance)
      .compose(v -> watcher.start(config.configScanPeriodMs(), config.kubernetesNamespace().orElse(null))));
  }

  private Future<Void> demoSteps(Platform platform) {
    Future<Void> chain = Future.succeededFuture();
    for (DemoStep step : assembly.demoSteps()) {
      chain = chain.compose(v -> step.run(vertx, platform, embeddedPg != null));
    }
    return chain;
  }

  private void startDataServers() {
    Path dataDir = config.dataDir();
    CompletableFuture<EmbeddedRedisServer> redis = config.redis().url().isPresent()
      ? CompletableFuture.completedFuture(null)
      : CompletableFuture.supplyAsync(() -> EmbeddedRedisServer.start(ephemeral ? null : dataDir.resolve("redis")));
    try {
      if (config.pg().url().isPresent()) {
        pgTarget = PgTarget.fromUrl(config.pg().url().get(), config.pg().user().orElse(null),
          config.pg().password().orElse(null));
      } else {
        embeddedPg = EmbeddedPostgresServer.start(ephemeral ? null : dataDir.resolve("pg"));
        pgTarget = embeddedPg.target();
      }
    } finally {
      embeddedRedis = redis.join();
    }
    redisUrl = config.redis().url().orElseGet(() -> embeddedRedis.url());
    LOG.info("PostgreSQL {}{}; Redis {}{}", pgTarget.describe(), embeddedPg == null ? "" : " (embedded)",
      SecretMasker.maskUrl(redisUrl), embeddedRedis == null ? "" : " (embedded)");
  }

  private Vertx createVertx(EngineMetrics metrics) {
    VertxOptions options = metrics.applyTo(new VertxOptions());
    VertxBuilder builder = Vertx.builder().withMetrics(metrics.factory());
    if (!config.cluster().enabled()) {
      return builder.with(options).build();
    }
    options.setEventBusOptions(HazelcastClusterFactory.eventBusOptions(config.cluster()));
    if (config.cluster().tls().isEmpty() && !config.cluster().host().startsWith("127.")) {
      LOG.warn("the clustered event bus on {} runs without TLS (cluster.tls.enabled=false): money commands cross "
        + "the network in plain text", config.cluster().host());
    }
    Vertx clustered = await(builder.with(options)
      .withClusterManager(HazelcastClusterFactory.create(config.cluster()))
      .buildClustered());
    LOG.info("joined cluster through {}:{}", config.cluster().host(), config.cluster().port());
    return clustered;
  }

  /** Applies (or, with migrate-on-start off, checks) the schema; true when it is up to date. */
  private Future<Boolean> migrate() {
    // Migrations as the schema owner (pg.migration-user), the pool as the run-time user.
    PgTarget owner = embeddedPg != null ? pgTarget
      : pgTarget.forMigrations(config.pg().migrationUser(), config.pg().migrationPassword());
    Migrator migrator = new Migrator(owner, config.demoData());
    return vertx.executeBlocking(() -> {
      if (config.migrateOnStart()) {
        int applied = migrator.update();
        int total = migrator.appliedCount();
        LOG.info("database schema up to date: {} changesets applied now, {} in total", applied, total);
        health.migrationsApplied(applied, total);
        return true;
      }
      List<String> pending = migrator.pending();
      if (pending.isEmpty()) {
        health.migrationsApplied(0, migrator.appliedCount());
        return true;
      }
      LOG.warn("db.migrate-on-start is false and {} changesets are pending: not ready until "
        + "`rtx migrate update` runs", pending.size());
      health.migrationsPending(pending);
      return false;
    }, false);
  }

  /** Records this process in {@code engine_instance}, once the schema holds that table. */
  private Future<Void> recordInstance(boolean schemaReady) {
    if (!schemaReady) {
      return Future.succeededFuture();
    }
    instanceRecorded = true;
    return pool.preparedQuery("INSERT INTO engine_instance (instance_id, version, commit_id, host_name, roles, started_at) "
        + "VALUES ($1, $2, $3, $4, $5, $6)")
      .execute(Tuple.of(instanceId, build.version(), build.commit(), hostName(), ids(config), OffsetDateTime.now()))
      .mapEmpty();
  }

  /**
   * Graceful stop: readiness DOWN, roles undeployed in reverse order (the gateway first: it stops
   * accepting and drains in-flight requests within {@code shutdown.grace-ms}), clients closed,
   * Vert.x closed, embedded servers stopped. Safe to call twice and after a failed start.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    LOG.info("RTX engine stopping");
    if (health != null) {
      health.stopAccepting();
    }
    if (vertx != null) {
      Future<Void> chain = deployer == null ? Future.succeededFuture() : deployer.undeployAll();
      chain = chain.compose(v -> watcher == null ? Future.succeededFuture() : watcher.stop())
        .compose(v -> markStopped())
        .eventually(() -> management == null ? Future.succeededFuture() : management.stop())
        .eventually(() -> pool == null ? Future.succeededFuture() : pool.close())
        .eventually(() -> {
          if (redisClient != null) {
            redisClient.close();
          }
          return Future.succeededFuture();
        })
        .eventually(() -> vertx.close());
      try {
        await(chain);
      } catch (RuntimeException e) {
        LOG.warn("engine did not stop cleanly: {}", e.getMessage());
      }
    }
    SentryReporting.stop();
    if (embeddedRedis != null) {
      embeddedRedis.close();
    }
    if (embeddedPg != null) {
      embeddedPg.close();
    }
    LOG.info("RTX engine stopped");
  }

  private Future<Void> markStopped() {
    if (!instanceRecorded) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("UPDATE engine_instance SET stopped_at = $2 WHERE instance_id = $1")
      .execute(Tuple.of(instanceId, OffsetDateTime.now()))
      .<Void>mapEmpty()
      .recover(e -> {
        LOG.warn("could not record the engine's stop: {}", e.getMessage());
        return Future.succeededFuture();
      });
  }

  public Vertx vertx() {
    return vertx;
  }

  public RtxConfig config() {
    return config;
  }

  public LayeredConfig layeredConfig() {
    return layered;
  }

  public PgTarget pgTarget() {
    return pgTarget;
  }

  public String redisUrl() {
    return redisUrl;
  }

  public io.micrometer.core.instrument.MeterRegistry metricsRegistry() {
    return metrics.registry();
  }

  public EngineHealth health() {
    return health;
  }

  private static String ids(RtxConfig config) {
    return config.roles().stream().map(Role::id).collect(Collectors.joining(","));
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().join();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }
}
