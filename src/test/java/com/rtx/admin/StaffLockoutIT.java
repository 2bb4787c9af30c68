package com.rtx.admin;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Http;
import com.rtx.support.MutableClock;
import com.rtx.support.TcpProxy;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff lockout without Redis: attempts are counted in PostgreSQL ({@code staff_login_attempt}), so
 * a guessing attack is still stopped after {@code admin.lockout-failures} while Redis does not answer.
 */
@Timeout(120)
class StaffLockoutIT {

  private static final String PASSWORD = "lockout-Pa55word";
  private static PgTarget database;
  private static Engine engine;
  private static TcpProxy redis;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "admin,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD).env("RTX_ADMIN_LOCKOUT_FAILURES", "3");
    URI url = URI.create(test.redisUrl());
    redis = new TcpProxy(url.getHost(), url.getPort());
    test.env("RTX_REDIS_URL", "redis://127.0.0.1:" + redis.port() + url.getPath());
    port = test.httpPort();
    engine = test.start(new MutableClock());
  }

  @AfterAll
  static void stop() throws Exception {
    if (engine != null) {
      engine.stop();
    }
    redis.close();
    TestInfra.drop(database);
  }

  private static HttpResponse<String> login(String password) {
    return Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/v1/auth/login"))
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
        new JsonObject().put("username", "dealer").put("password", password).encode())));
  }

  @Test
  void withRedisDownFailedLoginsStillLockTheAccount() {
    redis.cut();
    try {
      for (int i = 0; i < 3; i++) {
        assertThat(login("wrong-" + i).statusCode()).isEqualTo(401);
      }
      HttpResponse<String> locked = login(PASSWORD);
      assertThat(locked.statusCode()).as(locked.body()).isEqualTo(403);
      assertThat(Http.json(locked).getJsonObject("error").getString("code")).isEqualTo("LOGIN_LOCKED");
    } finally {
      redis.restore();
    }
  }
}
