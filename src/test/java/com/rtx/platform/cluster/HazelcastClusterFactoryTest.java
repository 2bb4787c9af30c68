package com.rtx.platform.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.rtx.platform.config.ClusterConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HazelcastClusterFactoryTest {

  @Test
  void loopbackClusterJoinsByTcpIpWithMulticastAndPhoneHomeOff() {
    ClusterConfig cluster = new ClusterConfig(true, "127.0.0.1", 5801,
      List.of("127.0.0.1:5801", "127.0.0.1:5802"), false, Optional.empty(), Optional.empty());

    Config config = HazelcastClusterFactory.create(cluster).getConfig();
    JoinConfig join = config.getNetworkConfig().getJoin();

    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5801", "127.0.0.1:5802");
    assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isTrue();
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
    // Vert.x's subscription map settings survive.
    assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
    assertThat(HazelcastClusterFactory.eventBusOptions(cluster).getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void kubernetesDiscoveryReplacesTheMemberList() {
    ClusterConfig cluster = new ClusterConfig(true, "10.0.0.7", 5701, List.of("127.0.0.1"), true,
      Optional.of("rtx-cluster"), Optional.of("trading"));

    JoinConfig join = HazelcastClusterFactory.create(cluster).getConfig().getNetworkConfig().getJoin();

    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-name")).isEqualTo("rtx-cluster");
    assertThat(join.getKubernetesConfig().getProperty("namespace")).isEqualTo("trading");
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
  }

  @Test
  void eventBusIsPlainOnAnyFreePortWithoutTls() {
    ClusterConfig cluster = new ClusterConfig(true, "127.0.0.1", 5701, List.of("127.0.0.1"), false,
      Optional.empty(), Optional.empty());

    var options = HazelcastClusterFactory.eventBusOptions(cluster);

    assertThat(options.isSsl()).isFalse();
    assertThat(options.getPort()).isZero();
  }

  @Test
  void eventBusGetsMutualTlsFromThePemFilesAndTheFixedPort() {
    ClusterConfig cluster = new ClusterConfig(true, "10.0.0.7", 5701, List.of(), true, Optional.empty(),
      Optional.empty(), 5801, Optional.of(new ClusterConfig.Tls(java.nio.file.Path.of("/etc/rtx/cluster-tls/tls.crt"),
      java.nio.file.Path.of("/etc/rtx/cluster-tls/tls.key"), java.nio.file.Path.of("/etc/rtx/cluster-tls/ca.crt"))));

    var options = HazelcastClusterFactory.eventBusOptions(cluster);

    assertThat(options.getPort()).isEqualTo(5801);
    assertThat(options.getHost()).isEqualTo("10.0.0.7");
    assertThat(options.isSsl()).isTrue();
    assertThat(options.isTrustAll()).isFalse();
    assertThat(options.getClientAuth()).isEqualTo(io.vertx.core.http.ClientAuth.REQUIRED);
    assertThat(options.getKeyCertOptions()).isInstanceOfSatisfying(io.vertx.core.net.PemKeyCertOptions.class, pem -> {
      assertThat(pem.getCertPaths()).containsExactly("/etc/rtx/cluster-tls/tls.crt");
      assertThat(pem.getKeyPaths()).containsExactly("/etc/rtx/cluster-tls/tls.key");
    });
    assertThat(options.getTrustOptions()).isInstanceOfSatisfying(io.vertx.core.net.PemTrustOptions.class,
      pem -> assertThat(pem.getCertPaths()).containsExactly("/etc/rtx/cluster-tls/ca.crt"));
  }
}
