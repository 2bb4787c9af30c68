package com.rtx.admin;

import com.rtx.support.Http;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dealing desk over the admin API: the house exposure and toxicity views, and the kill switch
 * halting new orders until it is lifted.
 * Engine and demo data: {@link AdminApiFixture}.
 */
@Timeout(300)
class AdminDeskIT extends AdminApiFixture {

  @Test
  void dealersSeeTheHouseExposureAndToxicityScores() throws Exception {
    String dealer = login("dealer", PASSWORD);
    HttpResponse<String> exposure = call("GET", "/api/admin/v1/exposure", null, dealer);
    assertThat(exposure.statusCode()).as(exposure.body()).isEqualTo(200);
    JsonObject body = Http.json(exposure);
    assertThat(body.getJsonObject("house").getLong("accountId")).isEqualTo(1);
    assertThat(body.getJsonArray("symbols").stream().map(JsonObject.class::cast).map(r -> r.getString("symbol")))
      .contains("EURUSD");
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement()) {
      s.execute("INSERT INTO account_toxicity (account_id, score, short_win_share, pnl_per_lot, deals, computed_at) "
        + "VALUES (100001, 0.7500, 0.5, 12.5, 4, now())");
    }
    HttpResponse<String> toxicity = call("GET", "/api/admin/v1/toxicity?accountId=100001", null, dealer);
    assertThat(toxicity.statusCode()).as(toxicity.body()).isEqualTo(200);
    JsonObject row = Http.json(toxicity).getJsonArray("accounts").getJsonObject(0);
    assertThat(row.getString("score")).isEqualTo("0.7500");
    assertThat(row.getInteger("deals")).isEqualTo(4);
  }

  @Test
  void killSwitchRejectsNewOrdersUntilLifted() {
    String dealer = login("dealer", PASSWORD);
    String trader = Http.json(call("POST", "/api/v1/auth/login",
      new JsonObject().put("username", "trader1").put("password", PASSWORD), null)).getString("accessToken");
    JsonObject order = new JsonObject().put("accountId", 100001).put("symbol", "EURUSD").put("side", "BUY")
      .put("type", "MARKET").put("volume", "0.01");
    assertThat(call("PUT", "/api/admin/v1/kill-switch", new JsonObject().put("engaged", true).put("reason", "LP outage"),
      dealer).statusCode()).isEqualTo(200);
    try {
      HttpResponse<String> halted = eventually(() -> call("POST", "/api/v1/orders", order, trader),
        r -> r.statusCode() == 422);
      assertThat(Http.json(halted).getString("reason")).isEqualTo("TRADING_HALTED");
    } finally {
      assertThat(call("PUT", "/api/admin/v1/kill-switch", new JsonObject().put("engaged", false).put("reason", "LP back"),
        dealer).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> filled = eventually(() -> call("POST", "/api/v1/orders", order, trader), r -> r.statusCode() == 200);
    assertThat(Http.json(filled).getString("status")).isEqualTo("FILLED");
  }
}
