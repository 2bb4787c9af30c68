package com.rtx.admin;

import com.rtx.support.Http;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff access over the admin API: staff and trader tokens each refused on the other API, one-time
 * passwords from a reset (trader and staff), TOTP once enrolled, and the lockout after failed logins.
 * Engine and demo data: {@link AdminApiFixture}.
 */
@Timeout(300)
class AdminStaffAccessIT extends AdminApiFixture {

  @Test
  void staffAndTraderTokensAreEachRefusedOnTheOtherApi() {
    HttpResponse<String> me = call("GET", "/api/admin/v1/auth/me", null, admin);
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(Http.json(me).getString("role")).isEqualTo("SUPER_ADMIN");
    assertThat(Http.json(me).getJsonArray("permissions")).contains("roles.write", "audit.verify");

    String trader = Http.json(call("POST", "/api/v1/auth/login",
      new JsonObject().put("username", "trader1").put("password", PASSWORD), null)).getString("accessToken");
    assertThat(call("GET", "/api/admin/v1/auth/me", null, trader).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/v1/accounts/100001", null, admin).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/admin/v1/auth/me", null, null).statusCode()).isEqualTo(401);
    assertThat(Http.get(port, "/api/admin/v1/openapi.yaml").body()).contains("operationId: setKillSwitch");

    HttpResponse<String> wrong = call("POST", "/api/admin/v1/auth/login",
      new JsonObject().put("username", "dealer").put("password", "nope-nope"), null);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(Http.json(wrong).getJsonObject("error").getString("code")).isEqualTo("INVALID_CREDENTIALS");
    assertThat(auditRows("action = 'login.failed' AND actor_username = 'dealer'")).isEqualTo(1);
  }

  @Test
  void passwordResetsHandOutAOneTimePasswordThatWorksInsteadOfTheOldOne() throws Exception {
    // A trader of its own, so that the demo traders' password stays what the other tests use.
    HttpResponse<String> newTrader = call("POST", "/api/admin/v1/traders", new JsonObject().put("username", "forgetful-t")
      .put("password", STAFF_PASSWORD).put("group", "retail-hedging").put("mode", "HEDGING"), admin);
    assertThat(newTrader.statusCode()).as(newTrader.body()).isLessThan(300);
    long traderId = Http.json(newTrader).getLong("traderId");
    HttpResponse<String> trader = call("POST", "/api/admin/v1/traders/" + traderId + "/reset-password", null, admin);
    assertThat(trader.statusCode()).as(trader.body()).isEqualTo(200);
    String temporary = Http.json(trader).getString("temporaryPassword");
    assertThat(call("POST", "/api/v1/auth/login", new JsonObject().put("username", "forgetful-t")
      .put("password", STAFF_PASSWORD), null).statusCode()).isEqualTo(401);
    assertThat(call("POST", "/api/v1/auth/login", new JsonObject().put("username", "forgetful-t").put("password", temporary),
      null).statusCode()).isEqualTo(200);
    assertThat(auditRows("action = 'resetTraderPassword' AND target_id = '" + traderId + "' AND after::text NOT LIKE '%"
      + temporary + "%'")).isEqualTo(1);

    HttpResponse<String> created = call("POST", "/api/admin/v1/staff", new JsonObject().put("username", "forgetful")
      .put("password", STAFF_PASSWORD).put("role", "SUPPORT"), admin);
    long staffId = Http.json(created).getLong("staffId");
    HttpResponse<String> staff = call("POST", "/api/admin/v1/staff/" + staffId + "/reset-password", null, admin);
    assertThat(staff.statusCode()).as(staff.body()).isEqualTo(200);
    String staffTemporary = Http.json(staff).getString("temporaryPassword");
    assertThat(login("forgetful", staffTemporary)).isNotBlank();
    assertThat(call("POST", "/api/admin/v1/traders/999999/reset-password", null, admin).statusCode()).isEqualTo(404);
  }

  @Test
  void totpIsRequiredOnceEnrolledAndFailuresLockTheLogin() {
    call("POST", "/api/admin/v1/staff", new JsonObject().put("username", "otp-user").put("password", STAFF_PASSWORD)
      .put("role", "READ_ONLY"), admin);
    String token = login("otp-user", STAFF_PASSWORD);
    String secret = Http.json(call("POST", "/api/admin/v1/auth/totp", null, token)).getString("secret");
    assertThat(call("POST", "/api/admin/v1/auth/totp/confirm", new JsonObject().put("code", code(secret)), token)
      .statusCode()).isEqualTo(204);
    JsonObject noCode = new JsonObject().put("username", "otp-user").put("password", STAFF_PASSWORD);
    HttpResponse<String> required = call("POST", "/api/admin/v1/auth/login", noCode, null);
    assertThat(Http.json(required).getJsonObject("error").getString("code")).isEqualTo("TOTP_REQUIRED");
    // The confirming code is used up (StaffLoginIT: a code works once); the next step's code logs in.
    CLOCK.advanceTo(CLOCK.millis() + 30_000);
    assertThat(call("POST", "/api/admin/v1/auth/login", noCode.copy().put("totp", code(secret)), null).statusCode())
      .isEqualTo(200);

    call("POST", "/api/admin/v1/staff", new JsonObject().put("username", "locky").put("password", STAFF_PASSWORD)
      .put("role", "READ_ONLY"), admin);
    for (int i = 0; i < 3; i++) {
      assertThat(call("POST", "/api/admin/v1/auth/login", new JsonObject().put("username", "locky")
        .put("password", "wrong-password"), null).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> locked = call("POST", "/api/admin/v1/auth/login", new JsonObject().put("username", "locky")
      .put("password", STAFF_PASSWORD), null);
    assertThat(locked.statusCode()).isEqualTo(403);
    assertThat(Http.json(locked).getJsonObject("error").getString("code")).isEqualTo("LOGIN_LOCKED");
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    assertThat(auditRows("action = 'login.lockout' AND actor_username = 'locky'")).isEqualTo(1);
  }
}
