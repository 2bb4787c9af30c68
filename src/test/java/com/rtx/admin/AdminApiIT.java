package com.rtx.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Http;
import com.rtx.support.MutableClock;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import com.rtx.support.TestMarket;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The admin API through the real port with roles dealing, admin and gateway and the demo data:
 * staff login and audiences, the role × operation matrix built from the contract, the audit chain
 * (one row per change, tampering found, rtx_app cannot rewrite it), four eyes, the kill switch
 * over REST, TOTP and lockout. The clock stands on a Wednesday noon so trading sessions are open.
 */
@Timeout(300)
class AdminApiIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static final String STAFF_PASSWORD = "matrix-Pa55word-1";
  private static final MutableClock CLOCK = new MutableClock();
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static String admin;

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "dealing,admin,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD).env("RTX_PRICING_STALE_MS", "600000")
      .env("RTX_ADMIN_LOCKOUT_FAILURES", "3").env("RTX_ADMIN_FOUR_EYES_AMOUNT", "5000");
    port = test.httpPort();
    engine = test.start(CLOCK);
    quote("EURUSD", "1.10000", "1.10002");
    admin = login("admin", PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

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

  /**
   * Every operation of the contract × every role: allowed (per the database's mapping) is never
   * 403, denied is 403 PERMISSION_DENIED with one DENIED audit row (also with a body of {@code {}}
   * that the contract refuses: authorization comes first), a trader token and no token are
   * 401; each successful change leaves exactly one audit row carrying the request id.
   */
  @Test
  void roleMatrixFollowsTheContractAndTheDatabaseMapping() throws Exception {
    Map<String, Op> ops = contractOperations();
    Map<String, Sample> samples = samples();
    assertThat(samples.keySet()).as("every operationId needs a matrix row").containsAll(ops.keySet());
    JsonObject roles = Http.json(call("GET", "/api/admin/v1/roles", null, admin)).getJsonObject("roles");
    assertThat(roles.fieldNames()).containsExactlyInAnyOrder("SUPER_ADMIN", "ADMIN", "DEALER", "RISK_MANAGER",
      "SUPPORT", "COMPLIANCE", "READ_ONLY");
    String trader = Http.json(call("POST", "/api/v1/auth/login",
      new JsonObject().put("username", "trader2").put("password", PASSWORD), null)).getString("accessToken");

    List<String> order = new ArrayList<>(ops.keySet());
    order.remove("staffLogout");
    order.add("staffLogout");
    order.remove("staffLogin");
    for (String role : roles.fieldNames()) {
      String username = "m-" + role.toLowerCase().replace('_', '-');
      HttpResponse<String> created = call("POST", "/api/admin/v1/staff", new JsonObject().put("username", username)
        .put("password", STAFF_PASSWORD).put("role", role), admin);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String token = login(username, STAFF_PASSWORD);
      Set<String> granted = Set.copyOf(roles.getJsonArray(role).getList());
      for (String id : order) {
        Op op = ops.get(id);
        Sample sample = samples.get(id);
        String path = op.path(sample.params());
        String requestId = "m-" + UUID.randomUUID();
        JsonObject body = id.equals("createStaff") ? new JsonObject().put("username", "s-" + SEQUENCE.incrementAndGet())
          .put("password", STAFF_PASSWORD).put("role", "READ_ONLY") : sample.body();
        HttpResponse<String> response = call(op.method(), path, body, token, requestId);
        boolean allowed = op.permission().equals("authenticated") || granted.contains(op.permission());
        String what = role + " " + id + " -> " + response.statusCode() + " " + response.body();
        if (allowed) {
          assertThat(response.statusCode()).as(what).isNotEqualTo(403).isLessThan(500);
          if (response.statusCode() < 300 && !op.method().equals("GET")) {
            assertThat(auditRows("request_id = '" + requestId + "'")).as("audit rows of " + what).isEqualTo(1);
          }
        } else {
          assertThat(response.statusCode()).as(what).isEqualTo(403);
          assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("PERMISSION_DENIED");
          assertThat(auditRows("request_id = '" + requestId + "' AND outcome = 'DENIED'")).as(what).isEqualTo(1);
          // Authorization before validation: a body the contract refuses tells the caller nothing either.
          HttpResponse<String> empty = call(op.method(), path, new JsonObject(), token);
          assertThat(empty.statusCode()).as(role + " " + id + " with {} -> " + empty.body()).isEqualTo(403);
          assertThat(Http.json(empty).getJsonObject("error").getString("code")).isEqualTo("PERMISSION_DENIED");
        }
        if (!id.equals("staffLogout")) {
          assertThat(call(op.method(), path, body, trader).statusCode()).as("trader token " + id).isEqualTo(401);
          assertThat(call(op.method(), path, body, null).statusCode()).as("no token " + id).isEqualTo(401);
        }
      }
      assertThat(call("GET", "/api/admin/v1/auth/me", null, token).statusCode()).as("logged out").isEqualTo(401);
    }
  }

  /**
   * Every operation that takes a body refuses a malformed one with 400 naming the field: broken JSON
   * names {@code body}; a field of the wrong type names that field. Sent as SUPER_ADMIN, so it is the
   * contract, not a permission, that refuses it; nothing is changed (no audit row).
   */
  @Test
  void everyOperationWithABodyRefusesAMalformedOneNamingTheField() throws Exception {
    Map<String, Op> ops = contractOperations();
    Map<String, Sample> samples = samples();
    int checked = 0;
    for (Map.Entry<String, Op> e : ops.entrySet()) {
      Sample sample = samples.get(e.getKey());
      if (sample == null || sample.body() == null || sample.body().isEmpty() || e.getKey().equals("staffLogout")) {
        continue;
      }
      Op op = e.getValue();
      String path = op.path(sample.params());
      String requestId = "bad-" + UUID.randomUUID();
      HttpResponse<String> broken = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(op.method(), HttpRequest.BodyPublishers.ofString("{\"oops\": ")).header("Content-Type", "application/json")
        .header("X-Request-Id", requestId), "Authorization", "Bearer " + admin);
      assertThat(broken.statusCode()).as(e.getKey() + " broken JSON: " + broken.body()).isEqualTo(400);
      assertThat(Http.json(broken).getJsonObject("error").getString("field")).as(e.getKey()).isEqualTo("body");

      String field = sample.body().fieldNames().iterator().next();
      Object value = sample.body().getValue(field);
      JsonObject wrongType = sample.body().copy().put(field, value instanceof String ? (Object) 12345 : (Object) "not-valid");
      HttpResponse<String> typed = call(op.method(), path, wrongType, admin, requestId);
      assertThat(typed.statusCode()).as(e.getKey() + " wrong type of " + field + ": " + typed.body()).isEqualTo(400);
      assertThat(Http.json(typed).getJsonObject("error").getString("field")).as(e.getKey()).isEqualTo(field);
      assertThat(auditRows("request_id = '" + requestId + "'")).as("no change, no audit row: " + e.getKey()).isZero();
      checked++;
    }
    assertThat(checked).isGreaterThan(10);
  }

  /** Forgotten passwords: a one-time password replaces the old one, for a trader and for staff. */
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

  /** A trader asks for a withdrawal over REST; a staff member approves it; the money moves only then. */
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

  /** The dealer's risk views: the hedger leader's exposure (house account 1) and the toxicity table. */
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

  // ---- the matrix's data ----

  private record Op(String method, String template, String permission) {
    String path(Map<String, Object> params) {
      String path = template;
      String query = "";
      for (Map.Entry<String, Object> p : params.entrySet()) {
        if (p.getKey().equals(QUERY)) {
          query = "?" + p.getValue();
        }
        path = path.replace("{" + p.getKey() + "}", String.valueOf(p.getValue()));
      }
      return "/api/admin/v1" + path + query;
    }
  }

  /** Key of a sample's params holding its query string. */
  private static final String QUERY = "?";

  private record Sample(Map<String, Object> params, JsonObject body) {
  }

  private static Map<String, Op> contractOperations() throws Exception {
    JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("src/main/resources/api/admin/v1/openapi.yaml").toFile());
    Map<String, Op> ops = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = contract.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
        Map.Entry<String, JsonNode> method = methods.next();
        JsonNode permission = method.getValue().get("x-permission");
        if (permission == null) {
          fail("operation " + method.getValue().get("operationId") + " has no x-permission");
        }
        ops.put(method.getValue().get("operationId").asText(), new Op(method.getKey().toUpperCase(), path.getKey(),
          permission.asText()));
      }
    }
    return ops;
  }

  /** A valid request per operation whose effect is harmless (unknown ids, the same mapping again...). */
  private static Map<String, Sample> samples() {
    Map<String, Sample> s = new HashMap<>();
    Map<String, Object> none = Map.of();
    s.put("staffLogin", new Sample(none, new JsonObject().put("username", "x").put("password", "y")));
    s.put("staffLogout", new Sample(none, null));
    s.put("getMe", new Sample(none, null));
    s.put("resetStaffPassword", new Sample(Map.of("staffId", 999_999), null));
    s.put("resetTraderPassword", new Sample(Map.of("traderId", 999_999), null));
    s.put("changePassword", new Sample(none, new JsonObject().put("currentPassword", "not-the-password")
      .put("newPassword", "another-Pa55word")));
    s.put("enrollTotp", new Sample(none, null));
    s.put("confirmTotp", new Sample(none, new JsonObject().put("code", "000000")));
    s.put("listStaff", new Sample(none, null));
    s.put("createStaff", new Sample(none, null));
    s.put("updateStaff", new Sample(Map.of("staffId", 999_999), new JsonObject().put("status", "ACTIVE")));
    s.put("listRoles", new Sample(none, null));
    s.put("setRolePermissions", new Sample(Map.of("role", "READ_ONLY"), new JsonObject().put("permissions",
      new JsonArray(List.of("accounts.read", "orders.read", "refdata.read", "reports.read")))));
    s.put("listAudit", new Sample(none, null));
    s.put("verifyAudit", new Sample(none, null));
    s.put("listAccounts", new Sample(none, null));
    s.put("createTrader", new Sample(none, new JsonObject().put("username", "t-matrix").put("password", STAFF_PASSWORD)
      .put("group", "no-such-group").put("mode", "HEDGING")));
    Map<String, Object> noAccount = Map.of("accountId", 999_999);
    s.put("setAccountStatus", new Sample(noAccount, new JsonObject().put("status", "ACTIVE").put("reason", "matrix")));
    s.put("moveAccountGroup", new Sample(noAccount, new JsonObject().put("group", "pro-abook").put("reason", "matrix")));
    s.put("adjustBalance", new Sample(noAccount, new JsonObject().put("type", "DEPOSIT").put("amount", "1")
      .put("reason", "matrix")));
    s.put("listBalanceRequests", new Sample(none, null));
    s.put("approveBalanceRequest", new Sample(Map.of("requestId", 999_999), null));
    s.put("rejectBalanceRequest", new Sample(Map.of("requestId", 999_999), null));
    s.put("listPositions", new Sample(none, null));
    s.put("listOrders", new Sample(none, null));
    s.put("closePosition", new Sample(Map.of("accountId", 999_999, "positionId", 1),
      new JsonObject().put("reason", "matrix")));
    s.put("cancelOrder", new Sample(Map.of("accountId", 999_999, "orderId", 1), new JsonObject().put("reason", "matrix")));
    s.put("getKillSwitch", new Sample(none, null));
    s.put("getExposure", new Sample(none, null));
    s.put("listToxicity", new Sample(none, null));
    s.put("setKillSwitch", new Sample(none, new JsonObject().put("engaged", false).put("reason", "matrix")));
    settingsSamples(s);
    return s;
  }

  /** Settings changes that fail harmlessly (unknown keys, broken references, duplicates). */
  private static void settingsSamples(Map<String, Sample> s) {
    Map<String, Object> none = Map.of();
    JsonObject rollback = new JsonObject().put("version", 1).put("reason", "matrix");
    s.put("listGroups", new Sample(none, null));
    s.put("createGroup", new Sample(none, new JsonObject().put("name", "matrix-group").put("markupProfile", "no-such-profile")));
    s.put("updateGroup", new Sample(Map.of("name", "no-such-group"), new JsonObject().put("leverage", 100)));
    s.put("deleteGroup", new Sample(Map.of("name", "no-such-group"), null));
    s.put("rollbackGroup", new Sample(Map.of("name", "no-such-group"), rollback));
    s.put("listSymbols", new Sample(none, null));
    s.put("createSymbol", new Sample(none, new JsonObject().put("name", "MATRIX").put("baseCurrency", "EUR")
      .put("quoteCurrency", "USD").put("assetClass", "FX").put("digits", 5).put("contractSize", "100000")
      .put("pipSize", "0.0001").put("volumeMin", "1").put("volumeMax", "0.5").put("volumeStep", "0.01")
      .put("marginCurrency", "EUR").put("marginRate", "1").put("sessions", "MON 00:00-24:00")));
    s.put("updateSymbol", new Sample(Map.of("name", "NOPE"), new JsonObject().put("enabled", true)));
    s.put("deleteSymbol", new Sample(Map.of("name", "NOPE"), null));
    s.put("rollbackSymbol", new Sample(Map.of("name", "NOPE"), rollback));
    s.put("listMarkupProfiles", new Sample(none, null));
    s.put("createMarkupProfile", new Sample(none, new JsonObject().put("name", "matrix-profile").put("overrides",
      new JsonObject().put("NOPE", new JsonObject().put("bidPoints", 1).put("askPoints", 1).put("minSpreadPoints", 0)))));
    s.put("updateMarkupProfile", new Sample(Map.of("name", "no-such-profile"), new JsonObject().put("bidPoints", 1)));
    s.put("deleteMarkupProfile", new Sample(Map.of("name", "no-such-profile"), null));
    s.put("rollbackMarkupProfile", new Sample(Map.of("name", "no-such-profile"), rollback));
    s.put("listLps", new Sample(none, null));
    s.put("createLp", new Sample(none, new JsonObject().put("name", "matrix-lp").put("host", "127.0.0.1").put("port", 9880)
      .put("senderCompId", "RTX").put("targetCompId", "LP1")));
    s.put("updateLp", new Sample(Map.of("name", "NO-LP"), new JsonObject().put("enabled", true)));
    s.put("deleteLp", new Sample(Map.of("name", "NO-LP"), null));
    s.put("rollbackLp", new Sample(Map.of("name", "NO-LP"), rollback));
    s.put("listRoutingRules", new Sample(none, null));
    s.put("createRoutingRule", new Sample(none, new JsonObject().put("priority", 999_999).put("action", "A_BOOK")
      .put("group", "no-such-group")));
    s.put("updateRoutingRule", new Sample(Map.of("id", 999_999), new JsonObject().put("enabled", false)));
    s.put("deleteRoutingRule", new Sample(Map.of("id", 999_999), null));
    s.put("rollbackRoutingRule", new Sample(Map.of("id", 999_999), rollback));
    s.put("listSettingVersions", new Sample(Map.of(QUERY, "entityType=group&key=default"), null));
    s.put("reportExposureHistory", new Sample(Map.of(QUERY, "symbol=EURUSD"), null));
    s.put("listExposureLimits", new Sample(none, null));
    s.put("createExposureLimit", new Sample(none, new JsonObject().put("symbol", "NOPE").put("maxNetLots", "1")));
    s.put("updateExposureLimit", new Sample(Map.of("symbol", "NOPE"), new JsonObject().put("enabled", true)));
    s.put("deleteExposureLimit", new Sample(Map.of("symbol", "NOPE"), null));
    s.put("rollbackExposureLimit", new Sample(Map.of("symbol", "NOPE"), rollback));
    s.put("reportBlotter", new Sample(Map.of(QUERY, "symbol=EURUSD&format=csv"), null));
    s.put("reportDailyPnl", new Sample(Map.of(QUERY, "from=2020-01-01&by=group"), null));
    s.put("diffSettingVersions", new Sample(Map.of(QUERY, "entityType=group&key=default&from=1&to=2"), null));
  }

  // ---- helpers ----

  private static String code(String secret) {
    try {
      return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, CLOCK.millis() / 1000 / 30);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long balance(long accountId) throws SQLException {
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT balance FROM account WHERE id = " + accountId)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static long auditRows(String where) {
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT count(*) FROM audit_log WHERE " + where)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T eventually(java.util.function.Supplier<T> attempt, java.util.function.Predicate<T> done) {
    return com.rtx.support.Eventually.value(java.time.Duration.ofSeconds(10), attempt, done);
  }

  private static void quote(String symbol, String bid, String ask) {
    engine.vertx().eventBus().publish("rtx.prices." + symbol, new JsonObject().put("symbol", symbol)
      .put("bid", bid).put("ask", ask).put("bidLp", "LP1").put("askLp", "LP1").put("status", "OK")
      .put("sequence", SEQUENCE.incrementAndGet()).put("lpTime", CLOCK.millis()).put("engineTime", CLOCK.millis()));
  }

  private static String login(String username, String password) {
    HttpResponse<String> response = call("POST", "/api/admin/v1/auth/login",
      new JsonObject().put("username", username).put("password", password), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response).getString("accessToken");
  }

  private static HttpResponse<String> call(String method, String path, JsonObject body, String token) {
    return call(method, path, body, token, "t-" + UUID.randomUUID());
  }

  private static HttpResponse<String> call(String method, String path, JsonObject body, String token, String requestId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
      .header("X-Request-Id", requestId);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return token == null ? Http.send(request) : Http.send(request, "Authorization", "Bearer " + token);
  }
}
