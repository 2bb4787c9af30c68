package com.rtx.cli;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.EngineProcess;
import com.rtx.support.Http;
import com.rtx.support.Eventually;
import com.rtx.support.Ports;
import com.rtx.support.TestInfra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.rtx.support.EngineProcess.env;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar with its embedded PostgreSQL and Redis, as a developer runs it: killed with
 * {@code kill -9} and started again (the orphaned servers are found, stopped and replaced, the data
 * is intact), then stopped with SIGTERM (exit 0, nothing left running).
 */
@Timeout(600)
class EngineLifecycleIT {

  @TempDir
  Path dir;

  @Test
  void killNineThenRestartThenSigtermLeavesNothingBehind() throws Exception {
    Path dataDir = dir.resolve("data");
    int httpPort = Ports.free();
    Map<String, String> env = env("RTX_DATA_DIR", dataDir.toString(), "RTX_HTTP_PORT", String.valueOf(httpPort),
      "RTX_LPSIM_PORT", String.valueOf(Ports.free()), "RTX_LPSIM_CONTROL_PORT", String.valueOf(Ports.free()));

    // No arguments at all: `run` with every role.
    EngineProcess first = EngineProcess.start(dir, env);
    first.awaitReady(httpPort);
    long orphanPg = pid(dataDir.resolve("pg/postmaster.pid"));
    long orphanRedis = pid(dataDir.resolve("redis/redis.pid"));

    first.kill9();
    assertThat(ProcessHandle.of(orphanPg).map(ProcessHandle::isAlive)).as("postgres outlives kill -9").contains(true);
    assertThat(ProcessHandle.of(orphanRedis).map(ProcessHandle::isAlive)).as("redis outlives kill -9").contains(true);

    try (EngineProcess second = EngineProcess.start(dir, env, "run")) {
      second.awaitReady(httpPort);
      assertThat(alive(orphanPg)).as("orphaned postgres stopped").isFalse();
      assertThat(alive(orphanRedis)).as("orphaned redis stopped").isFalse();
      long pg = pid(dataDir.resolve("pg/postmaster.pid"));
      long redis = pid(dataDir.resolve("redis/redis.pid"));
      assertThat(pg).isNotEqualTo(orphanPg);

      // The development default is a working price stream: demo data, simulator, pricing, gateway.
      Eventually.await("EURUSD quoted over REST", Duration.ofSeconds(60), () ->
        Http.status(httpPort, "/api/v1/quotes?symbols=EURUSD") == 200
          && Http.json(Http.get(httpPort, "/api/v1/quotes?symbols=EURUSD")).getJsonArray("quotes").size() == 1);

      // Data intact: both runs are recorded; the killed one never recorded a stop.
      List<Boolean> stoppedFlags = engineRuns(dataDir);
      assertThat(stoppedFlags).containsExactly(false, false);

      second.terminate();
      assertThat(second.exitCode()).isZero();
      assertThat(second.output()).contains("RTX engine stopping").contains("role gateway undeployed")
        .contains("role pricing undeployed").contains("role lp-sim undeployed")
        .contains("stopped embedded PostgreSQL").contains("RTX engine stopped");
      Eventually.await("embedded servers gone", Duration.ofSeconds(30), () -> !alive(pg) && !alive(redis));
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static long pid(Path pidFile) throws IOException {
    return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
  }

  /** Reads engine_instance through the live embedded server (its port is line 4 of postmaster.pid). */
  private static List<Boolean> engineRuns(Path dataDir) throws Exception {
    int port = Integer.parseInt(Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(3).trim());
    PgTarget rtx = new PgTarget("127.0.0.1", port, "rtx", "postgres", null);
    try (Connection c = TestInfra.connect(rtx);
         ResultSet rs = c.createStatement().executeQuery(
           "SELECT stopped_at IS NOT NULL FROM engine_instance ORDER BY started_at")) {
      List<Boolean> flags = new java.util.ArrayList<>();
      while (rs.next()) {
        flags.add(rs.getBoolean(1));
      }
      return flags;
    }
  }
}
