package com.rtx.platform.config;

import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping from environment variables to configuration keys. Values stay strings here;
 * {@link RtxConfig} parses and validates them like values from any other layer. README's
 * configuration reference lists the same variables (a test keeps the two in step).
 * {@code RTX_LOG_FORMAT} is read by logback itself, before any of this runs.
 */
public final class EnvMapping {

  /** One environment variable and the dotted configuration key it sets. */
  public record EnvVar(String name, String key) {
  }

  public static final List<EnvVar> VARIABLES = List.of(
    new EnvVar("RTX_ROLES", "roles"),
    new EnvVar("RTX_DATA_DIR", "data-dir"),
    new EnvVar("RTX_HTTP_HOST", "http.host"),
    new EnvVar("RTX_HTTP_PORT", "http.port"),
    new EnvVar("RTX_HTTP_INSTANCES", "http.instances"),
    new EnvVar("RTX_HTTP_ADMIN_ALLOW_CIDRS", "http.admin-allow-cidrs"),
    new EnvVar("RTX_HTTP_TRUSTED_PROXIES", "http.trusted-proxies"),
    new EnvVar("RTX_MANAGEMENT_HOST", "management.host"),
    new EnvVar("RTX_MANAGEMENT_PORT", "management.port"),
    new EnvVar("RTX_FIXAPI_HOST", "fixapi.host"),
    new EnvVar("RTX_FIXAPI_PORT", "fixapi.port"),
    new EnvVar("RTX_LPSIM_HOST", "lpsim.host"),
    new EnvVar("RTX_LPSIM_PORT", "lpsim.port"),
    new EnvVar("RTX_LPSIM_CONTROL_PORT", "lpsim.control-port"),
    new EnvVar("RTX_LPSIM_SEED", "lpsim.seed"),
    new EnvVar("RTX_LPSIM_LPS", "lpsim.lps"),
    new EnvVar("RTX_PRICING_STALE_MS", "pricing.stale-ms"),
    new EnvVar("RTX_PRICING_LEAD_INTERVAL_MS", "pricing.lead-interval-ms"),
    new EnvVar("RTX_PRICING_STALE_CHECK_MS", "pricing.stale-check-ms"),
    new EnvVar("RTX_PRICING_SPIKE_MAX_JUMP_BPS", "pricing.spike-max-jump-bps"),
    new EnvVar("RTX_PRICING_SPIKE_CONFIRM_TICKS", "pricing.spike-confirm-ticks"),
    new EnvVar("RTX_PRICING_FIX_HEARTBEAT_S", "pricing.fix-heartbeat-s"),
    new EnvVar("RTX_PRICING_FIX_RECONNECT_S", "pricing.fix-reconnect-s"),
    new EnvVar("RTX_PRICING_TICK_ARCHIVE", "pricing.tick-archive"),
    new EnvVar("RTX_PRICING_TICK_RETENTION_DAYS", "pricing.tick-retention-days"),
    new EnvVar("RTX_PRICING_BAR_FLUSH_MS", "pricing.bar-flush-ms"),
    new EnvVar("RTX_WS_MAX_SUBSCRIPTIONS", "ws.max-subscriptions"),
    new EnvVar("RTX_WS_MAX_MESSAGE_BYTES", "ws.max-message-bytes"),
    new EnvVar("RTX_WS_HEARTBEAT_MS", "ws.heartbeat-ms"),
    new EnvVar("RTX_WS_IDLE_TIMEOUT_MS", "ws.idle-timeout-ms"),
    new EnvVar("RTX_WS_WRITE_QUEUE_BYTES", "ws.write-queue-bytes"),
    new EnvVar("RTX_WS_STUCK_MS", "ws.stuck-ms"),
    new EnvVar("RTX_WS_MAX_CONNECTIONS", "ws.max-connections"),
    new EnvVar("RTX_WS_MAX_CONNECTIONS_PER_IP", "ws.max-connections-per-ip"),
    new EnvVar("RTX_DEALING_SHARDS", "dealing.shards"),
    new EnvVar("RTX_DEALING_MAX_BATCH", "dealing.max-batch"),
    new EnvVar("RTX_DEALING_ACQUIRE_INTERVAL_MS", "dealing.acquire-interval-ms"),
    new EnvVar("RTX_DEALING_LOCK_CHECK_MS", "dealing.lock-check-ms"),
    new EnvVar("RTX_DEALING_TIMER_MS", "dealing.timer-ms"),
    new EnvVar("RTX_DEALING_SUMMARY_MS", "dealing.summary-ms"),
    new EnvVar("RTX_DEALING_HOLIDAYS", "dealing.holidays"),
    new EnvVar("RTX_DEALING_ORDER_RATE_PER_S", "dealing.order-rate-per-s"),
    new EnvVar("RTX_DEALING_LP_TIMEOUT_MS", "dealing.lp-timeout-ms"),
    new EnvVar("RTX_ROUTER_ACQUIRE_INTERVAL_MS", "router.acquire-interval-ms"),
    new EnvVar("RTX_ROUTER_LOCK_CHECK_MS", "router.lock-check-ms"),
    new EnvVar("RTX_ROUTER_FIX_HEARTBEAT_S", "router.fix-heartbeat-s"),
    new EnvVar("RTX_ROUTER_RECONNECT_S", "router.reconnect-s"),
    new EnvVar("RTX_ROUTER_REPORT_TIMEOUT_MS", "router.report-timeout-ms"),
    new EnvVar("RTX_ROUTER_REPORT_RETRY_MAX_MS", "router.report-retry-max-ms"),
    new EnvVar("RTX_ROUTER_STATUS_PUBLISH_MS", "router.status-publish-ms"),
    new EnvVar("RTX_ROUTER_RECONCILE_INTERVAL_MS", "router.reconcile-interval-ms"),
    new EnvVar("RTX_ROUTER_RECONCILE_TIMEOUT_MS", "router.reconcile-timeout-ms"),
    new EnvVar("RTX_ROUTER_RECONCILE_REPAIR_MAX_LOTS", "router.reconcile-repair-max-lots"),
    new EnvVar("RTX_HEDGING_HOUSE_ACCOUNT", "hedging.house-account"),
    new EnvVar("RTX_HEDGING_CHECK_MS", "hedging.check-ms"),
    new EnvVar("RTX_HEDGING_SNAPSHOT_MS", "hedging.snapshot-ms"),
    new EnvVar("RTX_TOXICITY_HORIZONS_MS", "toxicity.horizons-ms"),
    new EnvVar("RTX_TOXICITY_RECOMPUTE_MS", "toxicity.recompute-ms"),
    new EnvVar("RTX_TOXICITY_SHORT_HOLD_MS", "toxicity.short-hold-ms"),
    new EnvVar("RTX_TOXICITY_WINDOW_DAYS", "toxicity.window-days"),
    new EnvVar("RTX_PG_URL", "pg.url"),
    new EnvVar("RTX_PG_USER", "pg.user"),
    new EnvVar("RTX_PG_PASSWORD", "pg.password"),
    new EnvVar("RTX_PG_MIGRATION_USER", "pg.migration-user"),
    new EnvVar("RTX_PG_MIGRATION_PASSWORD", "pg.migration-password"),
    new EnvVar("RTX_PG_POOL_SIZE", "pg.pool-size"),
    new EnvVar("RTX_PG_CONNECT_TIMEOUT_MS", "pg.connect-timeout-ms"),
    new EnvVar("RTX_REDIS_URL", "redis.url"),
    new EnvVar("RTX_REDIS_PASSWORD", "redis.password"),
    new EnvVar("RTX_REDIS_CONNECT_TIMEOUT_MS", "redis.connect-timeout-ms"),
    new EnvVar("RTX_DB_MIGRATE_ON_START", "db.migrate-on-start"),
    new EnvVar("RTX_DEMO_ENABLED", "demo.enabled"),
    new EnvVar("RTX_DEMO_PASSWORD", "demo.password"),
    new EnvVar("RTX_DEMO_FORCE_IN_KUBERNETES", "demo.force-in-kubernetes"),
    new EnvVar("RTX_AUTH_JWT_KEYS", "auth.jwt.keys"),
    new EnvVar("RTX_AUTH_JWT_ACTIVE_KID", "auth.jwt.active-kid"),
    new EnvVar("RTX_AUTH_JWT_KEYS_DIR", "auth.jwt.keys-dir"),
    new EnvVar("RTX_AUTH_JWT_DEV_KEYS", "auth.jwt.dev-keys"),
    new EnvVar("RTX_AUTH_ACCESS_TOKEN_TTL_S", "auth.access-token-ttl-s"),
    new EnvVar("RTX_AUTH_REFRESH_TOKEN_TTL_S", "auth.refresh-token-ttl-s"),
    new EnvVar("RTX_AUTH_LOGIN_MAX_FAILURES", "auth.login.max-failures"),
    new EnvVar("RTX_AUTH_LOGIN_MAX_FAILURES_PER_IP", "auth.login.max-failures-per-ip"),
    new EnvVar("RTX_AUTH_LOGIN_WINDOW_S", "auth.login.window-s"),
    new EnvVar("RTX_ADMIN_LOCKOUT_FAILURES", "admin.lockout-failures"),
    new EnvVar("RTX_ADMIN_LOCKOUT_S", "admin.lockout-s"),
    new EnvVar("RTX_ADMIN_FOUR_EYES_AMOUNT", "admin.four-eyes-amount"),
    new EnvVar("RTX_ADMIN_FOUR_EYES_STAFF_DAILY", "admin.four-eyes-staff-daily"),
    new EnvVar("RTX_ADMIN_FOUR_EYES_ACCOUNT_DAILY", "admin.four-eyes-account-daily"),
    new EnvVar("RTX_ADMIN_LOGIN_MAX_FAILURES_PER_IP", "admin.login-max-failures-per-ip"),
    new EnvVar("RTX_ADMIN_TOTP_KEY", "admin.totp-key"),
    new EnvVar("RTX_ADMIN_MAX_LEVERAGE", "admin.max-leverage"),
    new EnvVar("RTX_HEALTH_CHECK_TIMEOUT_MS", "health.check-timeout-ms"),
    new EnvVar("RTX_CLUSTER_ENABLED", "cluster.enabled"),
    new EnvVar("RTX_CLUSTER_HOST", "cluster.host"),
    new EnvVar("RTX_CLUSTER_PORT", "cluster.port"),
    new EnvVar("RTX_CLUSTER_MEMBERS", "cluster.members"),
    new EnvVar("RTX_CLUSTER_EVENTBUS_PORT", "cluster.eventbus-port"),
    new EnvVar("RTX_CLUSTER_TLS_ENABLED", "cluster.tls.enabled"),
    new EnvVar("RTX_CLUSTER_TLS_CERT", "cluster.tls.cert"),
    new EnvVar("RTX_CLUSTER_TLS_KEY", "cluster.tls.key"),
    new EnvVar("RTX_CLUSTER_TLS_CA", "cluster.tls.ca"),
    new EnvVar("RTX_CLUSTER_K8S_ENABLED", "cluster.kubernetes.enabled"),
    new EnvVar("RTX_CLUSTER_K8S_SERVICE", "cluster.kubernetes.service-name"),
    new EnvVar("RTX_CLUSTER_K8S_NAMESPACE", "cluster.kubernetes.namespace"),
    new EnvVar("RTX_SHUTDOWN_GRACE_MS", "shutdown.grace-ms"),
    new EnvVar("RTX_STANDBY", "standby"),
    new EnvVar("RTX_SENTRY_DSN", "sentry.dsn"),
    new EnvVar("RTX_SENTRY_ENVIRONMENT", "sentry.environment"),
    new EnvVar("RTX_COLOUR", "deployment.colour"),
    new EnvVar("RTX_LIVE_COLOUR", "deployment.live-colour"),
    new EnvVar("RTX_CONFIG_SCAN_PERIOD_MS", "config.scan-period-ms"),
    new EnvVar("RTX_K8S_NAMESPACE", "kubernetes.namespace"));

  private EnvMapping() {
  }

  public static Optional<EnvVar> byName(String name) {
    return VARIABLES.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /** The environment layer: only mapped {@code RTX_*} variables, each labelled with its name. */
  public static ConfigLayer layer(Map<String, String> env) {
    JsonObject values = new JsonObject();
    Map<String, String> labels = new HashMap<>();
    for (EnvVar variable : VARIABLES) {
      String value = env.get(variable.name());
      if (value != null) {
        DottedKeys.put(values, variable.key(), value);
        labels.put(variable.key(), "environment variable " + variable.name());
      }
    }
    return new ConfigLayer("environment", values, labels);
  }

  /**
   * Secret and ConfigMap data may be keyed by variable name ({@code RTX_PG_PASSWORD}) or by
   * dotted key ({@code pg.password}); both become nested configuration.
   */
  public static JsonObject fromKubernetesData(JsonObject data) {
    JsonObject flat = new JsonObject();
    for (Map.Entry<String, Object> entry : data) {
      String key = byName(entry.getKey()).map(EnvVar::key).orElse(entry.getKey());
      flat.put(key, entry.getValue());
    }
    return DottedKeys.expand(flat);
  }
}
