package com.rtx.platform.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles the configuration layers, later winning: defaults in the jar → the JSON file → the
 * environment ({@link EnvMapping}) → in Kubernetes ({@code RTX_K8S_NAMESPACE} set) the ConfigMap
 * {@code rtx-config} and Secret {@code rtx-secrets} → the command line.
 *
 * <p>Files are read on the calling thread (start-up, or a worker for reloads); the Kubernetes
 * layers go through vertx-config's {@code configmap} store.
 */
public final class ConfigLoader {

  private final Vertx vertx;
  private final ConfigSources sources;

  public ConfigLoader(Vertx vertx, ConfigSources sources) {
    this.vertx = vertx;
    this.sources = sources;
  }

  public ConfigSources sources() {
    return sources;
  }

  /** The layers without Kubernetes; pure file and environment reads. */
  public LayeredConfig loadLocalLayers() {
    List<ConfigLayer> layers = new ArrayList<>();
    layers.add(new ConfigLayer("defaults (classpath:" + ConfigSources.DEFAULTS_RESOURCE + ")",
      ConfigFiles.readClasspath(ConfigSources.DEFAULTS_RESOURCE)));
    if (Files.exists(sources.configFile())) {
      layers.add(new ConfigLayer("file " + sources.configFile(), ConfigFiles.readFile(sources.configFile())));
    } else if (sources.explicitFile()) {
      throw new ConfigException("configuration file " + sources.configFile() + " (from --config) does not exist");
    }
    layers.add(EnvMapping.layer(sources.env()));
    return new LayeredConfig(layers);
  }

  /** Every layer, including Kubernetes ones when a namespace is configured. */
  public Future<LayeredConfig> load() {
    LayeredConfig local;
    try {
      local = loadLocalLayers();
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    Object namespace = local.get("kubernetes.namespace");
    Future<List<ConfigLayer>> kubernetes = namespace instanceof String ns && !ns.isBlank()
      ? kubernetesLayers(ns)
      : Future.succeededFuture(List.of());
    return kubernetes.map(k8s -> {
      LayeredConfig all = local;
      for (ConfigLayer layer : k8s) {
        all = all.with(layer);
      }
      return all.with(new ConfigLayer("command line", sources.overrides()));
    });
  }

  /** vertx-config store options of the Kubernetes layers (ConfigMap then Secret). */
  public static List<ConfigStoreOptions> kubernetesStores(String namespace) {
    return List.of(
      new ConfigStoreOptions().setType("configmap").setOptional(true).setConfig(new JsonObject()
        .put("namespace", namespace).put("name", ConfigSources.K8S_CONFIG_MAP)),
      new ConfigStoreOptions().setType("configmap").setOptional(true).setConfig(new JsonObject()
        .put("namespace", namespace).put("name", ConfigSources.K8S_SECRET).put("secret", true)));
  }

  private Future<List<ConfigLayer>> kubernetesLayers(String namespace) {
    List<ConfigStoreOptions> stores = kubernetesStores(namespace);
    Future<JsonObject> configMap = readStore(stores.get(0));
    Future<JsonObject> secret = readStore(stores.get(1));
    return Future.all(configMap, secret).map(done -> List.of(
      new ConfigLayer("ConfigMap " + namespace + "/" + ConfigSources.K8S_CONFIG_MAP,
        EnvMapping.fromKubernetesData(configMap.result())),
      new ConfigLayer("Secret " + namespace + "/" + ConfigSources.K8S_SECRET,
        EnvMapping.fromKubernetesData(secret.result()))));
  }

  private Future<JsonObject> readStore(ConfigStoreOptions store) {
    ConfigRetriever retriever = ConfigRetriever.create(vertx,
      new ConfigRetrieverOptions().setScanPeriod(-1).setIncludeDefaultStores(false).addStore(store));
    return retriever.getConfig().eventually(retriever::close);
  }
}
