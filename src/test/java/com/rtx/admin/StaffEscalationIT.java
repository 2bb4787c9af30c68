package com.rtx.admin;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Http;
import com.rtx.support.MutableClock;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static com.rtx.support.ApiClient.code;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff cannot exceed their grant (SECURITY.md invariant 3), tried as an ADMIN who wants more: each
 * attempt is 403 with its code and one DENIED audit row, and nothing changed.
 */
@Timeout(120)
class StaffEscalationIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static final String STAFF_PASSWORD = "escalate-Pa55word-1";
  private static PgTarget database;
  private static Engine engine;
  private static AdminClient api;
  private static String root;
  private static String admin;
  private static long adminId;
  private static long rootId;

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "admin,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD);
    engine = test.start(new MutableClock());
    api = new AdminClient(test.httpPort(), database);
    root = api.loginStaff("admin", PASSWORD);
    rootId = Http.json(api.call("GET", "/api/admin/v1/auth/me", null, root)).getLong("staffId");
    HttpResponse<String> created = api.call("POST", "/api/admin/v1/staff", new JsonObject().put("username", "ambitious")
      .put("password", STAFF_PASSWORD).put("role", "ADMIN"), root);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    adminId = Http.json(created).getLong("staffId");
    admin = api.loginStaff("ambitious", STAFF_PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @Test
  void anAdminCannotMakeItselfSuperAdmin() {
    String requestId = "esc-" + UUID.randomUUID();
    HttpResponse<String> refused = api.call("PATCH", "/api/admin/v1/staff/" + adminId,
      new JsonObject().put("role", "SUPER_ADMIN"), admin, requestId);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(code(refused)).isEqualTo("OWN_ROLE");
    assertThat(api.auditRows("request_id = '" + requestId + "' AND outcome = 'DENIED'")).isEqualTo(1);
    assertThat(api.count("SELECT count(*) FROM staff WHERE username = 'ambitious' AND role = 'ADMIN'")).isEqualTo(1);
  }

  @Test
  void anAdminCannotCreateASuperAdmin() {
    String requestId = "esc-" + UUID.randomUUID();
    HttpResponse<String> refused = api.call("POST", "/api/admin/v1/staff", new JsonObject().put("username", "puppet")
      .put("password", STAFF_PASSWORD).put("role", "SUPER_ADMIN"), admin, requestId);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(code(refused)).isEqualTo("SUPER_ADMIN_ONLY");
    assertThat(api.auditRows("request_id = '" + requestId + "' AND outcome = 'DENIED' AND after::text NOT LIKE '%"
      + STAFF_PASSWORD + "%'")).as("audited, without the password").isEqualTo(1);
    assertThat(api.count("SELECT count(*) FROM staff WHERE username = 'puppet'")).isZero();
  }

  @Test
  void anAdminCannotResetOrEditASuperAdmin() {
    HttpResponse<String> reset = api.call("POST", "/api/admin/v1/staff/" + rootId + "/reset-password", null, admin);
    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(403);
    assertThat(code(reset)).isEqualTo("SUPER_ADMIN_ONLY");
    HttpResponse<String> disable = api.call("PATCH", "/api/admin/v1/staff/" + rootId,
      new JsonObject().put("status", "DISABLED"), admin);
    assertThat(disable.statusCode()).as(disable.body()).isEqualTo(403);
    assertThat(api.loginStaff("admin", PASSWORD)).as("the SUPER_ADMIN's password still works").isNotBlank();
  }

  @Test
  void anAdminManagesSupportStaff() {
    HttpResponse<String> created = api.call("POST", "/api/admin/v1/staff", new JsonObject().put("username", "clerk")
      .put("password", STAFF_PASSWORD).put("role", "SUPPORT"), admin);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long clerk = Http.json(created).getLong("staffId");
    HttpResponse<String> moved = api.call("PATCH", "/api/admin/v1/staff/" + clerk,
      new JsonObject().put("role", "READ_ONLY"), admin);
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    assertThat(api.call("POST", "/api/admin/v1/staff/" + clerk + "/reset-password", null, admin).statusCode())
      .isEqualTo(200);
    HttpResponse<String> promote = api.call("PATCH", "/api/admin/v1/staff/" + clerk,
      new JsonObject().put("role", "SUPER_ADMIN"), admin);
    assertThat(code(promote)).isEqualTo("SUPER_ADMIN_ONLY");
  }

  /** Even handed roles.write, a non-SUPER_ADMIN cannot use the mapping as a way up. */
  @Test
  void theRoleMappingIsEditedBySuperAdminsOnly() {
    JsonArray adminPermissions = Http.json(api.call("GET", "/api/admin/v1/roles", null, root)).getJsonObject("roles")
      .getJsonArray("ADMIN");
    JsonArray widened = adminPermissions.copy().add("roles.write");
    assertThat(api.call("PUT", "/api/admin/v1/roles/ADMIN/permissions", new JsonObject().put("permissions", widened), root)
      .statusCode()).isEqualTo(200);
    try {
      HttpResponse<String> own = api.call("PUT", "/api/admin/v1/roles/READ_ONLY/permissions",
        new JsonObject().put("permissions", new JsonArray(List.of("staff.write"))), admin);
      assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
      assertThat(code(own)).isEqualTo("SUPER_ADMIN_ONLY");
      HttpResponse<String> superRole = api.call("PUT", "/api/admin/v1/roles/SUPER_ADMIN/permissions",
        new JsonObject().put("permissions", new JsonArray()), root);
      assertThat(code(superRole)).isEqualTo("ROLE_PROTECTED");
    } finally {
      assertThat(api.call("PUT", "/api/admin/v1/roles/ADMIN/permissions",
        new JsonObject().put("permissions", adminPermissions), root).statusCode()).isEqualTo(200);
    }
  }

  /** Authorization before validation: support learns nothing about the body of an operation it may not use. */
  @Test
  void aRoleWithoutThePermissionGets403WhateverTheBody() {
    String support = api.loginStaff("support", PASSWORD);
    String requestId = "esc-" + UUID.randomUUID();
    HttpResponse<String> empty = api.call("POST", "/api/admin/v1/groups", new JsonObject(), support, requestId);
    assertThat(empty.statusCode()).as(empty.body()).isEqualTo(403);
    assertThat(code(empty)).isEqualTo("PERMISSION_DENIED");
    assertThat(empty.body()).doesNotContain("name", "markupProfile");
    assertThat(api.auditRows("request_id = '" + requestId + "' AND outcome = 'DENIED'")).isEqualTo(1);
    HttpResponse<String> broken = api.raw("POST", "/api/admin/v1/groups", "{\"oops\": ", support, "esc-" + UUID.randomUUID());
    assertThat(broken.statusCode()).as(broken.body()).isEqualTo(403);
    HttpResponse<String> badPath = api.call("PATCH", "/api/admin/v1/staff/not-a-number",
      new JsonObject().put("role", 5), support);
    assertThat(badPath.statusCode()).as(badPath.body()).isEqualTo(403);

    HttpResponse<String> holder = api.call("POST", "/api/admin/v1/groups", new JsonObject(), admin);
    assertThat(holder.statusCode()).as("who holds the permission is told what is wrong").isEqualTo(400);
  }
}
