package com.rtx.platform.cluster;

import com.rtx.platform.config.ClusterConfig;
import com.rtx.support.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two clustered Vert.x nodes on loopback (free Hazelcast and event-bus ports) whose event bus runs
 * the engine's mutual TLS: a request crosses it, and a client without the cluster's certificate
 * cannot complete a handshake with a node's bus port.
 */
@Timeout(120)
class ClusterTlsIT {

  private static Vertx first;
  private static Vertx second;
  private static int secondBusPort;
  private static SelfSignedCertificate certificate;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    certificate = SelfSignedCertificate.create("rtx-cluster");
    // One self-signed certificate is every node's certificate and the CA they trust.
    ClusterConfig.Tls tls = new ClusterConfig.Tls(Path.of(certificate.certificatePath()),
      Path.of(certificate.privateKeyPath()), Path.of(certificate.certificatePath()));
    int hz1 = Ports.free();
    int hz2 = Ports.free();
    List<String> members = List.of("127.0.0.1:" + hz1, "127.0.0.1:" + hz2);
    secondBusPort = Ports.free();
    first = node(new ClusterConfig(true, "127.0.0.1", hz1, members, false, Optional.empty(), Optional.empty(),
      Ports.free(), Optional.of(tls)));
    second = node(new ClusterConfig(true, "127.0.0.1", hz2, members, false, Optional.empty(), Optional.empty(),
      secondBusPort, Optional.of(tls)));
  }

  private static Vertx node(ClusterConfig cluster) throws Exception {
    return Vertx.builder()
      .with(new VertxOptions().setEventBusOptions(HazelcastClusterFactory.eventBusOptions(cluster)))
      .withClusterManager(HazelcastClusterFactory.create(cluster))
      .buildClustered().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopNodes() throws Exception {
    for (Vertx vertx : new Vertx[] {second, first}) {
      if (vertx != null) {
        vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aRequestCrossesTheTlsEventBus() throws Exception {
    second.eventBus().<String>consumer("rtx.test.tls", m -> m.reply("pong " + m.body()))
      .completion().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    String reply = first.eventBus().<String>request("rtx.test.tls", "ping").map(m -> m.body())
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(reply).isEqualTo("pong ping");
  }

  @Test
  void aPeerWithoutTheClusterCertificateIsRefused() throws Exception {
    var client = first.createNetClient(new NetClientOptions().setSsl(true).setTrustAll(true)
      .setHostnameVerificationAlgorithm(""));
    try {
      // The handshake needs a client certificate (ClientAuth.REQUIRED): connecting fails, or the
      // server closes the socket right after it.
      var closed = client.connect(secondBusPort, "127.0.0.1")
        .compose(socket -> {
          io.vertx.core.Promise<Void> gone = io.vertx.core.Promise.promise();
          socket.closeHandler(v -> gone.tryComplete());
          socket.write("garbage");
          return gone.future();
        })
        .transform(ar -> io.vertx.core.Future.succeededFuture(ar.succeeded() ? "closed" : "refused"));
      assertThat(closed.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)).isIn("closed", "refused");
    } finally {
      client.close();
    }
  }

  @Test
  void aPeerWithTheClusterCertificateCompletesTheHandshake() throws Exception {
    // The control for the test above: the bus port does speak TLS, to those with the certificate.
    var client = first.createNetClient(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("")
      .setKeyCertOptions(certificate.keyCertOptions()).setTrustOptions(certificate.trustOptions()));
    try {
      var socket = client.connect(secondBusPort, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
      assertThat(socket.isSsl()).isTrue();
      socket.close();
    } finally {
      client.close();
    }
  }
}
