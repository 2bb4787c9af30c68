package com.rtx.admin;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.MutableClock;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing internal leaks from the admin API: text PostgreSQL refuses is a 400 naming the field. */
@Timeout(120)
class AdminInputIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static PgTarget database;
  private static Engine engine;
  private static AdminClient api;

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "admin,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD);
    engine = test.start(new MutableClock());
    api = new AdminClient(test.httpPort(), database);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  private static void refusedNaming(HttpResponse<String> response, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).doesNotContainIgnoringCase("UTF8").doesNotContainIgnoringCase("byte sequence")
      .doesNotContain("0x00");
    assertThat(new io.vertx.core.json.JsonObject(response.body()).getJsonObject("error").getString("field"))
      .isEqualTo(field);
  }

  @Test
  void aNulInAStaffLoginIsA400NamingTheField() {
    refusedNaming(api.raw("POST", "/api/admin/v1/auth/login", "{\"username\":\"ad\\u0000min\",\"password\":\"x\"}",
      null, "in-" + UUID.randomUUID()), "username");
    refusedNaming(api.raw("POST", "/api/admin/v1/auth/login", "{\"username\":\"admin\",\"password\":\"p\\u0000w\"}",
      null, "in-" + UUID.randomUUID()), "password");
    refusedNaming(api.raw("POST", "/api/admin/v1/auth/login", "{\"username\":\"\\ud800x\",\"password\":\"pw\"}",
      null, "in-" + UUID.randomUUID()), "username");
  }

  @Test
  void aNulInAnAdminTextFieldIsA400NamingTheField() {
    String admin = api.loginStaff("admin", PASSWORD);
    String requestId = "in-" + UUID.randomUUID();
    refusedNaming(api.raw("PUT", "/api/admin/v1/kill-switch", "{\"engaged\":false,\"reason\":\"lp\\u0000down\"}", admin,
      requestId), "reason");
    assertThat(api.auditRows("request_id = '" + requestId + "'")).as("nothing done").isZero();
  }

  /** A name with a trailing line terminator fails its pattern ({@code $} alone would let it pass). */
  @Test
  void aNameEndingInALineTerminatorIsA400NamingTheField() {
    String admin = api.loginStaff("admin", PASSWORD);
    for (String end : new String[] {"\\n", "\\r\\n", "\\u2028"}) {
      String requestId = "in-" + UUID.randomUUID();
      refusedNaming(api.raw("POST", "/api/admin/v1/groups", "{\"name\":\"vip" + end + "\",\"markupProfile\":\"raw\"}",
        admin, requestId), "name");
      assertThat(api.auditRows("request_id = '" + requestId + "'")).as("nothing done").isZero();
    }
  }

  /** A markup wider than any price would leave symbols unpriced for a whole group: bounded by the contract. */
  @Test
  void aMarkupBeyondTenThousandPointsIsA400NamingTheField() {
    String admin = api.loginStaff("admin", PASSWORD);
    String requestId = "in-" + UUID.randomUUID();
    refusedNaming(api.raw("POST", "/api/admin/v1/markup-profiles",
      "{\"name\":\"absurd\",\"bidPoints\":200000,\"askPoints\":0,\"minSpreadPoints\":0}", admin, requestId),
      "bidPoints");
    assertThat(api.auditRows("request_id = '" + requestId + "'")).as("nothing done").isZero();
  }

  @Test
  void staffDataIsNeverCachedNorSniffed() {
    String admin = api.loginStaff("admin", PASSWORD);
    HttpResponse<String> me = api.call("GET", "/api/admin/v1/auth/me", null, admin);
    assertThat(me.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(me.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(me.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  /** A trader's withdrawal comment is stored as given and reaches staff as JSON data, never markup. */
  @Test
  void aTradersCommentReachesStaffAsData() {
    String comment = "trader request: <script>alert(1)</script> =cmd|' /C calc'!A0";
    TestInfra.execute(database, "INSERT INTO balance_request (account_id, type, amount, reason, status, requested_by, "
      + "requested_by_trader, requested_at) VALUES (100001, 'WITHDRAWAL', 5, '" + comment.replace("'", "''")
      + "', 'PENDING', NULL, 1, now())");
    String admin = api.loginStaff("admin", PASSWORD);
    HttpResponse<String> listed = api.call("GET", "/api/admin/v1/balance-requests?status=PENDING", null, admin);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(listed.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(listed.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(new io.vertx.core.json.JsonObject(listed.body()).getJsonArray("requests").stream()
      .map(r -> ((io.vertx.core.json.JsonObject) r).getString("reason"))).contains(comment);
  }
}
