package com.rtx.admin;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.ApiClient;
import com.rtx.support.Eventually;
import com.rtx.support.MutableClock;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import com.rtx.support.TestMarket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the admin API ITs share: per test class, one engine with roles dealing, admin and gateway and
 * the demo data (lockout after 3 failures, four eyes from 5,000), logged in as admin, with an EURUSD
 * quote; the clock stands on a Wednesday noon so trading sessions are open. The static helpers keep
 * the tests' bodies short; they all go through the one {@link AdminClient}.
 */
abstract class AdminApiFixture {

  static final String PASSWORD = "demo-Pa55word";
  static final String STAFF_PASSWORD = "matrix-Pa55word-1";
  /** Shared by the classes run one after another in a JVM: it only ever moves forward, as each engine expects. */
  static final MutableClock CLOCK = new MutableClock();
  static PgTarget database;
  static Engine engine;
  static int port;
  static AdminClient api;
  static String admin;

  @BeforeAll
  static void startEngine() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "dealing,admin,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD).env("RTX_PRICING_STALE_MS", "600000")
      .env("RTX_ADMIN_LOCKOUT_FAILURES", "3").env("RTX_ADMIN_FOUR_EYES_AMOUNT", "5000");
    port = test.httpPort();
    api = new AdminClient(port, database);
    engine = test.start(CLOCK);
    TestMarket.quote(engine.vertx(), CLOCK, "EURUSD", "1.10000", "1.10002");
    admin = login("admin", PASSWORD);
  }

  @AfterAll
  static void stopEngine() {
    if (engine != null) {
      engine.stop();
      engine = null;
    }
    TestInfra.drop(database);
  }

  /** A staff member's token. */
  static String login(String username, String password) {
    return api.loginStaff(username, password);
  }

  static HttpResponse<String> call(String method, String path, JsonObject body, String token) {
    return api.call(method, path, body, token);
  }

  static HttpResponse<String> call(String method, String path, JsonObject body, String token, String requestId) {
    return api.call(method, path, body, token, requestId);
  }

  static long auditRows(String where) {
    return api.auditRows(where);
  }

  static long balance(long accountId) throws SQLException {
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT balance FROM account WHERE id = " + accountId)) {
      r.next();
      return r.getLong(1);
    }
  }

  static <T> T eventually(Supplier<T> attempt, Predicate<T> done) {
    return Eventually.value(attempt, done);
  }

  /** The TOTP code of {@code secret} now, on the engine's clock. */
  static String code(String secret) {
    return ApiClient.totp(secret, CLOCK);
  }
}
