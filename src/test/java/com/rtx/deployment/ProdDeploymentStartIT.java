package com.rtx.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtx.auth.SigningKeys;
import com.rtx.platform.config.EnvMapping;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.EngineProcess;
import com.rtx.support.Http;
import com.rtx.support.Ports;
import com.rtx.support.RedisServerProcess;
import com.rtx.support.TestInfra;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started as Kubernetes starts the live colour of the rendered prod overlay:
 * the container's args and environment (field references resolved as the kubelet would), the
 * ConfigMap {@code rtx-config} and the Secret {@code rtx-secrets} (every key its ExternalSecret
 * produces, with test values) as the engine's Kubernetes layers, and the mounted Secrets (JWT
 * keys, cluster TLS) as files. It reaches {@code /health/ready} with every role of the prod
 * {@code RTX_ROLES} deployed, then SIGTERM ends it with exit 0.
 *
 * <p>What differs from a pod, and only that: the ConfigMap and Secret data come from a
 * {@code --config} file (the engine turns both into configuration with the same
 * {@link EnvMapping#fromKubernetesData}; no key is in both that file and the container env, so
 * the order of the layers does not matter), hosts are loopback and ports free, mount paths and
 * {@code /data} are directories of the test, Hazelcast joins by TCP on loopback instead of
 * Kubernetes discovery, PostgreSQL is the machine's ({@code RTX_TEST_PG_URL}; a runtime login role
 * of the test's own, member of {@code rtx_app}, stands in for {@code rtx_engine}, the server's
 * owner for {@code rtx_owner}) and Redis a {@code redis-server} with {@code requirepass} set to
 * the Secret's test value (the machine's Redis, without the password, when none is installed).
 *
 * <p>Rendered with {@code kubectl kustomize} when it is installed; otherwise the base Deployment
 * with the prod overlay's engine patch and ConfigMap patches applied here.
 */
@Timeout(300)
class ProdDeploymentStartIT {

  private static final String NAMESPACE = "rtx-prod";

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @Test
  void theRenderedProdDeploymentStartsReadyWithEveryRoleAndStopsCleanly() throws Exception {
    ProdPod pod = ProdPod.render();
    Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "prod-start-");

    // --- the Secret rtx-secrets: every key its ExternalSecret produces, with test values
    Map<String, String> secret = new LinkedHashMap<>();
    for (String key : pod.secretKeys()) {
      secret.put(key, "test-" + key.toLowerCase().replace('.', '-').replace('_', '-'));
    }
    byte[] totp = new byte[32];
    new SecureRandom().nextBytes(totp);
    secret.put("RTX_ADMIN_TOTP_KEY", Base64.getEncoder().encodeToString(totp));

    // --- PostgreSQL: the machine's, a runtime role of our own in rtx_app (owns nothing)
    PgTarget database = TestInfra.migratedDatabase();
    cleanup.add(() -> TestInfra.drop(database));
    // The LPs' FIX sessions (pricing, router) go to a free port, never to a simulator someone runs here.
    TestInfra.execute(database, "UPDATE liquidity_provider SET port = " + Ports.free());
    String runtimeRole = "rtx_engine_t" + ProcessHandle.current().pid();
    String runtimePassword = secret.get("RTX_PG_PASSWORD");
    TestInfra.execute(database, "DROP ROLE IF EXISTS " + runtimeRole);
    TestInfra.execute(database, "CREATE ROLE " + runtimeRole + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
      + runtimePassword + "' IN ROLE rtx_app");
    cleanup.add(() -> TestInfra.execute(TestInfra.pgServer(), "DROP ROLE IF EXISTS " + runtimeRole));
    if (database.password() != null) {
      secret.put("RTX_PG_MIGRATION_PASSWORD", database.password());
    }

    // --- Redis with requirepass = the Secret's RTX_REDIS_PASSWORD
    String redisUrl;
    if (RedisServerProcess.available()) {
      RedisServerProcess redis = RedisServerProcess.start(secret.get("RTX_REDIS_PASSWORD"));
      cleanup.add(redis);
      redisUrl = redis.url();
    } else {
      redisUrl = TestInfra.redisUrl();
      secret.remove("RTX_REDIS_PASSWORD");
    }

    // --- mounts as directories of the test
    Map<String, Path> mounts = new HashMap<>();
    for (VolumeMount mount : pod.container().getVolumeMounts()) {
      Path dir = work.resolve("mounts").resolve(mount.getName());
      Files.createDirectories(dir);
      mounts.put(mount.getMountPath(), dir);
    }
    // --- the ConfigMap and Secret layers
    Map<String, String> configMap = new LinkedHashMap<>(pod.configMap());
    configMap.replaceAll((name, value) -> remap(value, mounts));
    String pgUrl = configMap.get("RTX_PG_URL");
    assertThat(pgUrl).startsWith("postgresql://");
    configMap.put("RTX_PG_URL", "postgresql://" + runtimeRole + "@" + database.host() + ":" + database.port() + "/"
      + database.database());
    configMap.put("RTX_PG_MIGRATION_USER", database.user());
    configMap.put("RTX_REDIS_URL", redisUrl);
    JsonObject data = new JsonObject();
    configMap.forEach(data::put);
    secret.forEach(data::put); // the Secret layer wins over the ConfigMap, as in the engine
    Path configFile = work.resolve("k8s-layers.json");
    Files.writeString(configFile, EnvMapping.fromKubernetesData(data).encodePrettily());

    // --- the container: env with field references resolved
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : pod.container().getEnv()) {
      String value = resolve(var, secret);
      if (value != null) {
        env.put(var.getName(), remap(value, mounts));
      }
    }
    Set<String> both = new TreeSet<>(env.keySet());
    both.retainAll(configMap.keySet());
    assertThat(both).as("keys in both the container env and rtx-config (their order differs here)").isEmpty();

    // Secrets mounted as files: JWT keys (one identity for every replica) and the cluster TLS.
    Path jwt = mounts.get(pod.configMap().get("RTX_AUTH_JWT_KEYS_DIR"));
    assertThat(jwt).as("the JWT keys directory is a mount").isNotNull();
    JsonObject key = SigningKeys.generateEs256();
    Files.writeString(jwt.resolve("k-test.pub.pem"), key.getString("public-key"));
    Files.writeString(jwt.resolve("k-test.key.pem"), key.getString("private-key"));
    Files.writeString(jwt.resolve("active-kid"), "k-test\n");
    SelfSignedCertificate tls = SelfSignedCertificate.create("rtx-cluster");
    Path certDir = Path.of(env.get("RTX_CLUSTER_TLS_CERT")).getParent();
    Files.copy(Path.of(tls.certificatePath()), certDir.resolve("tls.crt"));
    Files.copy(Path.of(tls.privateKeyPath()), certDir.resolve("tls.key"));
    Files.copy(Path.of(tls.certificatePath()), certDir.resolve("ca.crt"));

    // What differs from a pod: loopback, free ports, local data dir, TCP join on loopback.
    int http = Ports.free();
    int management = Ports.free();
    int hazelcast = Ports.free();
    env.replaceAll((name, value) -> name.endsWith("_HOST") && value.equals("0.0.0.0") ? "127.0.0.1" : value);
    env.put("RTX_HTTP_PORT", String.valueOf(http));
    env.put("RTX_MANAGEMENT_PORT", String.valueOf(management));
    env.put("RTX_FIXAPI_PORT", String.valueOf(Ports.free()));
    env.put("RTX_CLUSTER_PORT", String.valueOf(hazelcast));
    env.put("RTX_CLUSTER_EVENTBUS_PORT", String.valueOf(Ports.free()));
    env.put("RTX_CLUSTER_K8S_ENABLED", "false");
    env.put("RTX_CLUSTER_MEMBERS", "127.0.0.1:" + hazelcast);
    env.put("RTX_DATA_DIR", work.resolve("data").toString());
    // EngineProcess allows a generated key by default; prod must start from the mounted keys.
    env.put("RTX_AUTH_JWT_DEV_KEYS", "false");

    List<String> args = new ArrayList<>(pod.container().getArgs());
    args.addAll(List.of("--config", configFile.toString()));
    try (EngineProcess engine = EngineProcess.start(work, env, args.toArray(String[]::new))) {
      engine.awaitReady(http);
      JsonObject details = Http.json(Http.get(management, "/health/ready"));
      JsonObject roles = find(details, "configured");
      assertThat(roles).as("roles check in %s", details).isNotNull();
      Set<String> expected = new TreeSet<>(List.of(pod.roles().split(",")));
      assertThat(new TreeSet<>(List.of(roles.getString("deployed").split(","))))
        .as("every prod role deployed; output:\n%s", engine.output()).isEqualTo(expected);
      assertThat(new TreeSet<>(List.of(roles.getString("configured").split(",")))).isEqualTo(expected);
      if (secret.containsKey("RTX_REDIS_PASSWORD")) {
        com.rtx.support.Eventually.await("redis check UP with the Secret's password", Duration.ofSeconds(30),
          () -> Http.status(management, "/health/dependencies/redis") == 200);
      }
      assertThat(engine.output()).as("signs with the mounted key, never a generated one")
        .doesNotContain("development signing key");
      secret.forEach((name, value) -> {
        if (name.contains("PASSWORD") || name.contains("password") || name.contains("KEY")) {
          assertThat(engine.output()).as("%s not in the log", name).doesNotContain(value);
        }
      });

      engine.terminate();
      assertThat(engine.exitCode(Duration.ofSeconds(90))).as("exit code after SIGTERM; output:\n%s", engine.output())
        .isZero();
    }
  }

  /** A container env var's value as the kubelet resolves it; null when it would be unset. */
  private static String resolve(EnvVar var, Map<String, String> secret) {
    if (var.getValue() != null) {
      return var.getValue();
    }
    var from = var.getValueFrom();
    assertThat(from).as("env %s has a value or valueFrom", var.getName()).isNotNull();
    if (from.getFieldRef() != null) {
      return switch (from.getFieldRef().getFieldPath()) {
        case "metadata.namespace" -> NAMESPACE;
        case "status.podIP" -> "127.0.0.1";
        default -> throw new AssertionError("env " + var.getName() + ": unhandled field " + from.getFieldRef().getFieldPath());
      };
    }
    if (from.getSecretKeyRef() != null) {
      // Optional Secrets outside rtx-secrets (Sentry) are absent here, as in a cluster without them.
      assertThat(from.getSecretKeyRef().getOptional()).as("env %s from a Secret the test does not provide", var.getName())
        .isTrue();
      return null;
    }
    throw new AssertionError("env " + var.getName() + ": unhandled valueFrom " + from);
  }

  /** Paths under a mount point moved to the test's directory for that mount. */
  private static String remap(String value, Map<String, Path> mounts) {
    for (Map.Entry<String, Path> mount : mounts.entrySet()) {
      if (value.equals(mount.getKey()) || value.startsWith(mount.getKey() + "/")) {
        return mount.getValue() + value.substring(mount.getKey().length());
      }
    }
    return value;
  }

  private static JsonObject find(Object node, String field) {
    if (node instanceof JsonObject object) {
      if (object.containsKey(field)) {
        return object;
      }
      for (Map.Entry<String, Object> entry : object) {
        JsonObject found = find(entry.getValue(), field);
        if (found != null) {
          return found;
        }
      }
    } else if (node instanceof io.vertx.core.json.JsonArray array) {
      for (Object item : array) {
        JsonObject found = find(item, field);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The live colour's engine container, rtx-config and the keys of rtx-secrets of the prod overlay. */
  record ProdPod(Container container, Map<String, String> configMap, List<String> secretKeys) {

    String roles() {
      return container.getEnv().stream().filter(e -> e.getName().equals("RTX_ROLES")).findFirst()
        .orElseThrow().getValue();
    }

    static ProdPod render() throws Exception {
      DeploymentManifestsTest.Rendered r = DeploymentManifestsTest.render("prod");
      Map<String, String> config = new LinkedHashMap<>(r.one(ConfigMap.class, "rtx-config").getData());
      Deployment deployment;
      if (r.byKubectl()) {
        String live = config.get("RTX_LIVE_COLOUR");
        assertThat(live).as("prod rtx-config RTX_LIVE_COLOUR").isNotBlank();
        deployment = r.one(Deployment.class, "rtx-" + live);
      } else {
        deployment = r.one(Deployment.class, "rtx-engine");
        applyProdPatches(deployment, config);
      }
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      GenericKubernetesResource secrets = r.custom("ExternalSecret").stream()
        .filter(e -> e.getMetadata().getName().equals("rtx-secrets")).findFirst().orElseThrow();
      List<String> keys = new ArrayList<>();
      for (JsonNode entry : DeploymentManifestsTest.JSON.valueToTree(secrets.getAdditionalProperties().get("spec")).path("data")) {
        keys.add(entry.path("secretKey").asText());
      }
      return new ProdPod(container, config, keys);
    }

    /**
     * Without kubectl: the prod overlay's engine patch (env merged by name, as a strategic merge
     * does) and its JSON patches of rtx-config ({@code /data/KEY}).
     */
    private static void applyProdPatches(Deployment deployment, Map<String, String> config) throws Exception {
      Path overlay = DeploymentManifestsTest.K8S.resolve("overlays/prod");
      JsonNode kustomization = DeploymentManifestsTest.YAML.readTree(overlay.resolve("kustomization.yaml").toFile());
      Container engine = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      for (JsonNode patch : kustomization.path("patches")) {
        String kind = patch.path("target").path("kind").asText();
        if (kind.equals("Deployment") && patch.has("path")) {
          JsonNode file = DeploymentManifestsTest.YAML.readTree(overlay.resolve(patch.path("path").asText()).toFile());
          for (JsonNode var : file.path("spec").path("template").path("spec").path("containers").get(0).path("env")) {
            engine.getEnv().removeIf(e -> e.getName().equals(var.path("name").asText()));
            engine.getEnv().add(DeploymentManifestsTest.JSON.treeToValue(var, EnvVar.class));
          }
        } else if (kind.equals("ConfigMap") && patch.path("target").path("name").asText().equals("rtx-config")) {
          for (JsonNode op : DeploymentManifestsTest.YAML.readTree(patch.path("patch").asText())) {
            String path = op.path("path").asText();
            assertThat(path).startsWith("/data/");
            config.put(path.substring("/data/".length()), op.path("value").asText());
          }
        }
      }
    }
  }
}
