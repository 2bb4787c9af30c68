package com.rtx.platform;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.Ports;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.eventbus.MessageConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two engines on 127.0.0.1 form a Hazelcast cluster and share one event bus. */
@Timeout(180)
class ClusterIT {

  private static PgTarget database;
  private static Engine first;
  private static Engine second;

  @BeforeAll
  static void startTwoNodes() {
    database = TestInfra.migratedDatabase();
    int port1 = Ports.free();
    int port2 = Ports.free();
    String members = "127.0.0.1:" + port1 + ",127.0.0.1:" + port2;
    first = node(port1, members).start();
    second = node(port2, members).start();
  }

  private static TestEngine node(int clusterPort, String members) {
    return TestEngine.on(database)
      .env("RTX_CLUSTER_ENABLED", "true")
      .env("RTX_CLUSTER_HOST", "127.0.0.1")
      .env("RTX_CLUSTER_PORT", String.valueOf(clusterPort))
      .env("RTX_CLUSTER_MEMBERS", members);
  }

  @AfterAll
  static void stopNodes() {
    if (second != null) {
      second.stop();
    }
    if (first != null) {
      first.stop();
    }
    TestInfra.drop(database);
  }

  @Test
  void bothNodesSeeEachOtherAsMembers() {
    assertThat(first.vertx().isClustered()).isTrue();
    assertThat(clusterSize(first)).isEqualTo(2);
    assertThat(clusterSize(second)).isEqualTo(2);
  }

  @Test
  void messagePublishedOnOneNodeReachesAConsumerOnTheOther() throws Exception {
    CompletableFuture<String> received = new CompletableFuture<>();
    MessageConsumer<String> consumer = second.vertx().eventBus()
      .<String>consumer("rtx.test.cluster", message -> received.complete(message.body()));
    consumer.completion().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    // The subscription reaches the other node's view asynchronously: publish until it arrives.
    long timer = first.vertx().setPeriodic(100, id -> first.vertx().eventBus().publish("rtx.test.cluster", "hello from node 1"));
    try {
      assertThat(received.get(60, TimeUnit.SECONDS)).isEqualTo("hello from node 1");
    } finally {
      first.vertx().cancelTimer(timer);
      consumer.unregister();
    }
  }

  private static int clusterSize(Engine engine) {
    var manager = (io.vertx.spi.cluster.hazelcast.HazelcastClusterManager)
      ((io.vertx.core.internal.VertxInternal) engine.vertx()).clusterManager();
    return manager.getNodes().size();
  }
}
