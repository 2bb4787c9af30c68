package com.rtx.platform.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hazelcast cluster membership (loopback TCP-IP join, or Kubernetes discovery) and the clustered
 * event bus.
 *
 * @param eventBusPort the port the clustered event bus listens on; 0 = any free port (loopback
 *                     development only: a NetworkPolicy can only open a fixed port)
 * @param tls          TLS of the clustered event bus; empty = plain TCP
 */
public record ClusterConfig(boolean enabled, String host, int port, List<String> members,
                            boolean kubernetes, Optional<String> kubernetesServiceName,
                            Optional<String> kubernetesNamespace, int eventBusPort, Optional<Tls> tls) {

  /** A cluster without event-bus TLS on any free event-bus port (tests, loopback development). */
  public ClusterConfig(boolean enabled, String host, int port, List<String> members, boolean kubernetes,
                       Optional<String> kubernetesServiceName, Optional<String> kubernetesNamespace) {
    this(enabled, host, port, members, kubernetes, kubernetesServiceName, kubernetesNamespace, 0, Optional.empty());
  }

  /**
   * PEM files (mounted from a Secret) for mutual TLS between engine nodes' event buses: this
   * node's certificate chain and private key, and the CA that signed every node's certificate.
   */
  public record Tls(Path cert, Path key, Path ca) {
  }

  static ClusterConfig parse(ConfigReader in) {
    return new ClusterConfig(in.bool("cluster.enabled"), in.string("cluster.host"), in.port("cluster.port"),
      in.list("cluster.members"), in.bool("cluster.kubernetes.enabled"),
      Optional.ofNullable(in.optionalString("cluster.kubernetes.service-name")),
      Optional.ofNullable(in.optionalString("cluster.kubernetes.namespace")),
      in.intValue("cluster.eventbus-port", 0, 65535), clusterTls(in));
  }

  /** All three PEM files when TLS is on; TLS on a cluster without them is a configuration error. */
  private static Optional<Tls> clusterTls(ConfigReader in) {
    if (!in.bool("cluster.tls.enabled")) {
      return Optional.empty();
    }
    List<Path> files = new ArrayList<>();
    for (String key : List.of("cluster.tls.cert", "cluster.tls.key", "cluster.tls.ca")) {
      String path = in.optionalString(key);
      if (path == null || path.isBlank()) {
        in.problem(key, "must name a PEM file when cluster.tls.enabled is true");
        return Optional.empty();
      }
      files.add(Path.of(path));
    }
    return Optional.of(new Tls(files.get(0), files.get(1), files.get(2)));
  }
}
