package com.rtx.platform.config;

import com.rtx.bus.Addresses;
import com.rtx.platform.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Watches the changeable layers (the config file, and the ConfigMap/Secret in Kubernetes) with
 * vertx-config's periodic scan. On a change it reloads every layer, validates the result and,
 * when valid, publishes {@link Addresses#CONFIG_CHANGED}; an invalid change is logged and ignored,
 * so the running engine keeps its last good configuration.
 *
 * <p>Only the keys in {@link #RUNTIME_KEYS} are acted on while the engine runs (blue-green
 * standby). Every other infrastructure key is read once at start: a change to one is published
 * too, but logged at WARN as needing a restart, listed under {@code restartNeeded} in the message
 * and counted in {@code rtx_config_restart_needed} (keys changed since start and not yet applied),
 * so nobody believes a pool size or a port changed when it did not.
 */
public final class ConfigWatcher {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

  /** The keys the running engine acts on (dealing, pricing, router and hedger watch them). */
  public static final Set<String> RUNTIME_KEYS = Set.of("standby", "deployment.colour", "deployment.live-colour");

  private final Set<String> restartNeeded = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Vertx vertx;
  private final ConfigLoader loader;
  private final Set<Role> availableRoles;
  private LayeredConfig current;
  private ConfigRetriever retriever;

  private final Counter applied;
  private final Counter rejected;

  public ConfigWatcher(Vertx vertx, ConfigLoader loader, LayeredConfig current, Set<Role> availableRoles,
                       MeterRegistry metrics) {
    this.vertx = vertx;
    this.loader = loader;
    this.current = current;
    this.availableRoles = availableRoles;
    this.applied = Counter.builder("rtx.config.reloads").tag("result", "applied")
      .description("Configuration changes picked up by the scan, by outcome").register(metrics);
    this.rejected = Counter.builder("rtx.config.reloads").tag("result", "rejected")
      .description("Configuration changes picked up by the scan, by outcome").register(metrics);
    io.micrometer.core.instrument.Gauge.builder("rtx.config.restart.needed", restartNeeded, Set::size)
      .description("Configuration keys changed since start that take effect only after a restart").register(metrics);
  }

  /** Starts scanning every {@code periodMs}; 0 disables watching. */
  public Future<Void> start(long periodMs, String kubernetesNamespace) {
    if (periodMs <= 0) {
      return Future.succeededFuture();
    }
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
      .setScanPeriod(periodMs)
      .setIncludeDefaultStores(false)
      .addStore(new ConfigStoreOptions().setType("file").setFormat("json").setOptional(true)
        .setConfig(new JsonObject().put("path", loader.sources().configFile().toString())));
    if (kubernetesNamespace != null) {
      ConfigLoader.kubernetesStores(kubernetesNamespace).forEach(options::addStore);
    }
    retriever = ConfigRetriever.create(vertx, options);
    retriever.listen(change -> reload());
    return retriever.getConfig().mapEmpty();
  }

  public Future<Void> stop() {
    if (retriever != null) {
      retriever.close();
    }
    return Future.succeededFuture();
  }

  private void reload() {
    loader.load()
      .map(next -> {
        RtxConfig.parse(next, availableRoles);
        return next;
      })
      .onSuccess(this::publishIfChanged)
      .onFailure(e -> {
        rejected.increment();
        LOG.error("configuration change ignored, keeping the running configuration: {}", e.getMessage());
      });
  }

  private void publishIfChanged(LayeredConfig next) {
    Set<String> changed = current.changedKeys(next);
    if (changed.isEmpty()) {
      return;
    }
    current = next;
    applied.increment();
    java.util.List<String> later = changed.stream().filter(k -> !RUNTIME_KEYS.contains(k)).sorted().toList();
    restartNeeded.addAll(later);
    LOG.info("configuration changed: {}", changed);
    if (!later.isEmpty()) {
      LOG.warn("configuration change to {} needs a restart to take effect (acted on at run time: {})", later,
        RUNTIME_KEYS.stream().sorted().toList());
    }
    vertx.eventBus().publish(Addresses.CONFIG_CHANGED, new JsonObject()
      .put("changedKeys", new JsonArray(changed.stream().toList()))
      .put("restartNeeded", new JsonArray(later))
      .put("config", SecretMasker.mask(next.merged())));
  }
}
