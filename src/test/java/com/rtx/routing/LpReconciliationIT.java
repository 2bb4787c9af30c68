package com.rtx.routing;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.ApiClient;
import com.rtx.support.Eventually;
import com.rtx.support.Http;
import com.rtx.support.MutableClock;
import com.rtx.support.Ports;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import com.rtx.support.TestMarket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation of the house position at each LP with the platform's record, over real FIX with
 * the simulator on 127.0.0.1 and real PostgreSQL: the router asks every 300 ms
 * (RequestForPositions → RequestForPositionsAck + PositionReports); a difference of at most 0.5 lot
 * is repaired once with an audited IOC order, a larger one is alerted and left alone; an LP that
 * refuses the request is UNSUPPORTED and reconciled from its own fills (FILLS), a limit-only LP repaired
 * with a limit; the dealer desk serves the latest state to the roles allowed.
 */
@Timeout(300)
class LpReconciliationIT {

  private static final String PASSWORD = "recon-Pa55word";
  private static final MutableClock CLOCK = new MutableClock();
  private static PgTarget database;
  private static Engine engine;
  private static ApiClient api;
  private static int control;
  private static int management;

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "lp-sim,pricing,router,dealing,gateway,admin")
      .env("RTX_DEMO_ENABLED", "true").env("RTX_DEMO_PASSWORD", PASSWORD)
      .env("RTX_LPSIM_PORT", String.valueOf(Ports.free()))
      .env("RTX_LPSIM_CONTROL_PORT", String.valueOf(control = Ports.free()))
      .env("RTX_DEALING_LP_TIMEOUT_MS", "1000").env("RTX_DEALING_TIMER_MS", "100")
      .env("RTX_PRICING_FIX_RECONNECT_S", "1").env("RTX_ROUTER_RECONNECT_S", "1")
      .env("RTX_ROUTER_ACQUIRE_INTERVAL_MS", "200").env("RTX_ROUTER_STATUS_PUBLISH_MS", "200")
      .env("RTX_ROUTER_RECONCILE_INTERVAL_MS", "300").env("RTX_ROUTER_RECONCILE_TIMEOUT_MS", "3000")
      .env("RTX_ROUTER_RECONCILE_REPAIR_MAX_LOTS", "0.5");
    api = new ApiClient(test.httpPort());
    management = test.managementPort();
    engine = test.start(CLOCK);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @AfterEach
  void resetSimulator() {
    control("/reset", null);
  }

  @Test
  void aBookFillsAtTheLpMatchThePlatformsRecord() {
    String token = api.loginTrader("trader2", PASSWORD);
    Eventually.await("an A-Book fill", Duration.ofSeconds(90),
      () -> "FILLED".equals(order(token, "EURUSD", "0.10").getString("status")));
    // The platform's record of EURUSD at the LP that filled (LP1 unless it refused) equals the LP's report.
    List<String> line = Eventually.value(Duration.ofSeconds(60), () -> latestLine("LP1", "EURUSD"),
      l -> l != null && "MATCH".equals(l.get(3)) && l.get(1) != null && !"0".equals(l.get(1)));
    assertThat(line.get(0)).as("LP lots").isEqualTo(line.get(1));
    assertThat(scalar("SELECT outcome FROM lp_reconciliation_run WHERE lp = 'LP1' ORDER BY id DESC LIMIT 1"))
      .isIn("OK", "DIFFERENCE");
    assertThat(scalar("SELECT count(*) FROM lp_reconciliation_run WHERE lp = 'LP2' AND outcome = 'OK'"))
      .as("LP2 answers too").isNotEqualTo("0");
  }

  @Test
  void anOrphanWithinTheMaximumIsRepairedOnceAndThenMatches() {
    awaitRuns("LP1");
    control("/lps/LP1/positions/USDJPY/adjust", new JsonObject().put("units", "30000"));
    String repair = Eventually.value(Duration.ofSeconds(60),
      () -> scalar("SELECT status || ' ' || side || ' ' || lots::text || ' ' || units::text FROM lp_position_repair "
        + "WHERE lp = 'LP1' AND symbol = 'USDJPY' ORDER BY id DESC LIMIT 1"),
      r -> r != null && r.startsWith("FILLED"));
    assertThat(repair).isEqualTo("FILLED SELL 0.30000000 30000.00000000");
    long afterRepair = runs("LP1");
    List<String> line = Eventually.value(Duration.ofSeconds(60), () -> latestLine("LP1", "USDJPY"),
      l -> l != null && "MATCH".equals(l.get(3)));
    assertThat(line.get(0)).as("the LP is flat again").isEqualTo("0.00000000");
    // Several later runs: still one repair, still matching.
    Eventually.await("three more runs", Duration.ofSeconds(60), () -> runs("LP1") >= afterRepair + 3);
    assertThat(scalar("SELECT count(*) FROM lp_position_repair WHERE lp = 'LP1' AND symbol = 'USDJPY'")).isEqualTo("1");
    assertThat(scalar("SELECT count(*) FROM lp_reconciliation WHERE lp = 'LP1' AND symbol = 'USDJPY' "
      + "AND outcome = 'ORPHAN' AND action = 'REPAIR'")).isEqualTo("1");
    assertThat(scalar("SELECT count(*) FROM audit_log WHERE action = 'lp.position.repair' AND target_id = 'LP1/USDJPY' "
      + "AND before->>'differenceLots' = '0.3' AND before->>'outcome' = 'ORPHAN' AND after->>'side' = 'SELL'"))
      .as("audited with the evidence").isEqualTo("1");
    assertThat(simPositions("LP1").getString("USDJPY", "0")).isIn("0", "0.0", "0.00");
  }

  @Test
  void aDifferenceBeyondTheMaximumIsAlertedAndNotRepaired() {
    awaitRuns("LP2");
    control("/lps/LP2/positions/GBPUSD/adjust", new JsonObject().put("units", "-200000"));
    List<String> line = Eventually.value(Duration.ofSeconds(60), () -> latestLine("LP2", "GBPUSD"),
      l -> l != null && "ORPHAN".equals(l.get(3)));
    assertThat(line).containsExactly("-2.00000000", "0.00000000", "-2.00000000", "ORPHAN", "ALERT");
    long alerted = runs("LP2");
    Eventually.await("two more runs", Duration.ofSeconds(60), () -> runs("LP2") >= alerted + 2);
    assertThat(scalar("SELECT count(*) FROM lp_position_repair WHERE lp = 'LP2' AND symbol = 'GBPUSD'"))
      .as("never repaired").isEqualTo("0");
    assertThat(simPositions("LP2").getString("GBPUSD")).isEqualTo("-200000");
    String scrape = Http.get(management, "/metrics").body();
    assertThat(scrape).contains("rtx_lp_reconciliation_unresolved{lp=\"LP2\"} 1.0")
      .contains("rtx_lp_position_difference{lp=\"LP2\",symbol=\"GBPUSD\"} -2.0")
      .containsPattern("rtx_lp_reconciliation_runs_total\\{lp=\"LP2\",outcome=\"DIFFERENCE\"\\} [1-9]");

    String dealer = api.loginStaff("dealer", PASSWORD);
    HttpResponse<String> desk = api.get("/api/admin/v1/lp-reconciliation?lp=LP2", dealer);
    assertThat(desk.statusCode()).as(desk.body()).isEqualTo(200);
    JsonObject body = Http.json(desk);
    JsonObject gbp = body.getJsonArray("positions").stream().map(JsonObject.class::cast)
      .filter(p -> "GBPUSD".equals(p.getString("symbol"))).findFirst().orElseThrow();
    assertThat(gbp.getString("differenceLots")).isEqualTo("-2.00000000");
    assertThat(gbp.getString("action")).isEqualTo("ALERT");
    assertThat(body.getJsonArray("runs").stream().map(JsonObject.class::cast).map(r -> r.getString("lp")))
      .containsExactly("LP2");

    control("/lps/LP2/positions/GBPUSD/adjust", new JsonObject().put("units", "200000"));
    Eventually.value(Duration.ofSeconds(60), () -> latestLine("LP2", "GBPUSD"), l -> l != null && "MATCH".equals(l.get(3)));
  }

  @Test
  void anLpThatRefusesRequestForPositionsIsUnsupportedAndReconciledFromItsFills() {
    awaitRuns("LP2");
    control("/lps/LP2/orders/refuse-positions", null);
    String detail = Eventually.value(Duration.ofSeconds(60),
      () -> scalar("SELECT outcome || ': ' || coalesce(detail, '') FROM lp_reconciliation_run WHERE lp = 'LP2' "
        + "AND source = 'AN' ORDER BY id DESC LIMIT 1"), d -> d != null && d.startsWith("UNSUPPORTED"));
    assertThat(detail).contains("BusinessMessageReject");
    long refused = Long.parseLong(scalar("SELECT max(id) FROM lp_reconciliation_run WHERE lp = 'LP2' AND source = 'AN' "
      + "AND outcome = 'UNSUPPORTED'"));
    Eventually.await("reconciled from its fills", Duration.ofSeconds(60), () -> String.valueOf(scalar(
      "SELECT outcome FROM lp_reconciliation_run WHERE lp = 'LP2' AND source = 'FILLS' AND id > " + refused
        + " ORDER BY id DESC LIMIT 1")).matches("OK|DIFFERENCE"));
    control("/reset", null);
    // AN is tried again every 20 runs (300 ms apart here).
    Eventually.await("answered again", Duration.ofSeconds(60), () -> String.valueOf(
      scalar("SELECT outcome FROM lp_reconciliation_run WHERE lp = 'LP2' ORDER BY id DESC LIMIT 1")).matches("OK|DIFFERENCE")
      && "AN".equals(scalar("SELECT source FROM lp_reconciliation_run WHERE lp = 'LP2' ORDER BY id DESC LIMIT 1")));
  }

  /**
   * Both LPs refuse RequestForPositions: their position is the net of their own fills. A fill
   * matches; an LP that fills twice what it was asked (the simulator's overfill) holds an orphan the
   * platform never booked, repaired within the maximum — and since the LPs take limit orders only
   * (execution profile LIMIT_IOC), the repair goes out as a limit IOC at the quote ± the deviation.
   */
  @Test
  void anLpRefusingPositionRequestsIsReconciledFromItsFillsAndALimitOnlyLpIsRepairedWithALimit() {
    awaitRuns("LP1");
    awaitRuns("LP2");
    String admin = api.loginStaff("admin", PASSWORD);
    String token = api.loginTrader("trader2", PASSWORD);
    for (String lp : new String[] {"LP1", "LP2"}) {
      control("/lps/" + lp + "/orders/refuse-positions", null);
    }
    for (String lp : new String[] {"LP1", "LP2"}) {
      Eventually.await(lp + " reconciled from its fills", Duration.ofSeconds(60), () -> !"0".equals(scalar(
        "SELECT count(*) FROM lp_reconciliation_run WHERE lp = '" + lp + "' AND source = 'FILLS'")));
    }
    JsonObject first = Eventually.value(Duration.ofSeconds(90), () -> order(token, "AUDUSD", "0.10"),
      r -> "FILLED".equals(r.getString("status")));
    String lp = lpOf(first.getLong("orderId"));
    List<String> match = Eventually.value(Duration.ofSeconds(60), () -> latestLine(lp, "AUDUSD", "FILLS"),
      l -> l != null && "MATCH".equals(l.get(3)) && l.get(0) != null && !"0.00000000".equals(l.get(0)));
    assertThat(match.get(0)).as("the LP's fills equal the platform's record").isEqualTo(match.get(1));

    // From here the profile says so too (positionRequests false): no AN is sent even once the LP would answer.
    JsonObject limitOnly = new JsonObject().put("orderStyle", "LIMIT_IOC").put("maxDeviationPoints", 50)
      .put("timesInForce", new JsonArray().add("IOC").add("FOK")).put("positionRequests", false);
    try {
      for (String each : new String[] {"LP1", "LP2"}) {
        HttpResponse<String> saved = api.call("PATCH", "/api/admin/v1/lps/" + each, new JsonObject()
          .put("executionProfile", limitOnly).put("reason", "takes limit orders only"), admin);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
      }
      Eventually.await("the router reloaded the profiles", Duration.ofSeconds(30), () -> Http.get(management,
        "/health/dependencies/router").body().split("LIMIT_IOC", -1).length == 3);
      long reloaded = Long.parseLong(scalar("SELECT max(id) FROM lp_reconciliation_run"));
      for (String each : new String[] {"LP1", "LP2"}) {
        // A FILLS run after the reload: any AN begun before it has ended (an LP has one run at a time).
        Eventually.await(each + " reconciled under its new profile", Duration.ofSeconds(30), () -> !"0".equals(scalar(
          "SELECT count(*) FROM lp_reconciliation_run WHERE lp = '" + each + "' AND source = 'FILLS' AND id > " + reloaded)));
      }
      long profiled = Long.parseLong(scalar("SELECT max(id) FROM lp_reconciliation_run"));
      for (String each : new String[] {"LP1", "LP2"}) {
        control("/lps/" + each + "/orders/resume", null); // would answer AN again
        control("/lps/" + each + "/orders/overfill", null);
      }
      JsonObject second = Eventually.value(Duration.ofSeconds(90), () -> order(token, "AUDUSD", "0.10"),
        r -> "FILLED".equals(r.getString("status")));
      String overfilled = lpOf(second.getLong("orderId"));
      List<String> orphan = Eventually.value(Duration.ofSeconds(60), () -> firstLine(overfilled, "AUDUSD", "FILLS",
        "ORPHAN"), l -> l != null);
      assertThat(new java.math.BigDecimal(orphan.get(0)).subtract(new java.math.BigDecimal(orphan.get(1))))
        .as("the LP filled 0.1 lot more than the platform booked").isEqualByComparingTo("0.1");
      assertThat(orphan.subList(2, 5)).containsExactly("0.10000000", "ORPHAN", "REPAIR");
      String repair = Eventually.value(Duration.ofSeconds(60),
        () -> scalar("SELECT status || ' ' || side || ' ' || lots::text FROM lp_position_repair WHERE lp = '"
          + overfilled + "' AND symbol = 'AUDUSD' ORDER BY id DESC LIMIT 1"), r -> r != null && !r.startsWith("SENT"));
      assertThat(repair).isEqualTo("FILLED SELL 0.10000000");
      String clOrdId = scalar("SELECT cl_ord_id FROM lp_position_repair WHERE lp = '" + overfilled
        + "' AND symbol = 'AUDUSD' ORDER BY id DESC LIMIT 1");
      JsonObject wire = Http.json(Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control + "/lps/"
        + overfilled + "/dialect")).GET())).getJsonObject("lastOrder");
      assertThat(wire.getString("clOrdId")).isEqualTo(clOrdId);
      assertThat(wire.getString("ordType")).as("a limit-only LP is repaired with a limit (40=2)").isEqualTo("2");
      assertThat(wire.getString("timeInForce")).as("IOC").isEqualTo("3");
      assertThat(wire.getString("price")).isNotNull();
      assertThat(scalar("SELECT after->>'ordType' || ' ' || (after->>'timeInForce') || ' ' || (before->>'source') "
        + "FROM audit_log WHERE action = 'lp.position.repair' AND after->>'clOrdId' = '" + clOrdId + "'"))
        .as("audited as sent").isEqualTo("LIMIT IOC FILLS");
      List<String> repaired = Eventually.value(Duration.ofSeconds(60), () -> latestLine(overfilled, "AUDUSD", "FILLS"),
        l -> l != null && "MATCH".equals(l.get(3)));
      assertThat(repaired.get(0)).as("the LP's fills, repair included, equal the platform's record")
        .isEqualTo(repaired.get(1));
      assertThat(simPositions(overfilled).getString("AUDUSD")).as("the LP's book holds what the platform recorded")
        .isEqualTo(new java.math.BigDecimal(repaired.get(1)).multiply(new java.math.BigDecimal(
          scalar("SELECT contract_size::text FROM symbol WHERE name = 'AUDUSD'")))
          .stripTrailingZeros().toPlainString());
      Eventually.await("more runs than the AN retry interval", Duration.ofSeconds(60), () -> Long.parseLong(scalar(
        "SELECT count(*) FROM lp_reconciliation_run WHERE lp = '" + overfilled + "' AND id > " + profiled))
        > LpReconciler.AN_RETRY_RUNS + 2);
      assertThat(scalar("SELECT count(*) FROM lp_reconciliation_run WHERE source = 'AN' AND id > " + profiled))
        .as("an LP whose profile says positionRequests false is never sent a RequestForPositions").isEqualTo("0");
      HttpResponse<String> desk = api.get("/api/admin/v1/lp-reconciliation?lp=" + overfilled, admin);
      assertThat(desk.statusCode()).as(desk.body()).isEqualTo(200);
      assertThat(Http.json(desk).getJsonArray("runs").getJsonObject(0).getString("source")).isEqualTo("FILLS");
    } finally {
      for (String each : new String[] {"LP1", "LP2"}) {
        api.call("PATCH", "/api/admin/v1/lps/" + each, new JsonObject().putNull("executionProfile")
          .put("reason", "back to the default profile"), admin);
      }
    }
  }

  /**
   * A fill the LP never reported: the LP acknowledges the order, its shard's one status request
   * (after a second of silence) is answered New, and the LP then fills it without a report
   * (silent-fill). While the order is open its symbol is IN_FLIGHT — never a missing hedge; the
   * FILLS run's status request for the open order finds the fill, the shard books it, and the next
   * run matches.
   */
  @Test
  void aFillTheLpNeverReportedIsFoundByTheReconcilersStatusRequest() {
    awaitRuns("LP1");
    awaitRuns("LP2");
    String token = api.loginTrader("trader2", PASSWORD);
    for (String lp : new String[] {"LP1", "LP2"}) {
      control("/lps/" + lp + "/orders/refuse-positions", null);
    }
    JsonObject first = Eventually.value(Duration.ofSeconds(90), () -> order(token, "NZDUSD", "0.10"),
      r -> "FILLED".equals(r.getString("status")));
    String lp = lpOf(first.getLong("orderId"));
    Eventually.value(Duration.ofSeconds(60), () -> latestLine(lp, "NZDUSD", "FILLS"),
      l -> l != null && "MATCH".equals(l.get(3)) && !"0.00000000".equals(l.get(0)));
    control("/lps/" + lp + "/orders/silent-fill", null);
    // Orders go where the best quote is: one reaches the silent LP (any other fills as usual).
    JsonObject silent = Eventually.value(Duration.ofSeconds(90), () -> order(token, "NZDUSD", "0.10"),
      r -> r.getValue("orderId") != null && lp.equals(lpOf(r.getLong("orderId")))
        && !"FILLED".equals(r.getString("status")));
    long orderId = silent.getLong("orderId");
    assertThat(silent.getString("status")).as(silent.encode()).isEqualTo("SENT_TO_LP");
    List<String> inFlight = Eventually.value(Duration.ofSeconds(30), () -> firstLine(lp, "NZDUSD", "FILLS", "IN_FLIGHT"),
      l -> l != null);
    assertThat(inFlight.get(4)).isEqualTo("NONE");
    Eventually.await("the fill found and booked", Duration.ofSeconds(60),
      () -> "FILLED".equals(scalar("SELECT status FROM trade_order WHERE id = " + orderId)));
    assertThat(scalar("SELECT string_agg(report->>'execType' || ' ' || (report->>'ordStatus'), ',') FROM lp_execution "
      + "WHERE order_id = " + orderId)).as("known from the LP's status answer only").isEqualTo("ORDER_STATUS FILLED");
    List<String> matched = Eventually.value(Duration.ofSeconds(60), () -> latestLine(lp, "NZDUSD", "FILLS"),
      l -> l != null && "MATCH".equals(l.get(3)));
    assertThat(matched.get(0)).isEqualTo(matched.get(1));
    assertThat(scalar("SELECT count(*) FROM lp_reconciliation WHERE lp = '" + lp + "' AND symbol = 'NZDUSD' "
      + "AND outcome IN ('MISSING_HEDGE', 'ORPHAN')")).as("never called a difference").isEqualTo("0");
    assertThat(scalar("SELECT count(*) FROM lp_position_repair WHERE symbol = 'NZDUSD'")).isEqualTo("0");
  }

  @Test
  void theDeskServesTheReconciliationToDealersAndAdminsOnly() {
    awaitRuns("LP1");
    for (String staff : new String[] {"admin", "dealer"}) {
      HttpResponse<String> r = api.get("/api/admin/v1/lp-reconciliation", api.loginStaff(staff, PASSWORD));
      assertThat(r.statusCode()).as(staff + ": " + r.body()).isEqualTo(200);
      JsonArray runs = Http.json(r).getJsonArray("runs");
      assertThat(runs.stream().map(JsonObject.class::cast).map(j -> j.getString("lp"))).contains("LP1");
    }
    HttpResponse<String> support = api.get("/api/admin/v1/lp-reconciliation", api.loginStaff("support", PASSWORD));
    assertThat(support.statusCode()).as(support.body()).isEqualTo(403);
    HttpResponse<String> anonymous = api.get("/api/admin/v1/lp-reconciliation", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> hostile = api.get("/api/admin/v1/lp-reconciliation?lp=%27%3B%20DROP", api.loginStaff("admin",
      PASSWORD));
    assertThat(hostile.statusCode()).as(hostile.body()).isEqualTo(400);
  }

  /**
   * Finding: a stop loss of an A-Book position is booked at the broker (no order to the LP), so the
   * hedge stays at the LP; the platform's record of that LP keeps it too, so reconciliation shows
   * no difference — the open hedge is house exposure, not a reconciliation break.
   */
  @Test
  void aStopLossOfAnABookPositionClosesAtTheBrokerAndTheHedgeStaysAtTheLpWithoutADifference() {
    String token = api.loginTrader("trader2", PASSWORD);
    JsonObject filled = Eventually.value(Duration.ofSeconds(90), () -> order(token, "USDCHF", "0.20"),
      r -> "FILLED".equals(r.getString("status")));
    JsonObject deal = filled.getJsonArray("events").stream().map(JsonObject.class::cast)
      .filter(e -> "deal.executed".equals(e.getString("type"))).findFirst().orElseThrow().getJsonObject("deal");
    String lp = deal.getJsonObject("quote").getString("askLp");
    long positionId = deal.getLong("positionId");
    String sl = new java.math.BigDecimal(deal.getString("price")).subtract(new java.math.BigDecimal("0.00300"))
      .toPlainString();
    HttpResponse<String> modified = api.call("PATCH", "/api/v1/accounts/100003/positions/" + positionId,
      new JsonObject().put("sl", sl), token);
    assertThat(modified.statusCode()).as(modified.body()).isLessThan(300);
    for (String each : new String[] {"LP1", "LP2"}) {
      control("/lps/" + each + "/symbols/USDCHF/spike", new JsonObject().put("points", -2000).put("persist", true));
    }
    String close = Eventually.value(Duration.ofSeconds(60), () -> scalar("SELECT d.reason || ' ' || coalesce(o.lp, 'none') "
      + "FROM deal d LEFT JOIN trade_order o ON o.id = d.order_id WHERE d.position_id = " + positionId
      + " AND d.entry <> 'IN'"), c -> c != null);
    assertThat(close).as("closed by its stop loss at the broker, not at an LP").isEqualTo("STOP_LOSS none");
    assertThat(simPositions(lp).getString("USDCHF")).as("the hedge stays at " + lp).isEqualTo("20000");
    long closed = runs(lp);
    Eventually.await("two runs after the close", Duration.ofSeconds(60), () -> runs(lp) >= closed + 2);
    List<String> line = Eventually.value(Duration.ofSeconds(60), () -> latestLine(lp, "USDCHF"),
      l -> l != null && "MATCH".equals(l.get(3)));
    assertThat(line).as("no difference flagged").startsWith("0.20000000", "0.20000000");
    for (String each : new String[] {"LP1", "LP2"}) {
      control("/lps/" + each + "/symbols/USDCHF/spike", new JsonObject().put("points", 2000).put("persist", true));
    }
  }

  /**
   * An LP counting XAGUSD in lots of its own size (1000 oz; the platform's lot is 5000 oz): its
   * PositionReport is read in those lots, so an A-Book fill matches the platform's record (read as
   * the platform's lots it would be five times the position and "repaired"), and an orphan is
   * repaired with an order in its lots. Left over when the LPs count units again: a difference
   * within the repair maximum, which the next runs repair.
   */
  @Test
  void anLpCountingLotsOfItsOwnSizeIsComparedAndRepairedInThem() {
    String token = api.loginTrader("trader2", PASSWORD);
    String admin = api.loginStaff("admin", PASSWORD);
    try {
      for (String lp : new String[] {"LP1", "LP2"}) {
        control("/lps/" + lp + "/dialect", new JsonObject().put("quantityUnit", "LOTS")
          .put("lotSizes", new JsonObject().put("XAGUSD", "1000")));
        HttpResponse<String> changed = api.call("PATCH", "/api/admin/v1/lps/" + lp, new JsonObject()
          .put("quantityUnit", "LOTS").put("contractSizes", new JsonObject().put("XAGUSD", "1000"))
          .put("reason", "LP counts silver in 1000-oz lots"), admin);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
      }
      JsonObject filled = Eventually.value(Duration.ofSeconds(90), () -> order(token, "XAGUSD", "0.10"),
        r -> "FILLED".equals(r.getString("status")));
      String lp = filled.getJsonArray("events").stream().map(JsonObject.class::cast)
        .filter(e -> "deal.executed".equals(e.getString("type"))).findFirst().orElseThrow().getJsonObject("deal")
        .getJsonObject("quote").getString("askLp");
      // 0.10 lot = 500 oz = 0.5 of the LP's lots (more if an order of the retries above filled late).
      List<String> line = Eventually.value(Duration.ofSeconds(60), () -> latestLine(lp, "XAGUSD"),
        l -> l != null && "MATCH".equals(l.get(3)) && new java.math.BigDecimal(l.get(0)).signum() > 0);
      java.math.BigDecimal atLp = new java.math.BigDecimal(simPositions(lp).getString("XAGUSD"));
      assertThat(atLp).as("0.5 of the LP's lots per 0.10 lot filled").isGreaterThanOrEqualTo(new java.math.BigDecimal("0.5"));
      assertThat(new java.math.BigDecimal(line.get(0))).as("the LP's lots of 1000 oz read as ours of 5000")
        .isEqualByComparingTo(atLp.divide(java.math.BigDecimal.valueOf(5)));

      // 0.2 of the LP's lots more = 200 oz = 0.04 lot: sold back as 0.2 of its lots.
      control("/lps/" + lp + "/positions/XAGUSD/adjust", new JsonObject().put("units", "0.2"));
      String repair = Eventually.value(Duration.ofSeconds(60),
        () -> scalar("SELECT status || ' ' || side || ' ' || lots::text || ' ' || units::text FROM lp_position_repair "
          + "WHERE lp = '" + lp + "' AND symbol = 'XAGUSD' ORDER BY id DESC LIMIT 1"),
        r -> r != null && r.startsWith("FILLED"));
      assertThat(repair).isEqualTo("FILLED SELL 0.04000000 200.00000000");
      Eventually.value(Duration.ofSeconds(60), () -> latestLine(lp, "XAGUSD"),
        l -> l != null && "MATCH".equals(l.get(3)) && new java.math.BigDecimal(l.get(0)).compareTo(
          new java.math.BigDecimal(line.get(0))) == 0);
      assertThat(new java.math.BigDecimal(simPositions(lp).getString("XAGUSD"))).isEqualByComparingTo(atLp);
    } finally {
      for (String lp : new String[] {"LP1", "LP2"}) {
        HttpResponse<String> back = api.call("PATCH", "/api/admin/v1/lps/" + lp, new JsonObject()
          .put("quantityUnit", "UNITS").put("contractSizes", new JsonObject()), admin);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
      }
    }
  }

  private static void awaitRuns(String lp) {
    Eventually.await(lp + " reconciled", Duration.ofSeconds(90), () -> runs(lp) > 0);
  }

  private static long runs(String lp) {
    return Long.parseLong(scalar("SELECT count(*) FROM lp_reconciliation_run WHERE lp = '" + lp + "'"));
  }

  /** lp_lots, platform_lots, difference_lots, outcome, action of the latest line, or null. */
  private static List<String> latestLine(String lp, String symbol) {
    return line("SELECT lp_lots::text, platform_lots::text, difference_lots::text, outcome, action FROM lp_reconciliation "
      + "WHERE lp = '" + lp + "' AND symbol = '" + symbol + "' ORDER BY id DESC LIMIT 1");
  }

  /** lp_lots, platform_lots, difference_lots, outcome, action of the latest line of {@code source}, or null. */
  private static List<String> latestLine(String lp, String symbol, String source) {
    return line("SELECT lp_lots::text, platform_lots::text, difference_lots::text, outcome, action FROM lp_reconciliation "
      + "WHERE lp = '" + lp + "' AND symbol = '" + symbol + "' AND source = '" + source + "' ORDER BY id DESC LIMIT 1");
  }

  /** The first line of {@code source} with {@code outcome}, or null. */
  private static List<String> firstLine(String lp, String symbol, String source, String outcome) {
    return line("SELECT lp_lots::text, platform_lots::text, difference_lots::text, outcome, action FROM lp_reconciliation "
      + "WHERE lp = '" + lp + "' AND symbol = '" + symbol + "' AND source = '" + source + "' AND outcome = '" + outcome
      + "' ORDER BY id LIMIT 1");
  }

  private static List<String> line(String sql) {
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        return null;
      }
      List<String> line = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        line.add(rs.getString(i));
      }
      return line;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String lpOf(long orderId) {
    return scalar("SELECT lp FROM trade_order WHERE id = " + orderId);
  }

  private static String scalar(String sql) {
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject simPositions(String lp) {
    HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control + "/lps/" + lp
      + "/positions")).GET());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Http.json(r).getJsonObject("positions");
  }

  private static void control(String path, JsonObject body) {
    HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control + path))
      .header("Content-Type", "application/json")
      .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode())));
    assertThat(r.statusCode()).as(path + ": " + r.body()).isLessThan(300);
  }

  private static JsonObject order(String token, String symbol, String volume) {
    return Http.json(api.post("/api/v1/orders", new JsonObject().put("accountId", 100003).put("symbol", symbol)
      .put("side", "BUY").put("type", "MARKET").put("volume", volume), token));
  }
}
