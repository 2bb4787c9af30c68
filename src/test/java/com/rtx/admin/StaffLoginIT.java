package com.rtx.admin;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.ApiClient;
import com.rtx.support.MutableClock;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import com.rtx.support.Http;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff login under abuse, with Redis: no username enumeration, a per-address limit, a lockout an
 * outsider cannot impose on others, and atomic counting. Each test uses its own loopback address
 * (127.0.0.x) so their per-address counts stay apart. Lockout after 3, 12 attempts per address.
 * And the second factor: a code works once, re-enrolling needs the password and a current code,
 * secrets are sealed at rest.
 */
@Timeout(180)
class StaffLoginIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static final String STAFF_PASSWORD = "totp-Pa55word-1";
  private static PgTarget database;
  private static Engine engine;
  private static AdminClient api;
  private static final MutableClock CLOCK = new MutableClock();

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "admin,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD).env("RTX_ADMIN_LOCKOUT_FAILURES", "3")
      .env("RTX_ADMIN_LOGIN_MAX_FAILURES_PER_IP", "12");
    engine = test.start(CLOCK);
    api = new AdminClient(test.httpPort(), database);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @Test
  void unknownExistingAndLockedUsernamesAnswerAlike() {
    String from = "127.0.0.11";
    for (int i = 0; i < 3; i++) {
      assertThat(api.loginFrom(from, "support", "wrong-" + i).status()).isEqualTo(401);
    }
    AdminClient.Raw locked = api.loginFrom(from, "support", "wrong-again");
    AdminClient.Raw existing = api.loginFrom(from, "dealer", "wrong-password");
    AdminClient.Raw unknown = api.loginFrom(from, "nobody-here", "wrong-password");
    for (AdminClient.Raw answer : List.of(locked, existing, unknown)) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(401);
      assertThat(answer.json()).isEqualTo(existing.json());
      assertThat(answer.headers()).doesNotContainKey("retry-after");
    }
    assertThat(existing.json().getJsonObject("error").getString("code")).isEqualTo("INVALID_CREDENTIALS");
    AdminClient.Raw right = api.loginFrom(from, "support", PASSWORD);
    assertThat(right.status()).as("the right password learns of the lock").isEqualTo(403);
    assertThat(right.headers().get("retry-after")).hasSize(1);
  }

  /** An outsider failing on purpose locks the user out from the outsider's address only. */
  @Test
  void anOutsiderCannotKeepAUserLockedOut() {
    for (int i = 0; i < 5; i++) {
      assertThat(api.loginFrom("127.0.0.12", "admin", "guess-" + i).status()).isEqualTo(401);
    }
    assertThat(api.loginFrom("127.0.0.12", "admin", PASSWORD).status()).isEqualTo(403);
    assertThat(api.auditRows("action = 'login.lockout' AND actor_username = 'admin' AND ip = '127.0.0.12'")).isEqualTo(1);
    AdminClient.Raw owner = api.loginFrom("127.0.0.13", "admin", PASSWORD);
    assertThat(owner.status()).as(owner.body()).isEqualTo(200);
  }

  @Test
  void oneAddressTriesAtMostTheLimitWhateverTheUsernames() {
    String from = "127.0.0.14";
    for (int i = 0; i < 12; i++) {
      assertThat(api.loginFrom(from, "user-" + i, "guess").status()).isEqualTo(401);
    }
    AdminClient.Raw refused = api.loginFrom(from, "dealer", PASSWORD);
    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.json().getJsonObject("error").getString("code")).isEqualTo("LOGIN_THROTTLED");
    assertThat(refused.headers().get("retry-after")).as("one Retry-After value").hasSize(1);
    assertThat(api.loginFrom("127.0.0.15", "dealer", PASSWORD).status()).as("another address").isEqualTo(200);
  }

  /** Increment, then decide: 30 parallel wrong passwords get 30 different counts and lock exactly once. */
  @Test
  void thirtyParallelWrongPasswordsCountAsThirty() throws Exception {
    String from = "127.0.0.16";
    ExecutorService pool = Executors.newFixedThreadPool(30);
    List<Future<Integer>> sent = new ArrayList<>();
    try {
      for (int i = 0; i < 30; i++) {
        int n = i;
        sent.add(pool.submit(() -> api.loginFrom(from, "dealer", "parallel-" + n).status()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : sent) {
        statuses.add(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(statuses).as("12 tried, the rest refused before any password check")
        .containsOnly(401, 429).filteredOn(s -> s == 401).hasSize(12);
    } finally {
      pool.shutdownNow();
    }
    String mine = "actor_username = 'dealer' AND ip = '" + from + "'";
    assertThat(api.auditRows("action = 'login.lockout' AND " + mine)).isEqualTo(1);
    assertThat(api.auditRows("action = 'login.throttled' AND ip = '" + from + "'")).as("once per window").isEqualTo(1);
    assertThat(api.count("SELECT count(DISTINCT after->>'reason') FROM audit_log WHERE action = 'login.failed' AND "
      + mine)).as("each failure saw its own count").isEqualTo(11);
  }

  // ---- TOTP ----

  private static String code(String secret) {
    return ApiClient.totp(secret, CLOCK);
  }

  private static void nextStep() {
    CLOCK.advanceTo(CLOCK.millis() + 30_000);
  }

  /** A new staff member with an active second factor; its secret. */
  private static String enrolled(String username) {
    String root = api.loginStaff("admin", PASSWORD);
    assertThat(api.call("POST", "/api/admin/v1/staff", new JsonObject().put("username", username)
      .put("password", STAFF_PASSWORD).put("role", "READ_ONLY"), root).statusCode()).isEqualTo(201);
    String token = api.loginStaff(username, STAFF_PASSWORD);
    String secret = Http.json(api.call("POST", "/api/admin/v1/auth/totp", null, token)).getString("secret");
    assertThat(api.call("POST", "/api/admin/v1/auth/totp/confirm", new JsonObject().put("code", code(secret)), token)
      .statusCode()).isEqualTo(204);
    return secret;
  }

  private static HttpResponse<String> login(String username, String totp) {
    return api.call("POST", "/api/admin/v1/auth/login", new JsonObject().put("username", username)
      .put("password", STAFF_PASSWORD).put("totp", totp), null);
  }

  @Test
  void aTotpCodeIsAcceptedOnce() {
    String secret = enrolled("otp-once");
    assertThat(login("otp-once", code(secret)).statusCode()).as("the confirming code is used up").isEqualTo(401);
    nextStep();
    String fresh = code(secret);
    assertThat(login("otp-once", fresh).statusCode()).isEqualTo(200);
    HttpResponse<String> replay = login("otp-once", fresh);
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(401);
    assertThat(ApiClient.code(replay)).isEqualTo("INVALID_TOTP");
    assertThat(api.auditRows("action = 'login.failed' AND actor_username = 'otp-once' AND after->>'reason' LIKE "
      + "'TOTP code replayed%'")).as("the confirming code and the replay").isEqualTo(2);
  }

  @Test
  void reEnrollingNeedsThePasswordAndACurrentCode() {
    String secret = enrolled("otp-move");
    nextStep();
    String token = Http.json(login("otp-move", code(secret))).getString("accessToken");
    HttpResponse<String> bare = api.call("POST", "/api/admin/v1/auth/totp", null, token);
    assertThat(bare.statusCode()).as(bare.body()).isEqualTo(401);
    assertThat(ApiClient.code(bare)).isEqualTo("REAUTHENTICATION_REQUIRED");
    nextStep();
    HttpResponse<String> wrongPassword = api.call("POST", "/api/admin/v1/auth/totp",
      new JsonObject().put("password", "not-it-at-all").put("code", code(secret)), token);
    assertThat(ApiClient.code(wrongPassword)).isEqualTo("INVALID_CREDENTIALS");
    HttpResponse<String> wrongCode = api.call("POST", "/api/admin/v1/auth/totp",
      new JsonObject().put("password", STAFF_PASSWORD).put("code", "000000".equals(code(secret)) ? "111111" : "000000"), token);
    assertThat(ApiClient.code(wrongCode)).isEqualTo("INVALID_TOTP");
    HttpResponse<String> ok = api.call("POST", "/api/admin/v1/auth/totp",
      new JsonObject().put("password", STAFF_PASSWORD).put("code", code(secret)), token);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
  }

  @Test
  void secretsAreSealedAtRestAndPlaintextOnesAreSealedAtFirstUse() {
    String secret = enrolled("otp-sealed");
    assertThat(api.count("SELECT count(*) FROM staff WHERE username = 'otp-sealed' AND totp_secret LIKE 'v1:%' "
      + "AND totp_secret NOT LIKE '%" + secret + "%'")).isEqualTo(1);
    String legacy = enrolled("otp-legacy");
    TestInfra.execute(database, "UPDATE staff SET totp_secret = '" + legacy + "' WHERE username = 'otp-legacy'");
    nextStep();
    assertThat(login("otp-legacy", code(legacy)).statusCode()).isEqualTo(200);
    assertThat(api.count("SELECT count(*) FROM staff WHERE username = 'otp-legacy' AND totp_secret LIKE 'v1:%'"))
      .isEqualTo(1);
    nextStep();
    assertThat(login("otp-legacy", code(legacy)).statusCode()).as("still the same secret").isEqualTo(200);
  }
}
