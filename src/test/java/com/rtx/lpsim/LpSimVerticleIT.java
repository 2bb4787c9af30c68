package com.rtx.lpsim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deployment of the {@code lp-sim} role when its ports are taken: a clear failure and nothing left open. */
@Timeout(60)
class LpSimVerticleIT {

  @Test
  void takenFixPortFailsTheDeploymentNamingTheKey() throws Exception {
    try (SimulatorFixture simulator = SimulatorFixture.create();
         ServerSocket squatter = new ServerSocket(simulator.fixPort, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> simulator.deploy().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("lpsim.port")
        .hasMessageContaining(String.valueOf(simulator.fixPort));
    }
  }

  @Test
  void takenControlPortFailsTheDeploymentAndReleasesTheFixPort() throws Exception {
    try (SimulatorFixture simulator = SimulatorFixture.create()) {
      try (ServerSocket squatter = new ServerSocket(simulator.controlPort, 1, InetAddress.getLoopbackAddress())) {
        assertThatThrownBy(() -> simulator.deploy().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("lpsim.control-port");
      }
      try (ServerSocket fixPortAgain = new ServerSocket(simulator.fixPort, 1, InetAddress.getLoopbackAddress())) {
        assertThat(fixPortAgain.isBound()).isTrue();
      }
    }
  }
}
