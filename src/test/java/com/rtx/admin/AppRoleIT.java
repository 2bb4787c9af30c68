package com.rtx.admin;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.ApiClient;
import com.rtx.support.Http;
import com.rtx.support.MutableClock;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import com.rtx.support.TestMarket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine runs as a non-superuser: a LOGIN role whose only rights are those of {@code rtx_app}
 * ({@code pg.url} user), while migrations run as the schema owner ({@code pg.migration-user}).
 * A trade, a settings change (with its audit row) and the audit verification work; the same role
 * cannot UPDATE or DELETE audit rows nor move the chain head (SQLSTATE 42501).
 */
@Timeout(180)
class AppRoleIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static final String APP_ROLE = "rtx_it_app_" + ProcessHandle.current().pid();
  private static final String APP_PASSWORD = "app-Pa55word";
  private static final MutableClock CLOCK = new MutableClock();
  private static PgTarget database;
  private static PgTarget asApp;
  private static Engine engine;
  private static int port;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestInfra.execute(database, "DROP ROLE IF EXISTS " + APP_ROLE);
    TestInfra.execute(database, "CREATE ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
      + APP_PASSWORD + "' IN ROLE rtx_app");
    asApp = new PgTarget(database.host(), database.port(), database.database(), APP_ROLE, APP_PASSWORD);
    TestEngine test = TestEngine.on(database).env("RTX_PG_URL", TestInfra.url(asApp))
      .env("RTX_PG_MIGRATION_USER", database.user())
      .env("RTX_ROLES", "dealing,admin,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD).env("RTX_PRICING_STALE_MS", "600000");
    if (database.password() != null) {
      test.env("RTX_PG_MIGRATION_PASSWORD", database.password());
    }
    port = test.httpPort();
    api = new ApiClient(port);
    engine = test.start(CLOCK);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
    TestInfra.execute(TestInfra.pgServer(), "DROP ROLE IF EXISTS " + APP_ROLE);
  }

  @Test
  void engineTradesAsTheAppRoleWhichCannotRewriteTheAuditLog() throws SQLException {
    try (Connection owner = TestInfra.connect(database); Statement s = owner.createStatement();
         ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE usename = '" + APP_ROLE + "'), "
           + "count(*) FILTER (WHERE usename <> '" + APP_ROLE + "' AND application_name = '') "
           + "FROM pg_stat_activity WHERE datname = '" + database.database() + "'")) {
      r.next();
      assertThat(r.getLong(1)).as("engine connections as " + APP_ROLE).isPositive();
    }
    engine.vertx().eventBus().publish("rtx.prices.EURUSD", new JsonObject().put("symbol", "EURUSD")
      .put("bid", "1.10000").put("ask", "1.10002").put("bidLp", "LP1").put("askLp", "LP1").put("status", "OK")
      .put("sequence", 1).put("lpTime", CLOCK.millis()).put("engineTime", CLOCK.millis()));
    String trader = Http.json(api.call("POST", "/api/v1/auth/login", new JsonObject().put("username", "trader1")
      .put("password", PASSWORD), null)).getString("accessToken");
    JsonObject order = new JsonObject().put("accountId", 100001).put("symbol", "EURUSD").put("side", "BUY")
      .put("type", "MARKET").put("volume", "0.01");
    HttpResponse<String> filled = com.rtx.support.Eventually.value(java.time.Duration.ofSeconds(10),
      () -> api.call("POST", "/api/v1/orders", order, trader), r -> r.statusCode() == 200);
    assertThat(filled.statusCode()).as(filled.body()).isEqualTo(200);
    assertThat(Http.json(filled).getString("status")).isEqualTo("FILLED");

    String admin = Http.json(api.call("POST", "/api/admin/v1/auth/login", new JsonObject().put("username", "admin")
      .put("password", PASSWORD), null)).getString("accessToken");
    HttpResponse<String> changed = api.call("PATCH", "/api/admin/v1/groups/retail-netting",
      new JsonObject().put("maxOpenPositions", 150).put("reason", "app role test"), admin);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(Http.json(api.call("POST", "/api/admin/v1/audit/verify", null, admin)).getString("status")).isEqualTo("OK");

    try (Connection app = TestInfra.connect(asApp); Statement s = app.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT count(*), max(id) FROM audit_log")) {
        r.next();
        assertThat(r.getLong(1)).isPositive();
      }
      assertThatThrownBy(() -> s.execute("UPDATE audit_log SET action = 'forged' WHERE id = 1"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      assertThatThrownBy(() -> s.execute("DELETE FROM audit_log WHERE id = 1"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      assertThatThrownBy(() -> s.execute("UPDATE audit_chain_head SET last_id = 0"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      assertThatThrownBy(() -> s.execute("TRUNCATE audit_log"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }
  }
}
