package com.rtx.admin;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.rtx.support.ApiClient.code;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four eyes counted cumulatively: with a per-operation amount of 10,000, 20,000 per account and
 * 25,000 per staff member per day, splitting does not avoid the second person, parallel requests do
 * not both slip under a limit, and SUPPORT moves no money without approval at all. Leverage is
 * bounded by the group for accounts and by {@code admin.max-leverage} (500 here) for groups.
 */
@Timeout(180)
class FourEyesLimitsIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static final String STAFF_PASSWORD = "limits-Pa55word-1";
  private static final MutableClock CLOCK = new MutableClock();
  private static PgTarget database;
  private static Engine engine;
  private static AdminClient api;
  private static String root;

  @BeforeAll
  static void start() {
    CLOCK.advanceTo(TestMarket.nextWednesdayNoon().toEpochMilli());
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "dealing,admin,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD).env("RTX_ADMIN_FOUR_EYES_AMOUNT", "10000")
      .env("RTX_ADMIN_FOUR_EYES_ACCOUNT_DAILY", "20000").env("RTX_ADMIN_FOUR_EYES_STAFF_DAILY", "25000")
      .env("RTX_ADMIN_MAX_LEVERAGE", "500");
    engine = test.start(CLOCK);
    api = new AdminClient(test.httpPort(), database);
    root = api.loginStaff("admin", PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  private static String staff(String username, String role) {
    HttpResponse<String> created = api.call("POST", "/api/admin/v1/staff", new JsonObject().put("username", username)
      .put("password", STAFF_PASSWORD).put("role", role), root);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return api.loginStaff(username, STAFF_PASSWORD);
  }

  private static HttpResponse<String> move(String token, long accountId, String type, String amount) {
    return api.call("POST", "/api/admin/v1/accounts/" + accountId + "/balance",
      new JsonObject().put("type", type).put("amount", amount).put("reason", "limits test"), token);
  }

  private static long balance(long accountId) {
    return api.count("SELECT balance + credit FROM account WHERE id = " + accountId);
  }

  private static long newAccount(String username) {
    HttpResponse<String> trader = api.call("POST", "/api/admin/v1/traders", new JsonObject().put("username", username)
      .put("password", STAFF_PASSWORD).put("group", "retail-hedging").put("mode", "HEDGING"), root);
    assertThat(trader.statusCode()).as(trader.body()).isEqualTo(201);
    return Http.json(trader).getJsonObject("account").getLong("accountId");
  }

  /** The reproduced split: five DEPOSITs of 10,000 and a CREDIT of 10,000 on one account. */
  @Test
  void splittingADepositDoesNotAvoidTheSecondPerson() {
    String splitter = staff("splitter", "ADMIN");
    long before = balance(100002);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      statuses.add(move(splitter, 100002, "DEPOSIT", "10000").statusCode());
    }
    HttpResponse<String> credit = move(splitter, 100002, "CREDIT", "10000");
    statuses.add(credit.statusCode());
    assertThat(statuses).containsExactly(200, 200, 202, 202, 202, 202);
    assertThat(Http.json(credit).getString("message")).contains("account's", "daily limit");
    assertThat(balance(100002)).as("only the first 20,000 moved").isEqualTo(before + 2_000_000);
    assertThat(api.count("SELECT count(*) FROM balance_request WHERE account_id = 100002 AND status = 'PENDING'"))
      .isEqualTo(4);
  }

  @Test
  void aStaffMembersDailyTotalCountsAcrossAccounts() {
    String spreader = staff("spreader", "ADMIN");
    assertThat(move(spreader, 100001, "DEPOSIT", "10000").statusCode()).isEqualTo(200);
    assertThat(move(spreader, 100001, "WITHDRAWAL", "9000").statusCode()).as("withdrawals count too").isEqualTo(200);
    assertThat(move(spreader, 100003, "CORRECTION", "-5000").statusCode()).as("by absolute amount").isEqualTo(200);
    HttpResponse<String> over = move(spreader, 100003, "DEPOSIT", "1001");
    assertThat(over.statusCode()).as(over.body()).isEqualTo(202);
    assertThat(Http.json(over).getString("message")).contains("staff member's");
    assertThat(api.count("SELECT total FROM balance_daily_total WHERE scope = 'STAFF' AND scope_id = "
      + "(SELECT id FROM staff WHERE username = 'spreader')")).isEqualTo(24_000);
  }

  /** Twelve parallel deposits of 5,000 on a fresh account: exactly four fit under 20,000. */
  @Test
  void parallelRequestsCannotBothSlipUnderTheLimit() throws Exception {
    long account = newAccount("parallel-t");
    List<String> tokens = List.of(staff("racer-1", "ADMIN"), staff("racer-2", "ADMIN"), staff("racer-3", "ADMIN"));
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String token = tokens.get(i % 3);
        sent.add(pool.submit(() -> move(token, account, "DEPOSIT", "5000").statusCode()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : sent) {
        statuses.add(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(statuses.stream().filter(s -> s == 200).count()).as(statuses.toString()).isEqualTo(4);
      assertThat(statuses.stream().filter(s -> s == 202).count()).as(statuses.toString()).isEqualTo(8);
    } finally {
      pool.shutdownNow();
    }
    assertThat(balance(account)).isEqualTo(2_000_000);
  }

  @Test
  void supportMovesNoMoneyWithoutASecondPerson() {
    String support = api.loginStaff("support", PASSWORD);
    long before = balance(100001);
    HttpResponse<String> small = move(support, 100001, "DEPOSIT", "1.00");
    assertThat(small.statusCode()).as(small.body()).isEqualTo(202);
    assertThat(Http.json(small).getString("message")).contains("SUPPORT");
    assertThat(balance(100001)).isEqualTo(before);
  }

  @Test
  void staffCannotGiveAnAccountMoreLeverageThanItsGroup() {
    String support = api.loginStaff("support", PASSWORD);
    HttpResponse<String> created = api.call("POST", "/api/admin/v1/traders", new JsonObject().put("username", "gambler")
      .put("password", STAFF_PASSWORD).put("group", "retail-hedging").put("mode", "HEDGING").put("leverage", 1000), support);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(422);
    assertThat(code(created)).isEqualTo("LEVERAGE_ABOVE_GROUP");
    assertThat(Http.json(created).getJsonObject("error").getString("field")).isEqualTo("leverage");
    assertThat(api.count("SELECT count(*) FROM trader WHERE username = 'gambler'")).isZero();

    HttpResponse<String> group = api.call("PATCH", "/api/admin/v1/groups/retail-hedging",
      new JsonObject().put("leverage", 1000), root);
    assertThat(group.statusCode()).as(group.body()).isEqualTo(422);
    assertThat(code(group)).isEqualTo("LEVERAGE_ABOVE_MAXIMUM");
    assertThat(api.count("SELECT leverage FROM client_group WHERE name = 'retail-hedging'")).isEqualTo(100);
  }
}
