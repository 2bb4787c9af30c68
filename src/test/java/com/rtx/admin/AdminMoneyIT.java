package com.rtx.admin;

import com.rtx.support.Http;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money over the admin API: a trader's withdrawal paid once staff approve it, and four eyes on large
 * balance changes, which then reconcile with the ledger.
 * Engine and demo data: {@link AdminApiFixture}.
 */
@Timeout(300)
class AdminMoneyIT extends AdminApiFixture {

  @Test
  void aTradersWithdrawalRequestIsPaidWhenStaffApproveIt() throws Exception {
    String trader = Http.json(call("POST", "/api/v1/auth/login",
      new JsonObject().put("username", "trader2").put("password", PASSWORD), null)).getString("accessToken");
    long before = balance(100003);
    HttpResponse<String> asked = call("POST", "/api/v1/accounts/100003/withdrawals",
      new JsonObject().put("amount", "12.50").put("comment", "rent"), trader);
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
    long requestId = Http.json(asked).getLong("requestId");
    assertThat(balance(100003)).as("nothing moves before approval").isEqualTo(before);
    assertThat(call("POST", "/api/v1/accounts/100001/withdrawals", new JsonObject().put("amount", "1.00"), trader)
      .statusCode()).as("another trader's account").isEqualTo(404);
    assertThat(Http.json(call("POST", "/api/v1/accounts/100003/withdrawals", new JsonObject().put("amount", "1.001"),
      trader)).getJsonObject("error").getString("field")).isEqualTo("amount");

    HttpResponse<String> approved = call("POST", "/api/admin/v1/balance-requests/" + requestId + "/approve", null, admin);
    assertThat(approved.statusCode()).as(approved.body()).isLessThan(300);
    assertThat(balance(100003)).isEqualTo(before - 1250);
    JsonObject listed = Http.json(call("GET", "/api/v1/accounts/100003/withdrawals", null, trader));
    assertThat(listed.getJsonArray("withdrawals").getJsonObject(0).getString("status")).isEqualTo("APPROVED");
  }

  @Test
  void largeBalanceChangesNeedASecondStaffMemberAndReconcileWithTheLedger() throws SQLException {
    call("POST", "/api/admin/v1/staff", new JsonObject().put("username", "compliance1").put("password", STAFF_PASSWORD)
      .put("role", "COMPLIANCE"), admin);
    String compliance = login("compliance1", STAFF_PASSWORD);
    String support = login("support", PASSWORD);
    long before = balance(100002);

    // Support asks, never moves money alone (FourEyesLimitsIT); an ADMIN applies a small one at once.
    HttpResponse<String> small = call("POST", "/api/admin/v1/accounts/100002/balance",
      new JsonObject().put("type", "DEPOSIT").put("amount", "100.50").put("reason", "wire 42"), admin);
    assertThat(small.statusCode()).as(small.body()).isEqualTo(200);
    assertThat(balance(100002)).isEqualTo(before + 10_050);

    HttpResponse<String> large = call("POST", "/api/admin/v1/accounts/100002/balance",
      new JsonObject().put("type", "DEPOSIT").put("amount", "20000").put("reason", "wire 43"), support);
    assertThat(large.statusCode()).as(large.body()).isEqualTo(202);
    long requestId = Http.json(large).getLong("requestId");
    assertThat(balance(100002)).isEqualTo(before + 10_050);

    String self = login("admin", PASSWORD);
    HttpResponse<String> denied = call("POST", "/api/admin/v1/balance-requests/" + requestId + "/approve", null, support);
    assertThat(denied.statusCode()).isEqualTo(403);
    HttpResponse<String> approved = call("POST", "/api/admin/v1/balance-requests/" + requestId + "/approve", null, compliance);
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(balance(100002)).isEqualTo(before + 10_050 + 2_000_000);
    HttpResponse<String> twice = call("POST", "/api/admin/v1/balance-requests/" + requestId + "/approve", null, self);
    assertThat(twice.statusCode()).isEqualTo(409);

    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT a.balance, (SELECT balance_after FROM ledger_entry WHERE account_id = a.id "
           + "ORDER BY id DESC LIMIT 1) AS last, (SELECT amount FROM ledger_entry WHERE account_id = a.id "
           + "ORDER BY id DESC LIMIT 1) AS amount FROM account a WHERE a.id = 100002")) {
      r.next();
      assertThat(r.getLong("last")).isEqualTo(r.getLong("balance"));
      assertThat(r.getLong("amount")).isEqualTo(2_000_000);
    }
    assertThat(auditRows("action = 'approveBalanceRequest' AND target_id = '100002' AND outcome = 'OK'")).isEqualTo(1);
  }
}
