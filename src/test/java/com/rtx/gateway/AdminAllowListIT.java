package com.rtx.gateway;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Http;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code http.admin-allow-cidrs}: the staff API refuses connections from outside the list, before anything else. */
@Timeout(120)
class AdminAllowListIT {

  private static PgTarget database;
  private static Engine engine;
  private static int port;

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    // Loopback (where this test connects from) is outside the list.
    TestEngine test = TestEngine.on(database).env("RTX_HTTP_ADMIN_ALLOW_CIDRS", "10.0.0.0/8,2001:db8::/32");
    port = test.httpPort();
    engine = test.start();
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @Test
  void staffApiFromAnAddressOutsideTheListIs403BeforeAuthenticationOrValidation() {
    HttpResponse<String> login = Http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + port + "/api/admin/v1/auth/login"))
      .header("Content-Type", "application/json")
      .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
    HttpResponse<String> staff = Http.get(port, "/api/admin/v1/staff");

    for (HttpResponse<String> response : java.util.List.of(login, staff)) {
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(Http.json(response)).isEqualTo(new JsonObject().put("error", new JsonObject()
        .put("code", "SOURCE_NOT_ALLOWED").put("message", "the staff API is not available from this address")
        .putNull("field")));
    }
  }

  @Test
  void tradersApiAndProbesAreNotAffected() {
    assertThat(Http.status(port, "/health/ready")).isEqualTo(200);
    assertThat(Http.get(port, "/api/v1/accounts").statusCode()).isEqualTo(401);
  }
}
