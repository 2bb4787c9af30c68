package com.rtx.lpsim;

import com.rtx.support.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The control endpoint's contract over real HTTP: state, reset, and the error shape of every refusal. */
@Timeout(60)
class ControlApiIT {

  private SimulatorFixture simulator;

  @BeforeEach
  void start() throws Exception {
    simulator = SimulatorFixture.started();
  }

  @AfterEach
  void stop() throws Exception {
    simulator.close();
  }

  @Test
  void listsEveryLpWithItsState() {
    HttpResponse<String> response = simulator.get("/lps");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(Http.json(response)).isEqualTo(new JsonObject().put("lps", new JsonArray()
      .add(idle("LP1"))
      .add(idle("LP2"))));
  }

  @Test
  void resetClearsStaleSymbolsAndRefusedLogons() {
    simulator.switchOn("/lps/LP1/symbols/EURUSD/stale", null);
    simulator.switchOn("/lps/LP2/symbols/XAUUSD/stale", null);
    simulator.switchOn("/lps/LP2/refuse-logon", new JsonObject().put("refuse", true));
    simulator.switchOn("/lps/LP2/orders/hang", null);
    simulator.switchOn("/lps/LP2/orders/reject-all", null);
    JsonObject lp2 = Http.json(simulator.get("/lps")).getJsonArray("lps").getJsonObject(1);
    assertThat(lp2.getJsonArray("staleSymbols")).isEqualTo(new JsonArray().add("XAUUSD"));
    assertThat(lp2.getJsonArray("orderFaults")).isEqualTo(new JsonArray().add("hang").add("reject-all"));
    assertThat(lp2.getBoolean("refuseLogon")).isTrue();

    JsonObject reset = simulator.switchOn("/reset", null);

    assertThat(reset).isEqualTo(new JsonObject().put("lps", new JsonArray().add(idle("LP1")).add(idle("LP2"))));
  }

  @Test
  void unknownLpIsNotFoundNamingTheField() {
    assertError(simulator.post("/lps/LP9/symbols/EURUSD/stale"), 404, "UNKNOWN_LP", "lp");
    assertError(simulator.post("/lps/LP9/disconnect"), 404, "UNKNOWN_LP", "lp");
    assertError(simulator.post("/lps/LP9/refuse-logon", new JsonObject().put("refuse", true)), 404, "UNKNOWN_LP", "lp");
    assertError(simulator.post("/lps/LP9/orders/hang"), 404, "UNKNOWN_LP", "lp");
    assertError(simulator.post("/lps/LP1/orders/explode"), 404, "UNKNOWN_FAULT", "fault");
  }

  @Test
  void unknownSymbolIsNotFoundNamingTheField() {
    assertError(simulator.post("/lps/LP1/symbols/EURXXX/stale"), 404, "UNKNOWN_SYMBOL", "symbol");
    assertError(simulator.post("/lps/LP1/symbols/EURXXX/spike", new JsonObject().put("points", 10)), 404,
      "UNKNOWN_SYMBOL", "symbol");
    assertError(simulator.post("/lps/LP1/symbols/EURXXX/crossed"), 404, "UNKNOWN_SYMBOL", "symbol");
  }

  @Test
  void invalidBodiesAreBadRequestsNamingTheField() {
    String spike = "/lps/LP1/symbols/EURUSD/spike";
    assertError(simulator.post(spike, new JsonObject().put("points", 1.5)), 400, "INVALID_FIELD", "points");
    assertError(simulator.post(spike, new JsonObject().put("points", "10")), 400, "INVALID_FIELD", "points");
    assertError(simulator.post(spike, new JsonObject().put("points", 0)), 400, "INVALID_FIELD", "points");
    assertError(simulator.post(spike, new JsonObject().put("points", 10).put("persist", "yes")), 400,
      "INVALID_FIELD", "persist");
    assertError(simulator.post(spike, "not json"), 400, "BAD_REQUEST", null);
    assertError(simulator.post(spike), 400, "BAD_REQUEST", null);
    assertError(simulator.post("/lps/LP1/refuse-logon", new JsonObject()), 400, "INVALID_FIELD", "refuse");
    assertError(simulator.post("/lps/LP1/quote-ids", new JsonObject().put("on", "yes")), 400, "INVALID_FIELD", "on");
    assertError(simulator.post("/lps/LP1/quote-ids", new JsonObject().put("on", true).put("validityMs", -1)), 400,
      "INVALID_FIELD", "validityMs");
    assertError(simulator.post("/lps/LP1/quote-ids", new JsonObject().put("on", true).put("validityMs", 1.5)), 400,
      "INVALID_FIELD", "validityMs");
    assertError(simulator.post("/lps/LP9/quote-ids", new JsonObject().put("on", true)), 404, "UNKNOWN_LP", "lp");
    // EURUSD is about 108500 points: a spike of minus 200000 would quote below zero.
    assertError(simulator.post(spike, new JsonObject().put("points", -200_000)), 400, "PRICE_OUT_OF_RANGE", "points");
  }

  @Test
  void switchesThatCannotApplyNowAreConflicts() {
    assertError(simulator.post("/lps/LP1/disconnect"), 409, "NOT_LOGGED_ON", "lp");

    simulator.switchOn("/lps/LP1/symbols/EURUSD/stale", null);
    assertError(simulator.post("/lps/LP1/symbols/EURUSD/crossed"), 409, "SYMBOL_STALE", "symbol");
    assertError(simulator.post("/lps/LP1/symbols/EURUSD/spike", new JsonObject().put("points", 10)), 409,
      "SYMBOL_STALE", "symbol");
  }

  @Test
  void spikeWithoutSubscribersIsAcceptedAndReportsWhatWasSent() {
    JsonObject sent = simulator.switchOn("/lps/LP1/symbols/USDJPY/spike", new JsonObject().put("points", 500));

    assertThat(sent.getString("lp")).isEqualTo("LP1");
    assertThat(sent.getString("symbol")).isEqualTo("USDJPY");
    assertThat(sent.getString("bid")).matches("\\d+\\.\\d{3}");
    assertThat(sent.getString("ask")).matches("\\d+\\.\\d{3}");
    assertThat(sent.getInteger("subscriptions")).isZero();
    assertThat(sent.getLong("points")).isEqualTo(500);
    assertThat(sent.getBoolean("crossed")).isFalse();
  }

  @Test
  void unknownRoutesAndMethodsGetTheErrorShape() {
    assertError(simulator.get("/nothing"), 404, "NOT_FOUND", null);
    assertError(simulator.get("/lps/LP1/disconnect"), 405, "METHOD_NOT_ALLOWED", null);
  }

  private static JsonObject idle(String lp) {
    return new JsonObject().put("name", lp).put("loggedOn", false).put("subscribedSymbols", new JsonArray())
      .put("staleSymbols", new JsonArray()).put("refuseLogon", false).put("ticksSent", 0).put("logons", 0)
      .put("tradeLoggedOn", false).put("orderFaults", new JsonArray()).put("ordersReceived", 0).put("heldRequests", 0);
  }

  private static void assertError(HttpResponse<String> response, int status, String code, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonObject error = Http.json(response).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo(code);
    assertThat(error.getString("message")).isNotBlank();
    assertThat(error.getValue("field")).isEqualTo(field);
    assertThat(error.fieldNames()).containsExactlyInAnyOrder("code", "message", "field");
  }
}
