package com.rtx.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.fail;

/** The admin API's operations as its OpenAPI contract lists them, and a harmless valid request per operation. */
final class AdminContract {

  private AdminContract() {
  }

  record Op(String method, String template, String permission) {
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

  record Sample(Map<String, Object> params, JsonObject body) {
  }

  static Map<String, Op> contractOperations() throws Exception {
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
  static Map<String, Sample> samples() {
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
    s.put("createTrader", new Sample(none, new JsonObject().put("username", "t-matrix").put("password", AdminApiFixture.STAFF_PASSWORD)
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
    s.put("listLpOrders", new Sample(none, null));
    s.put("settleLpOrder", new Sample(Map.of("accountId", 999_999, "orderId", 1), new JsonObject()
      .put("outcome", "NOT_FILLED").put("lpExecId", "MATRIX-1").put("confirmation", "matrix").put("reason", "matrix")));
    s.put("listLpReconciliation", new Sample(none, null));
    s.put("closePosition", new Sample(Map.of("accountId", 999_999, "positionId", 1),
      new JsonObject().put("reason", "matrix")));
    s.put("cancelOrder", new Sample(Map.of("accountId", 999_999, "orderId", 1), new JsonObject().put("reason", "matrix")));
    s.put("listLpOrders", new Sample(none, null));
    s.put("settleLpOrder", new Sample(Map.of("accountId", 999_999, "orderId", 1), new JsonObject().put("outcome", "NOT_FILLED")
      .put("lpExecId", "matrix-1").put("confirmation", "matrix").put("reason", "matrix")));
    s.put("getOrderExecution", new Sample(Map.of("accountId", 999_999, "orderId", 1), null));
    s.put("listStopOuts", new Sample(noAccount, null));
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
}
