package com.rtx.admin;

import com.rtx.support.Http;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit chain: verified, tampering found, rtx_app cannot rewrite it, and two writers at once still
 * make one chain.
 * Engine and demo data: {@link AdminApiFixture}.
 */
@Timeout(300)
class AdminAuditIT extends AdminApiFixture {

  @Test
  void auditChainVerifiesDetectsTamperingAndRefusesRewritesByTheAppRole() throws SQLException {
    call("PUT", "/api/admin/v1/kill-switch", new JsonObject().put("engaged", false).put("reason", "chain test"), admin);
    HttpResponse<String> ok = call("POST", "/api/admin/v1/audit/verify", null, admin);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(Http.json(ok).getString("status")).as(ok.body()).isEqualTo("OK");
    HttpResponse<String> listed = call("GET", "/api/admin/v1/audit?action=setKillSwitch&limit=5", null, admin);
    JsonArray entries = Http.json(listed).getJsonArray("entries");
    assertThat(entries).isNotEmpty();
    long id = entries.getJsonObject(0).getLong("id");

    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement()) {
      s.execute("UPDATE audit_log SET action = 'forged' WHERE id = " + id);
      JsonObject broken = Http.json(call("POST", "/api/admin/v1/audit/verify", null, admin));
      assertThat(broken.getString("status")).isEqualTo("BROKEN");
      assertThat(broken.getLong("firstBrokenId")).isEqualTo(id);
      s.execute("UPDATE audit_log SET action = 'setKillSwitch' WHERE id = " + id);
      assertThat(Http.json(call("POST", "/api/admin/v1/audit/verify", null, admin)).getString("status")).isEqualTo("OK");

      s.execute("SET ROLE rtx_app");
      assertThatThrownBy(() -> s.execute("UPDATE audit_log SET action = 'forged' WHERE id = " + id))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      assertThatThrownBy(() -> s.execute("DELETE FROM audit_log WHERE id = " + id))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      s.execute("INSERT INTO audit_log (at, action, outcome, prev_hash, hash) VALUES (now(), 'app.insert', 'OK', '', '')");
      s.execute("RESET ROLE");
    }
    assertThat(Http.json(call("POST", "/api/admin/v1/audit/verify", null, admin)).getString("status")).isEqualTo("OK");
  }

  /**
   * Two writers at once (as two nodes would: separate connections, separate transactions) still make
   * one unbroken chain: the trigger serialises them on the chain head.
   */
  @Test
  void twoWritersAtOnceStillMakeOneChain() throws Exception {
    java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int node = 0; node < 2; node++) {
        String name = "node-" + node;
        done.add(nodes.submit(() -> {
          try (Connection c = TestInfra.connect(database); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int i = 0; i < 40; i++) {
              s.execute("INSERT INTO audit_log (at, action, outcome, target_type, target_id, prev_hash, hash) "
                + "VALUES (now(), 'concurrency.test', 'OK', '" + name + "', '" + i + "', '', '')");
              c.commit();
            }
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      nodes.shutdownNow();
    }
    assertThat(auditRows("action = 'concurrency.test'")).isEqualTo(80);
    JsonObject verified = Http.json(call("POST", "/api/admin/v1/audit/verify", null, admin));
    assertThat(verified.getString("status")).as(verified.encode()).isEqualTo("OK");
  }
}
