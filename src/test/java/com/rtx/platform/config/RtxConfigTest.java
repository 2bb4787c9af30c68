package com.rtx.platform.config;

import com.rtx.platform.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtxConfigTest {

  private static final Set<Role> AVAILABLE = EnumSet.of(Role.GATEWAY);

  @TempDir
  Path dir;

  private LayeredConfig load(Path file, Map<String, String> env, JsonObject cli) {
    LayeredConfig local = new ConfigLoader(null, new ConfigSources(file, false, env, cli)).loadLocalLayers();
    return local.with(new ConfigLayer("command line", cli));
  }

  private Path file(String json) throws IOException {
    Path file = dir.resolve("rtx.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void defaultsGiveLoopbackPortsEmbeddedServersAndEveryAvailableRole() {
    RtxConfig config = RtxConfig.parse(load(dir.resolve("absent.json"), Map.of(), new JsonObject()), AVAILABLE);

    assertThat(config.http()).isEqualTo(new Endpoint("127.0.0.1", 8080));
    assertThat(config.fixapi().port()).isEqualTo(9878);
    assertThat(config.lpsim().fix().port()).isEqualTo(9880);
    assertThat(config.pg().url()).isEmpty();
    assertThat(config.redis().url()).isEmpty();
    assertThat(config.migrateOnStart()).isTrue();
    assertThat(config.cluster().enabled()).isFalse();
    assertThat(config.roles()).containsExactly(Role.GATEWAY);
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
  }

  @Test
  void laterLayersWinFileOverDefaultsEnvironmentOverFileCommandLineOverAll() throws IOException {
    Path file = file("{\"http\": {\"port\": 8100, \"host\": \"127.0.0.2\"}, \"pg\": {\"pool-size\": 4}, \"roles\": \"lp-sim\"}");
    Map<String, String> env = Map.of("RTX_HTTP_PORT", "8200", "RTX_PG_URL", "postgresql://rtx:s3cret@db:5432/rtx");
    LayeredConfig layered = load(file, env, new JsonObject().put("roles", "gateway"));

    RtxConfig config = RtxConfig.parse(layered, AVAILABLE);

    assertThat(config.http()).isEqualTo(new Endpoint("127.0.0.2", 8200));
    assertThat(config.pg().poolSize()).isEqualTo(4);
    assertThat(config.pg().url()).contains("postgresql://rtx:s3cret@db:5432/rtx");
    assertThat(config.roles()).containsExactly(Role.GATEWAY);
    assertThat(layered.sourceOf("http.port")).isEqualTo("environment variable RTX_HTTP_PORT");
    assertThat(layered.sourceOf("http.host")).isEqualTo("file " + file);
    assertThat(layered.sourceOf("shutdown.grace-ms")).startsWith("defaults");
    assertThat(layered.sourceOf("roles")).isEqualTo("command line");
  }

  @Test
  void badValueNamesKeyAndSourceAndEveryProblemIsReportedAtOnce() throws IOException {
    Path file = file("{\"pg\": {\"pool-size\": 0}}");
    LayeredConfig layered = load(file, Map.of("RTX_HTTP_PORT", "eighty", "RTX_CLUSTER_ENABLED", "yes"), new JsonObject());

    assertThatThrownBy(() -> RtxConfig.parse(layered, AVAILABLE))
      .isInstanceOf(ConfigException.class)
      .satisfies(e -> assertThat(((ConfigException) e).problems())
        .extracting(ConfigProblem::key, ConfigProblem::source)
        .containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple("http.port", "environment variable RTX_HTTP_PORT"),
          org.assertj.core.groups.Tuple.tuple("cluster.enabled", "environment variable RTX_CLUSTER_ENABLED"),
          org.assertj.core.groups.Tuple.tuple("pg.pool-size", "file " + file)))
      .hasMessageContaining("http.port (from environment variable RTX_HTTP_PORT): must be a whole number, got \"eighty\"");
  }

  /** Each slice validates its own keys; the problems of all of them come back together, in key order of the slices. */
  @Test
  void everySliceReportsItsProblemsInOneRound() throws IOException {
    Path file = file("{\"dealing\": {\"shards\": 0, \"holidays\": \"2026-13-01\"}, \"router\": {\"reconnect-s\": \"1,0\"},"
      + " \"toxicity\": {\"horizons-ms\": \"5,1,9\"}, \"admin\": {\"four-eyes-amount\": \"-1\"},"
      + " \"auth\": {\"access-token-ttl-s\": 1}, \"pricing\": {\"stale-ms\": 0}}");
    LayeredConfig layered = load(file, Map.of(), new JsonObject());

    assertThatThrownBy(() -> RtxConfig.parse(layered, AVAILABLE))
      .isInstanceOf(ConfigException.class)
      .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::key).containsExactly(
        "pricing.stale-ms", "dealing.shards", "dealing.holidays", "router.reconnect-s", "auth.access-token-ttl-s",
        "admin.four-eyes-amount", "toxicity.horizons-ms"))
      .hasMessageContaining("dealing.holidays (from file " + file + "): '2026-13-01' is not a date (YYYY-MM-DD)");
  }

  @Test
  void portOutOfRangeIsRejected() {
    LayeredConfig layered = load(dir.resolve("absent.json"), Map.of("RTX_HTTP_PORT", "70000"), new JsonObject());

    assertThatThrownBy(() -> RtxConfig.parse(layered, AVAILABLE))
      .hasMessageContaining("http.port").hasMessageContaining("between 1 and 65535, got 70000");
  }

  @Test
  void malformedJsonNamesFileAndLine() throws IOException {
    Path file = file("{\n  \"http\": {\n    \"port\": 8080,,\n  }\n}\n");

    assertThatThrownBy(() -> load(file, Map.of(), new JsonObject()))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining(file.toString())
      .hasMessageContaining("line 3");
  }

  @Test
  void explicitConfigFileMustExist() {
    Path missing = dir.resolve("missing.json");
    ConfigLoader loader = new ConfigLoader(null, ConfigSources.of(missing, Map.of(), new JsonObject()));

    assertThatThrownBy(loader::loadLocalLayers).hasMessageContaining(missing + " (from --config) does not exist");
  }

  @Test
  void unknownKeyIsRejectedWithItsSource() throws IOException {
    Path file = file("{\"http\": {\"prot\": 8080}}");

    assertThatThrownBy(() -> RtxConfig.parse(load(file, Map.of(), new JsonObject()), AVAILABLE))
      .hasMessageContaining("http.prot (from file " + file + "): unknown configuration key");
  }

  @Test
  void unknownAndUnavailableRolesAreRejected() {
    LayeredConfig unknown = load(dir.resolve("absent.json"), Map.of("RTX_ROLES", "gateway,matcher"), new JsonObject());
    LayeredConfig unavailable = load(dir.resolve("absent.json"), Map.of("RTX_ROLES", "gateway,pricing"), new JsonObject());

    assertThatThrownBy(() -> RtxConfig.parse(unknown, AVAILABLE)).hasMessageContaining("unknown role matcher");
    assertThatThrownBy(() -> RtxConfig.parse(unavailable, AVAILABLE))
      .hasMessageContaining("role 'pricing' is not available in this build");
  }

  @Test
  void urlsMustUseTheirScheme() {
    LayeredConfig layered = load(dir.resolve("absent.json"),
      Map.of("RTX_PG_URL", "mysql://root:pw@db/rtx", "RTX_REDIS_URL", "http://cache"), new JsonObject());

    assertThatThrownBy(() -> RtxConfig.parse(layered, AVAILABLE))
      .hasMessageContaining("pg.url (from environment variable RTX_PG_URL)")
      .hasMessageContaining("mysql://root:****@db/rtx")
      .hasMessageContaining("redis.url (from environment variable RTX_REDIS_URL)")
      .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw@"));
  }

  @Test
  void kubernetesDataKeyedByVariableOrDottedKeyBecomesNestedConfig() {
    JsonObject data = new JsonObject().put("RTX_PG_PASSWORD", "x").put("http.port", "9000");

    assertThat(EnvMapping.fromKubernetesData(data)).isEqualTo(new JsonObject()
      .put("pg", new JsonObject().put("password", "x"))
      .put("http", new JsonObject().put("port", "9000")));
    assertThat(ConfigLoader.kubernetesStores("trading"))
      .extracting(s -> s.getConfig().getString("name"))
      .containsExactly("rtx-config", "rtx-secrets");
    assertThat(ConfigLoader.kubernetesStores("trading").get(1).getConfig().getBoolean("secret")).isTrue();
  }

  @Test
  void changedKeysListsEffectiveDifferences() throws IOException {
    LayeredConfig before = load(dir.resolve("absent.json"), Map.of(), new JsonObject());
    LayeredConfig after = load(file("{\"shutdown\": {\"grace-ms\": 1}}"), Map.of("RTX_HTTP_PORT", "8080"), new JsonObject());

    assertThat(before.changedKeys(after)).containsExactly("shutdown.grace-ms");
  }

  @Test
  void managementPortDefaultsToLoopback9090AndTakesItsEnvironmentVariables() {
    RtxConfig defaults = RtxConfig.parse(load(dir.resolve("absent.json"), Map.of(), new JsonObject()), AVAILABLE);
    RtxConfig set = RtxConfig.parse(load(dir.resolve("absent.json"), Map.of("RTX_MANAGEMENT_PORT", "9191",
      "RTX_MANAGEMENT_HOST", "0.0.0.0", "RTX_HTTP_ADMIN_ALLOW_CIDRS", "10.0.0.0/8, 192.168.1.7"), new JsonObject()), AVAILABLE);

    assertThat(defaults.management()).isEqualTo(new Endpoint("127.0.0.1", 9090));
    assertThat(defaults.adminAllowCidrs()).isEmpty();
    assertThat(set.management()).isEqualTo(new Endpoint("0.0.0.0", 9191));
    assertThat(set.adminAllowCidrs()).extracting(Cidr::toString).containsExactly("10.0.0.0/8", "192.168.1.7/32");
  }

  @Test
  void trustedProxiesAreEmptyByDefaultAndParsedAsAddressBlocks() {
    RtxConfig defaults = RtxConfig.parse(load(dir.resolve("absent.json"), Map.of(), new JsonObject()), AVAILABLE);
    RtxConfig set = RtxConfig.parse(load(dir.resolve("absent.json"), Map.of("RTX_HTTP_TRUSTED_PROXIES",
      "10.244.0.0/16, 2001:db8::/32"), new JsonObject()), AVAILABLE);
    LayeredConfig bad = load(dir.resolve("absent.json"), Map.of("RTX_HTTP_TRUSTED_PROXIES", "ingress.local"), new JsonObject());

    assertThat(defaults.trustedProxies()).isEmpty();
    assertThat(set.trustedProxies()).extracting(Cidr::toString).containsExactly("10.244.0.0/16", "2001:db8:0:0:0:0:0:0/32");
    assertThatThrownBy(() -> RtxConfig.parse(bad, AVAILABLE)).isInstanceOf(ConfigException.class)
      .hasMessageContaining("http.trusted-proxies");
  }

  @Test
  void badAdminAllowListIsAConfigurationError() {
    LayeredConfig layered = load(dir.resolve("absent.json"), Map.of("RTX_HTTP_ADMIN_ALLOW_CIDRS", "office"), new JsonObject());

    assertThatThrownBy(() -> RtxConfig.parse(layered, AVAILABLE)).isInstanceOf(ConfigException.class)
      .hasMessageContaining("http.admin-allow-cidrs").hasMessageContaining("'office' is not an IP address block");
  }

  @Test
  void demoDataInKubernetesIsRefusedUnlessForced() {
    Map<String, String> env = Map.of("RTX_K8S_NAMESPACE", "rtx-staging", "RTX_DEMO_ENABLED", "true");

    assertThatThrownBy(() -> RtxConfig.parse(load(dir.resolve("absent.json"), env, new JsonObject()), AVAILABLE))
      .isInstanceOf(ConfigException.class).hasMessageContaining("demo.enabled")
      .hasMessageContaining("refused in Kubernetes");
    Map<String, String> forced = new java.util.HashMap<>(env);
    forced.put("RTX_DEMO_FORCE_IN_KUBERNETES", "true");
    assertThat(RtxConfig.parse(load(dir.resolve("absent.json"), forced, new JsonObject()), AVAILABLE).demoData()).isTrue();
  }

  @Test
  void clusterTlsNeedsItsThreePemFilesAndKubernetesAFixedEventBusPort() {
    Map<String, String> env = Map.of("RTX_CLUSTER_ENABLED", "true", "RTX_CLUSTER_TLS_ENABLED", "true",
      "RTX_CLUSTER_TLS_CERT", "/etc/rtx/cluster/tls.crt", "RTX_CLUSTER_K8S_ENABLED", "true");

    assertThatThrownBy(() -> RtxConfig.parse(load(dir.resolve("absent.json"), env, new JsonObject()), AVAILABLE))
      .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.tls.key")
      .hasMessageContaining("cluster.eventbus-port");
    RtxConfig config = RtxConfig.parse(load(dir.resolve("absent.json"), Map.of("RTX_CLUSTER_ENABLED", "true",
      "RTX_CLUSTER_TLS_ENABLED", "true", "RTX_CLUSTER_TLS_CERT", "/c.pem", "RTX_CLUSTER_TLS_KEY", "/k.pem",
      "RTX_CLUSTER_TLS_CA", "/ca.pem", "RTX_CLUSTER_EVENTBUS_PORT", "5710"), new JsonObject()), AVAILABLE);
    assertThat(config.cluster().eventBusPort()).isEqualTo(5710);
    assertThat(config.cluster().tls()).contains(new ClusterConfig.Tls(Path.of("/c.pem"), Path.of("/k.pem"),
      Path.of("/ca.pem")));
  }
}
