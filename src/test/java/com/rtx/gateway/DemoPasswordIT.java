package com.rtx.gateway;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Http;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo mode without RTX_DEMO_PASSWORD and without configured signing keys: the demo password and
 * the development key are generated once, kept owner-only under data-dir, and reused by the next
 * start (sessions survive a restart).
 */
@Timeout(120)
class DemoPasswordIT {

  private PgTarget database;
  private Engine engine;

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @Test
  void generatedOnceKeptOwnerOnlyAndReusedAfterRestart() throws Exception {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_DEMO_ENABLED", "true");
    ch.qos.logback.classic.Logger demoLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
      .getLogger(com.rtx.auth.DemoPasswords.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
      new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    demoLog.addAppender(lines);
    try {
      engine = test.start();
    } finally {
      demoLog.detachAppender(lines);
    }
    Path passwordFile = test.dataDir().resolve("demo-password");
    Path keyFile = test.dataDir().resolve("keys/jwt-dev.json");
    String password = Files.readString(passwordFile).trim();
    String accessToken = login(test.httpPort(), "trader2", password).getString("accessToken");

    assertThat(password).hasSize(16);
    // A configured PostgreSQL is not embedded mode: the log names the file, never the password.
    assertThat(lines.list).isNotEmpty().allSatisfy(line -> assertThat(line.getFormattedMessage()).doesNotContain(password));
    assertThat(lines.list).anySatisfy(line -> assertThat(line.getFormattedMessage()).contains("demo-password"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    String key = Files.readString(keyFile);

    engine.stop();
    engine = test.start();

    assertThat(Files.readString(passwordFile).trim()).isEqualTo(password);
    assertThat(Files.readString(keyFile)).isEqualTo(key);
    assertThat(Http.get(test.httpPort(), "/api/v1/accounts", "Authorization", "Bearer " + accessToken).statusCode())
      .isEqualTo(200);
  }

  private static JsonObject login(int port, String username, String password) {
    var response = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
      .header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", username).put("password", password).encode())));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response);
  }
}
