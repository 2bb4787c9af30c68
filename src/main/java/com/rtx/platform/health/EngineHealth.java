package com.rtx.platform.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The engine's health checks, grouped by what an orchestrator does with them:
 * <ul>
 *   <li>{@code live/*} — the process works (restart it when DOWN);</li>
 *   <li>{@code ready/*} — send it traffic: PostgreSQL reachable, migrations applied, every
 *       configured role deployed, not shutting down;</li>
 *   <li>{@code dependencies/*} — degradable dependencies (Redis) reported with details but kept
 *       out of readiness, because the engine keeps trading without them.</li>
 * </ul>
 * Served at {@code /health/live}, {@code /health/ready}, {@code /health/dependencies} and
 * {@code /health} (everything). Later roles add their own checks through {@link #checks()}.
 */
public final class EngineHealth {

  public static final String LIVE = "live";
  public static final String READY = "ready";
  public static final String DEPENDENCIES = "dependencies";

  private final HealthChecks checks;
  private final long timeoutMs;
  private final AtomicBoolean accepting = new AtomicBoolean(true);
  private final AtomicReference<JsonObject> migrations =
    new AtomicReference<>(new JsonObject().put("state", "pending"));
  private final AtomicBoolean migrationsApplied = new AtomicBoolean(false);

  public EngineHealth(Vertx vertx, long timeoutMs) {
    this.checks = HealthChecks.create(vertx);
    this.timeoutMs = timeoutMs;
    checks.register(LIVE + "/event-loop", timeoutMs, promise -> promise.complete(Status.OK()));
    checks.register(READY + "/accepting", timeoutMs, promise -> promise.complete(accepting.get()
      ? Status.OK() : Status.KO(new JsonObject().put("reason", "shutting down"))));
    checks.register(READY + "/migrations", timeoutMs, promise -> promise.complete(migrationsApplied.get()
      ? Status.OK(migrations.get()) : Status.KO(migrations.get())));
  }

  public HealthChecks checks() {
    return checks;
  }

  /** Readiness DOWN from now on: the first step of a graceful shutdown. */
  public void stopAccepting() {
    accepting.set(false);
  }

  public void migrationsApplied(int appliedNow, int total) {
    migrations.set(new JsonObject().put("state", "applied").put("appliedThisStart", appliedNow)
      .put("changeSets", total));
    migrationsApplied.set(true);
  }

  public void migrationsPending(List<String> pending) {
    migrations.set(new JsonObject().put("state", "pending").put("pending", pending));
    migrationsApplied.set(false);
  }

  public void registerPostgres(Pool pool, String target) {
    checks.register(READY + "/postgres", timeoutMs, promise -> pool.query("SELECT 1").execute()
      .onSuccess(rows -> promise.complete(Status.OK(new JsonObject().put("target", target))))
      .onFailure(e -> promise.complete(Status.KO(new JsonObject().put("target", target)
        .put("error", String.valueOf(e.getMessage()))))));
  }

  public void registerRedis(RedisAPI redis, String target) {
    checks.register(DEPENDENCIES + "/redis", timeoutMs, promise -> redis.ping(List.of())
      .onSuccess(reply -> promise.complete(Status.OK(new JsonObject().put("target", target))))
      .onFailure(e -> promise.complete(Status.KO(new JsonObject().put("target", target)
        .put("error", String.valueOf(e.getMessage()))
        .put("impact", "disposable state only (quotes cache, rate-limit buckets); trading continues")))));
  }

  /** Readiness of the configured roles; {@code deployed} reports which ones are up. */
  public void registerRoles(Supplier<JsonObject> deployed, Supplier<Boolean> allDeployed) {
    checks.register(READY + "/roles", timeoutMs, promise -> promise.complete(allDeployed.get()
      ? Status.OK(deployed.get()) : Status.KO(deployed.get())));
  }

  public Future<Boolean> isReady() {
    return checks.checkStatus(READY).map(result -> result.getUp());
  }
}
