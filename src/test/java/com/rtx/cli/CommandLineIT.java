package com.rtx.cli;

import com.rtx.platform.BuildInfo;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.EngineProcess;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static com.rtx.support.EngineProcess.env;
import static org.assertj.core.api.Assertions.assertThat;

/** The jar's command line as an operator meets it: exit codes and messages. */
@Timeout(300)
class CommandLineIT {

  @TempDir
  Path dir;

  @Test
  void unknownFlagPrintsUsageNamingItAndExits2() {
    EngineProcess rtx = EngineProcess.run(dir, Map.of(), "run", "--bogus");

    assertThat(rtx.exitCode()).isEqualTo(2);
    assertThat(rtx.output()).contains("Unknown option: '--bogus'").contains("Usage: rtx run");
  }

  @Test
  void unknownRolePrintsUsageNamingItAndExits2() {
    EngineProcess rtx = EngineProcess.run(dir, Map.of(), "run", "--roles", "gateway,matcher");

    assertThat(rtx.exitCode()).isEqualTo(2);
    assertThat(rtx.output()).contains("Unknown role: 'matcher'").contains("Usage: rtx run");
  }

  @Test
  void unknownSubcommandExits2() {
    EngineProcess rtx = EngineProcess.run(dir, Map.of(), "launch");

    assertThat(rtx.exitCode()).isEqualTo(2);
    assertThat(rtx.output()).contains("'launch'").contains("Did you mean: rtx run?");
  }

  @Test
  void versionPrintsVersionAndCommit() {
    EngineProcess rtx = EngineProcess.run(dir, Map.of(), "version");

    assertThat(rtx.exitCode()).isZero();
    assertThat(rtx.output()).contains("rtx-engine " + BuildInfo.current().version() + " (commit ");
  }

  @Test
  void badEnvironmentValueStopsWithExit2NamingKeyAndSource() {
    EngineProcess rtx = EngineProcess.run(dir, env("RTX_HTTP_PORT", "eighty", "RTX_PG_POOL_SIZE", "0"), "run");

    assertThat(rtx.exitCode()).isEqualTo(2);
    assertThat(rtx.output())
      .contains("http.port (from environment variable RTX_HTTP_PORT): must be a whole number, got \"eighty\"")
      .contains("pg.pool-size (from environment variable RTX_PG_POOL_SIZE)");
  }

  @Test
  void malformedConfigFileStopsWithExit2NamingFileAndLine() throws IOException {
    Path file = dir.resolve("rtx.json");
    Files.writeString(file, "{\n  \"http\": {\n    \"port\": 8080\n  \n}\n");

    EngineProcess rtx = EngineProcess.run(dir, Map.of(), "run", "--config", file.toString());

    assertThat(rtx.exitCode()).isEqualTo(2);
    assertThat(rtx.output()).contains("malformed JSON in configuration file " + file + " line 6");
  }

  @Test
  void portInUseStopsWithExit2NamingThePort() throws IOException {
    PgTarget database = TestInfra.migratedDatabase();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      EngineProcess rtx = EngineProcess.run(dir, env("RTX_HTTP_PORT", String.valueOf(port),
        "RTX_PG_URL", TestInfra.url(database), "RTX_REDIS_URL", TestInfra.redisUrl(), "RTX_ROLES", "gateway"), "run");

      assertThat(rtx.exitCode()).isEqualTo(2);
      assertThat(rtx.output()).contains("port " + port + " on 127.0.0.1 is already in use (http.port)");
    } finally {
      TestInfra.drop(database);
    }
  }

  @Test
  void jsonLogFormatWritesOneJsonObjectPerLine() {
    EngineProcess rtx = EngineProcess.run(dir, env("RTX_LOG_FORMAT", "json", "RTX_HTTP_PORT", "0"), "run");

    assertThat(rtx.exitCode()).isEqualTo(2);
    String line = rtx.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
    JsonObject event = new JsonObject(line);
    assertThat(event.getString("level")).isEqualTo("ERROR");
    assertThat(event.getString("message")).contains("http.port");
  }

  @Test
  void migrateStatusUpdateAndRollbackAgainstTheConfiguredDatabase() {
    PgTarget database = TestInfra.emptyDatabase();
    try {
      Map<String, String> env = env("RTX_PG_URL", TestInfra.url(database));

      EngineProcess before = EngineProcess.run(dir, env, "migrate", "status");
      EngineProcess update = EngineProcess.run(dir, env, "migrate", "update");
      EngineProcess current = EngineProcess.run(dir, env, "migrate", "status");
      EngineProcess rollback = EngineProcess.run(dir, env, "migrate", "rollback", "--count", "1");
      EngineProcess after = EngineProcess.run(dir, env, "migrate", "status");
      EngineProcess noCount = EngineProcess.run(dir, env, "migrate", "rollback");

      assertThat(before.exitCode()).isZero();
      java.util.regex.Matcher pending = java.util.regex.Pattern.compile("0 applied, (\\d+) pending").matcher(before.output());
      assertThat(pending.find()).as(before.output()).isTrue();
      int changeSets = Integer.parseInt(pending.group(1));
      // No demo data against a configured database (demo.enabled=auto).
      assertThat(before.output()).doesNotContain("0004-demo-market-data");
      assertThat(update.output()).contains("applied " + changeSets + " changesets");
      assertThat(current.output()).contains(changeSets + " applied, 0 pending");
      assertThat(rollback.output()).contains("rolled back 1 changesets");
      assertThat(after.output()).contains((changeSets - 1) + " applied, 1 pending");
      assertThat(noCount.exitCode()).isEqualTo(2);
      assertThat(noCount.output()).contains("rollback needs --count N");
    } finally {
      TestInfra.drop(database);
    }
  }
}
