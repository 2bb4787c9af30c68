package com.rtx.support;

import com.rtx.app.RtxAssembly;
import com.rtx.platform.Engine;
import com.rtx.platform.config.ConfigSources;
import com.rtx.platform.db.PgTarget;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts an in-process engine against the test PostgreSQL (a database of its own) and Redis,
 * configured only through an injected environment, on a free HTTP port.
 */
public final class TestEngine {

  /** Redis logical databases 1..15 rotate between engines so one test's keys never feed another's. */
  private static final java.util.concurrent.atomic.AtomicInteger DATABASES = new java.util.concurrent.atomic.AtomicInteger();

  private static final java.util.concurrent.atomic.AtomicInteger ENGINES = new java.util.concurrent.atomic.AtomicInteger();

  private final Map<String, String> env = new HashMap<>();
  private Path configFile = Path.of("target", "no-such-rtx.json");

  private TestEngine(PgTarget database) {
    env.put("RTX_PG_URL", TestInfra.url(database));
    env.put("RTX_REDIS_URL", TestInfra.redisUrl(DATABASES.getAndIncrement() % 15 + 1));
    env.put("RTX_HTTP_PORT", String.valueOf(Ports.free()));
    env.put("RTX_MANAGEMENT_PORT", String.valueOf(Ports.free()));
    env.put("RTX_CONFIG_SCAN_PERIOD_MS", "0");
    env.put("RTX_AUTH_JWT_DEV_KEYS", "true");
    env.put("RTX_SHUTDOWN_GRACE_MS", "5000");
    // Only the front door unless a test asks for more: the simulator's fixed ports would clash
    // between engines, and pricing needs an LP to talk to.
    env.put("RTX_ROLES", "gateway");
    env.put("RTX_DEMO_ENABLED", "false");
    // Files the engine keeps under data-dir (development signing key, demo password) stay per engine.
    env.put("RTX_DATA_DIR", Path.of("target", "test-data", "engine-" + ProcessHandle.current().pid() + "-"
      + ENGINES.incrementAndGet()).toString());
  }

  public static TestEngine on(PgTarget database) {
    return new TestEngine(database);
  }

  public TestEngine env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public TestEngine configFile(Path file) {
    this.configFile = file;
    return this;
  }

  public String redisUrl() {
    return env.get("RTX_REDIS_URL");
  }

  public Path dataDir() {
    return Path.of(env.get("RTX_DATA_DIR"));
  }

  public int httpPort() {
    return Integer.parseInt(env.get("RTX_HTTP_PORT"));
  }

  /** The port of {@code /metrics} and the health details. */
  public int managementPort() {
    return Integer.parseInt(env.get("RTX_MANAGEMENT_PORT"));
  }

  public Engine start() {
    return start(java.time.Clock.systemUTC());
  }

  public Engine start(java.time.Clock clock) {
    return RtxAssembly.start(new ConfigSources(configFile, false, env, new JsonObject()), true, clock);
  }
}
