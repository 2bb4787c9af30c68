package com.rtx.platform.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.rtx.platform.config.ClusterConfig;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Builds the Hazelcast cluster manager from RTX configuration. Starts from Vert.x's own Hazelcast
 * config (it holds the settings of Vert.x's subscription maps) and then closes every door that
 * default opens: multicast off, auto-detection off, phone-home off, bound to {@code cluster.host}.
 * Members join over TCP-IP from {@code cluster.members}, or through Kubernetes discovery.
 */
public final class HazelcastClusterFactory {

  private HazelcastClusterFactory() {
  }

  public static HazelcastClusterManager create(ClusterConfig cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("rtx");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    // Members are listed explicitly, so there is nothing to wait for before joining.
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true).setPortCount(10);
    network.getInterfaces().setEnabled(true).clear().addInterface(cluster.host());
    network.setPublicAddress(null);

    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (cluster.kubernetes()) {
      join.getTcpIpConfig().setEnabled(false);
      var kubernetes = join.getKubernetesConfig().setEnabled(true);
      cluster.kubernetesServiceName().ifPresent(name -> kubernetes.setProperty("service-name", name));
      cluster.kubernetesNamespace().ifPresent(ns -> kubernetes.setProperty("namespace", ns));
      network.getInterfaces().setEnabled(false);
    } else {
      join.getKubernetesConfig().setEnabled(false);
      var tcpIp = join.getTcpIpConfig().setEnabled(true);
      tcpIp.getMembers().clear();
      cluster.members().forEach(tcpIp::addMember);
    }
    return new HazelcastClusterManager(config);
  }

  /**
   * The event bus of a clustered node listens on the cluster host and {@code cluster.eventbus-port}
   * (0: any free port, loopback development). With {@code cluster.tls} it runs mutual TLS: each
   * node presents its certificate and accepts only peers whose certificate the CA signed (Vert.x
   * does not verify host names on the bus, so the CA is the trust boundary: keep it private to
   * the cluster).
   */
  public static EventBusOptions eventBusOptions(ClusterConfig cluster) {
    EventBusOptions options = new EventBusOptions().setHost(cluster.host()).setClusterPublicHost(cluster.host())
      .setPort(cluster.eventBusPort());
    // EventBusOptions trusts every certificate by default (DEFAULT_TRUST_ALL): only the CA here.
    cluster.tls().ifPresent(tls -> options.setSsl(true)
      .setTrustAll(false)
      .setClientAuth(ClientAuth.REQUIRED)
      .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.cert().toString()).setKeyPath(tls.key().toString()))
      .setTrustOptions(new PemTrustOptions().addCertPath(tls.ca().toString())));
    return options;
  }
}
