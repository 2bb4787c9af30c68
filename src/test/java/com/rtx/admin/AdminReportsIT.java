package com.rtx.admin;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.ApiClient;
import com.rtx.support.Http;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports on a fixture of one trade date (2021-03-10): B-Book deals of two clients, an A-Book
 * client deal (its order went to LP1), a house (hedge) account's deal, and equity snapshots giving
 * floating P&amp;L. House P&amp;L equals minus the clients' B-Book P&amp;L (realized + floating) plus
 * the hedge P&amp;L, per account, group and symbol; blotter filters and CSV export.
 */
@Timeout(120)
class AdminReportsIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static ApiClient api;
  private static String admin;

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "admin,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD);
    port = test.httpPort();
    api = new ApiClient(port);
    engine = test.start();
    admin = Http.json(call("/api/admin/v1/auth/login", "POST", new JsonObject().put("username", "admin")
      .put("password", PASSWORD), null)).getString("accessToken");
    HttpResponse<String> house = call("/api/admin/v1/groups", "POST", new JsonObject().put("name", "house-hedge")
      .put("markupProfile", "raw").put("execution", "A_BOOK").put("house", true), admin);
    assertThat(house.statusCode()).as(house.body()).isEqualTo(201);
    TestInfra.execute(database, """
      INSERT INTO account (id, trader_id, group_name, currency, leverage, mode) VALUES (200001, 1, 'house-hedge', 'USD', 100, 'HEDGING');
      INSERT INTO trade_order (id, account_id, symbol, side, type, volume, price, stop_limit_price, sl, tp, trailing_points,
        time_in_force, position_id, triggered, status, created_at, updated_at, lp) VALUES
        (9001, 100001, 'EURUSD', 'BUY', 'MARKET', 100, 0, 0, 0, 0, 0, 'IOC', 0, false, 'FILLED', '2021-03-10T12:00Z', '2021-03-10T12:00Z', NULL),
        (9002, 100002, 'EURUSD', 'SELL', 'MARKET', 100, 0, 0, 0, 0, 0, 'IOC', 0, false, 'FILLED', '2021-03-10T12:00Z', '2021-03-10T12:00Z', NULL),
        (9003, 100003, 'EURUSD', 'BUY', 'MARKET', 100, 0, 0, 0, 0, 0, 'IOC', 0, false, 'FILLED', '2021-03-10T12:00Z', '2021-03-10T12:00Z', 'LP1'),
        (9004, 200001, 'EURUSD', 'SELL', 'MARKET', 100, 0, 0, 0, 0, 0, 'IOC', 0, false, 'FILLED', '2021-03-10T12:00Z', '2021-03-10T12:00Z', 'LP1');
      INSERT INTO deal (id, account_id, order_id, position_id, symbol, side, volume, price, entry, reason, realized_pnl,
        commission, time, quote, batch_id) VALUES
        (8001, 100001, 9001, 7001, 'EURUSD', 'BUY', 100, 110000, 'OUT', 'CLIENT', 5000, 0, '2021-03-10T12:00Z', '{}', 0),
        (8002, 100002, 9002, 7002, 'EURUSD', 'SELL', 100, 110010, 'OUT', 'CLIENT', -12000, 350, '2021-03-10T13:00Z', '{}', 0),
        (8003, 100003, 9003, 7003, 'EURUSD', 'BUY', 100, 110020, 'OUT', 'CLIENT', 7000, 250, '2021-03-10T14:00Z', '{}', 0),
        (8004, 200001, 9004, 7004, 'EURUSD', 'SELL', 100, 110030, 'OUT', 'CLIENT', -3000, 0, '2021-03-10T15:00Z', '{}', 0),
        (8005, 100001, 9001, 7005, 'EURUSD', 'BUY', 100, 110000, 'IN', 'CLIENT', 0, 0, '2021-03-11T12:00Z', '{}', 0);
      -- the A-Book fill earned the broker 4.00 of markup on top of its 2.50 commission
      UPDATE deal SET lp_markup = 400 WHERE id = 8003;
      INSERT INTO equity_snapshot (account_id, trade_date, taken_at, balance, credit, equity, margin) VALUES
        (100001, '2021-03-09', '2021-03-09T22:00Z', 100000, 0, 101000, 0),
        (100001, '2021-03-10', '2021-03-10T22:00Z', 105000, 0, 109000, 0),
        (100002, '2021-03-10', '2021-03-10T22:00Z', 100000, 0, 98000, 0),
        (100003, '2021-03-10', '2021-03-10T22:00Z', 100000, 0, 190000, 0),
        (200001, '2021-03-10', '2021-03-10T22:00Z', 100000, 0, 100500, 0);
      INSERT INTO exposure_snapshot (taken_at, symbol, client_net, house_hedge, unhedged, node) VALUES
        ('2021-03-10T12:00Z', 'EURUSD', -12.5, 10, -2.5, 'n1'), ('2021-03-10T12:01Z', 'EURUSD', -12.5, 12, -0.5, 'n1'),
        ('2021-03-10T12:00Z', 'GBPUSD', 3, 0, 3, 'n1');
      """);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @Test
  void housePnlIsMinusTheClientsBBookPnlPlusTheHedgePnl() {
    Map<String, JsonObject> byAccount = rows("account");
    assertThat(byAccount.keySet()).containsExactlyInAnyOrder("100001", "100002", "100003", "200001");
    assertRow(byAccount.get("100001"), "50.00", "30.00", "-80.00", "0.00", "-80.00");
    assertRow(byAccount.get("100002"), "-120.00", "-20.00", "140.00", "0.00", "140.00");
    assertRow(byAccount.get("100003"), "0.00", "0.00", "0.00", "0.00", "0.00");
    assertRow(byAccount.get("200001"), "0.00", "0.00", "0.00", "-25.00", "-25.00");
    assertThat(byAccount.get("100002").getString("bBookCommission")).isEqualTo("3.50");
    assertThat(byAccount.get("100003").getString("aBookRevenue")).as("commission 2.50 + markup 4.00").isEqualTo("6.50");

    BigDecimal clientsBBook = BigDecimal.ZERO;
    BigDecimal hedge = BigDecimal.ZERO;
    BigDecimal house = BigDecimal.ZERO;
    for (JsonObject row : byAccount.values()) {
      clientsBBook = clientsBBook.add(new BigDecimal(row.getString("clientRealizedBBook")))
        .add(new BigDecimal(row.getString("clientFloatingBBook")));
      hedge = hedge.add(new BigDecimal(row.getString("hedgePnl")));
      house = house.add(new BigDecimal(row.getString("housePnl")));
    }
    assertThat(house).isEqualByComparingTo(clientsBBook.negate().add(hedge)).isEqualByComparingTo("35");

    Map<String, JsonObject> byGroup = rows("group");
    assertRow(byGroup.get("retail-hedging"), "50.00", "30.00", "-80.00", "0.00", "-80.00");
    assertRow(byGroup.get("house-hedge"), "0.00", "0.00", "0.00", "-25.00", "-25.00");
    Map<String, JsonObject> bySymbol = rows("symbol");
    assertThat(bySymbol.keySet()).containsExactly("EURUSD");
    JsonObject eurusd = bySymbol.get("EURUSD");
    assertThat(eurusd.getString("clientRealizedBBook")).isEqualTo("-70.00");
    assertThat(eurusd.getValue("clientFloatingBBook")).isNull();
    assertThat(eurusd.getString("housePnl")).isEqualTo("40.00");
    assertThat(eurusd.getLong("deals")).isEqualTo(4);
  }

  @Test
  void blotterFiltersAndExportsCsv() {
    String range = "from=2021-03-10T00:00:00Z&to=2021-03-11T00:00:00Z";
    JsonArray all = Http.json(call("/api/admin/v1/reports/blotter?" + range, "GET", null, admin)).getJsonArray("deals");
    assertThat(all).hasSize(4);
    JsonArray aBook = Http.json(call("/api/admin/v1/reports/blotter?book=A_BOOK&" + range, "GET", null, admin))
      .getJsonArray("deals");
    assertThat(aBook.stream().map(d -> ((JsonObject) d).getLong("dealId"))).containsExactly(8003L, 8004L);
    assertThat(aBook.getJsonObject(0).getString("price")).isEqualTo("1.10020");
    assertThat(aBook.getJsonObject(0).getString("lp")).isEqualTo("LP1");

    HttpResponse<String> csv = call("/api/admin/v1/reports/blotter?accountId=100002&format=csv&" + range, "GET", null, admin);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("dealId,time,tradeDate,accountId,group,symbol,side,volume,price");
    assertThat(lines[1]).startsWith("8002,2021-03-10T13:00:00Z,2021-03-10,100002,retail-netting,EURUSD,SELL,1.00,1.10010,OUT,CLIENT,-120.00,3.50,USD");

    HttpResponse<String> pnl = call("/api/admin/v1/reports/daily-pnl?from=2021-03-10&by=group&format=csv", "GET", null, admin);
    assertThat(pnl.body()).startsWith("date,key,currency,deals,volume,clientRealizedBBook,clientFloatingBBook,houseBBookPnl,"
      + "hedgePnl,housePnl,bBookCommission,aBookRevenue\r\n");
    assertThat(pnl.body()).contains("2021-03-10,retail-netting,USD,1,1.00,-120.00,-20.00,140.00,0.00,140.00,3.50,0.00\r\n");
    assertThat(call("/api/admin/v1/reports/daily-pnl?from=2021-03-10", "GET", null,
      Http.json(call("/api/admin/v1/auth/login", "POST", new JsonObject().put("username", "support")
        .put("password", PASSWORD), null)).getString("accessToken")).statusCode()).isEqualTo(403);
  }

  @Test
  void exposureHistoryListsTheHedgersSnapshotsAndTheHouseGroupIsHouse() throws Exception {
    HttpResponse<String> csv = call("/api/admin/v1/reports/exposure?symbol=EURUSD&format=csv", "GET", null, admin);
    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
    assertThat(csv.body()).isEqualTo("takenAt,symbol,clientNet,houseHedge,unhedged,node\r\n"
      + "2021-03-10T12:00:00Z,EURUSD,-12.50,10.00,-2.50,n1\r\n2021-03-10T12:01:00Z,EURUSD,-12.50,12.00,-0.50,n1\r\n");
    JsonArray all = Http.json(call("/api/admin/v1/reports/exposure?from=2021-03-10T00:00:00Z", "GET", null, admin))
      .getJsonArray("snapshots");
    assertThat(all).hasSize(3);
    JsonArray groups = Http.json(call("/api/admin/v1/groups", "GET", null, admin)).getJsonArray("groups");
    assertThat(groups.stream().map(JsonObject.class::cast).filter(g -> g.getString("name").equals("house"))
      .findFirst().orElseThrow().getBoolean("house")).isTrue();
  }

  private static void assertRow(JsonObject row, String realized, String floating, String houseBBook, String hedge,
                                String house) {
    assertThat(row).as("row").isNotNull();
    assertThat(row.getString("clientRealizedBBook")).as(row.encode()).isEqualTo(realized);
    assertThat(row.getString("clientFloatingBBook")).as(row.encode()).isEqualTo(floating);
    assertThat(row.getString("houseBBookPnl")).as(row.encode()).isEqualTo(houseBBook);
    assertThat(row.getString("hedgePnl")).as(row.encode()).isEqualTo(hedge);
    assertThat(row.getString("housePnl")).as(row.encode()).isEqualTo(house);
  }

  private static Map<String, JsonObject> rows(String by) {
    HttpResponse<String> response = call("/api/admin/v1/reports/daily-pnl?from=2021-03-10&to=2021-03-10&by=" + by,
      "GET", null, admin);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, JsonObject> out = new HashMap<>();
    Http.json(response).getJsonArray("rows").forEach(r -> out.put(((JsonObject) r).getString("key"), (JsonObject) r));
    return out;
  }

  private static HttpResponse<String> call(String path, String method, JsonObject body, String token) {
    return api.call(method, path, body, token);
  }
}
