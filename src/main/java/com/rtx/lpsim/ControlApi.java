package com.rtx.lpsim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The simulator's local HTTP control endpoint ({@code lpsim.host:lpsim.control-port}), JSON in
 * and out; every error is {@code {"error":{"code","message","field"}}} with a 4xx/5xx status.
 *
 * <pre>
 * GET  /lps                                     state of every LP
 * POST /lps/{lp}/symbols/{symbol}/stale         stop quoting the symbol
 * POST /lps/{lp}/symbols/{symbol}/resume        quote it again
 * POST /lps/{lp}/symbols/{symbol}/spike         {"points": N, "persist": false|true}
 * POST /lps/{lp}/symbols/{symbol}/crossed       one quote with bid above ask
 * POST /lps/{lp}/disconnect                     drop the LP's FIX connection
 * POST /lps/{lp}/refuse-logon                   {"refuse": true|false}
 * POST /lps/{lp}/trade/disconnect               drop the LP's FIX trade session
 * POST /lps/{lp}/orders/{fault}                 hang | disconnect-mid-order | duplicate-reports |
 *                                               out-of-order | reject-all | session-reject |
 *                                               quoted-only | business-reject | refuse-status |
 *                                               refuse-positions | overfill | silent-fill
 *                                               (see {@link OrderFault})
 * GET  /lps/{lp}/positions                     the house's net positions at the LP, units per symbol
 * POST /lps/{lp}/positions/{symbol}/adjust      {"units": "-10000"}: move the house's position without a trade
 * POST /lps/{lp}/orders/resume                  clear the LP's order faults, answer held requests
 * POST /lps/{lp}/dialect                        {"symbols": {"EURUSD": "EUR/USD"}, "quantityUnit": "UNITS|LOTS",
 *                                               "lotSizes": {"XAUUSD": "100"}}: the LP's own symbol names and
 *                                               quote sizes in lots (orders are booked in the unit they come in)
 * GET  /lps/{lp}/dialect                        the dialect, the quote-id setting and the last order as it came
 *                                               on the wire (ordType, price, timeInForce, quoteId too)
 * POST /lps/{lp}/quote-ids                      {"on": true, "validityMs": 1000}: stamp QuoteEntryID (299) on every
 *                                               quote and honour 40=D only against one of them, issued at most
 *                                               validityMs ago (0: none) for that symbol, side and price
 * POST /reset                                   clear stale symbols, refused logons, order faults, dialects and quote ids
 * </pre>
 *
 * A switch is answered once it has taken effect: a spike or crossed quote has been handed to the
 * FIX session (or its latency timer), a stale symbol sends nothing more. Unknown LP or symbol:
 * 404 naming the field ({@code lp}, {@code symbol}).
 *
 * <p>Handlers run on the deploying verticle's event loop and never block.
 */
final class ControlApi {

  private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
  private static final long MAX_BODY_BYTES = 4096;
  /** A spike larger than this is a typo, not a test. */
  private static final long MAX_SPIKE_POINTS = 1_000_000_000L;
  /** An hour: longer is not "recently". */
  private static final long MAX_QUOTE_VALIDITY_MS = 3_600_000L;

  private final LpSimulator simulator;

  private ControlApi(LpSimulator simulator) {
    this.simulator = simulator;
  }

  static Router router(Vertx vertx, LpSimulator simulator) {
    ControlApi api = new ControlApi(simulator);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
    router.get("/lps").handler(rc -> respond(rc, simulator.status().map(ControlApi::statusJson)));
    router.get("/order-times").handler(rc -> rc.json(simulator.orderTimes()));
    router.post("/lps/:lp/symbols/:symbol/stale").handler(rc -> api.stale(rc, true));
    router.post("/lps/:lp/symbols/:symbol/resume").handler(rc -> api.stale(rc, false));
    router.post("/lps/:lp/symbols/:symbol/spike").handler(api::spike);
    router.post("/lps/:lp/symbols/:symbol/crossed").handler(api::crossed);
    router.post("/lps/:lp/disconnect").handler(api::disconnect);
    router.post("/lps/:lp/refuse-logon").handler(api::refuseLogon);
    router.post("/lps/:lp/trade/disconnect").handler(api::disconnectTrade);
    router.post("/lps/:lp/orders/resume").handler(api::resumeOrders);
    router.get("/lps/:lp/positions").handler(api::positions);
    router.post("/lps/:lp/positions/:symbol/adjust").handler(api::adjust);
    router.post("/lps/:lp/orders/:fault").handler(api::orderFault);
    router.post("/lps/:lp/dialect").handler(api::dialect);
    router.post("/lps/:lp/quote-ids").handler(api::quoteIds);
    router.get("/lps/:lp/dialect").handler(rc -> respond(rc, simulator.dialectStatus(rc.pathParam("lp"))));
    router.post("/reset").handler(rc -> respond(rc, simulator.reset().map(ControlApi::statusJson)));
    for (int status = 400; status < 600; status++) {
      router.errorHandler(status, ControlApi::error);
    }
    return router;
  }

  private void stale(RoutingContext rc, boolean on) {
    String lp = rc.pathParam("lp");
    String symbol = rc.pathParam("symbol");
    respond(rc, simulator.stale(lp, symbol, on)
      .map(v -> new JsonObject().put("lp", lp).put("symbol", symbol).put("stale", on)));
  }

  private void spike(RoutingContext rc) {
    JsonObject body = body(rc);
    long points = points(body);
    boolean persist = bool(body, "persist", false);
    respond(rc, simulator.spike(rc.pathParam("lp"), rc.pathParam("symbol"), points, persist)
      .map(sent -> quoteJson(sent).put("points", points).put("persist", persist)));
  }

  private void crossed(RoutingContext rc) {
    respond(rc, simulator.crossed(rc.pathParam("lp"), rc.pathParam("symbol")).map(ControlApi::quoteJson));
  }

  private void disconnect(RoutingContext rc) {
    String lp = rc.pathParam("lp");
    respond(rc, simulator.disconnect(lp).map(v -> new JsonObject().put("lp", lp).put("disconnected", true)));
  }

  private void disconnectTrade(RoutingContext rc) {
    String lp = rc.pathParam("lp");
    respond(rc, simulator.disconnectTrade(lp).map(v -> new JsonObject().put("lp", lp).put("tradeDisconnected", true)));
  }

  private void orderFault(RoutingContext rc) {
    String lp = rc.pathParam("lp");
    String path = rc.pathParam("fault");
    OrderFault fault = OrderFault.fromPath(path).orElseThrow(() -> new ControlError(404, "UNKNOWN_FAULT",
      "no order fault named " + path, "fault"));
    respond(rc, simulator.orderFault(lp, fault).map(v -> new JsonObject().put("lp", lp).put("fault", path)
      .put("on", true)));
  }

  private void positions(RoutingContext rc) {
    String lp = rc.pathParam("lp");
    respond(rc, simulator.positions(lp).map(all -> {
      JsonObject units = new JsonObject();
      new java.util.TreeMap<>(all).forEach((symbol, qty) -> units.put(symbol, qty.toPlainString()));
      return new JsonObject().put("lp", lp).put("positions", units);
    }));
  }

  private void adjust(RoutingContext rc) {
    String lp = rc.pathParam("lp");
    String symbol = rc.pathParam("symbol");
    java.math.BigDecimal units = units(body(rc));
    respond(rc, simulator.adjustPosition(lp, symbol, units).map(now -> new JsonObject().put("lp", lp)
      .put("symbol", symbol).put("adjustedBy", units.toPlainString()).put("units", now.toPlainString())));
  }

  /** A signed, non-zero decimal of at most 12 integer and 8 fraction digits, as text or a whole number. */
  private static java.math.BigDecimal units(JsonObject body) {
    Object value = body.getValue("units");
    String text = value instanceof String s ? s : value instanceof Integer || value instanceof Long ? value.toString() : null;
    if (text == null || !text.matches("-?\\d{1,12}(\\.\\d{1,8})?") || new java.math.BigDecimal(text).signum() == 0) {
      throw new ControlError(400, "INVALID_FIELD", "units must be a non-zero decimal such as \"-10000\"", "units");
    }
    return new java.math.BigDecimal(text);
  }

  private void resumeOrders(RoutingContext rc) {
    String lp = rc.pathParam("lp");
    respond(rc, simulator.resumeOrders(lp).map(v -> new JsonObject().put("lp", lp).put("resumed", true)));
  }

  private void dialect(RoutingContext rc) {
    String lp = rc.pathParam("lp");
    JsonObject body = body(rc);
    Map<String, String> names = new java.util.LinkedHashMap<>();
    Object symbols = body.getValue("symbols", new JsonObject());
    if (!(symbols instanceof JsonObject map)) {
      throw new ControlError(400, "INVALID_FIELD", "symbols must be an object of symbol to LP name", "symbols");
    }
    for (Map.Entry<String, Object> e : map) {
      if (!(e.getValue() instanceof String name) || name.isBlank() || name.length() > 32
        || !name.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
        throw new ControlError(400, "INVALID_FIELD", "an LP name is 1-32 printable characters", "symbols." + e.getKey());
      }
      names.put(e.getKey(), name);
    }
    if (new java.util.HashSet<>(names.values()).size() != names.size()) {
      throw new ControlError(400, "INVALID_FIELD", "two symbols with one LP name", "symbols");
    }
    Object unit = body.getValue("quantityUnit", "UNITS");
    if (!"UNITS".equals(unit) && !"LOTS".equals(unit)) {
      throw new ControlError(400, "INVALID_FIELD", "quantityUnit must be UNITS or LOTS", "quantityUnit");
    }
    Map<String, java.math.BigDecimal> lotSizes = new java.util.HashMap<>();
    Object sizes = body.getValue("lotSizes", new JsonObject());
    if (!(sizes instanceof JsonObject sizeMap)) {
      throw new ControlError(400, "INVALID_FIELD", "lotSizes must be an object of symbol to decimal string", "lotSizes");
    }
    for (Map.Entry<String, Object> e : sizeMap) {
      try {
        java.math.BigDecimal size = new java.math.BigDecimal((String) e.getValue());
        if (size.signum() <= 0) {
          throw new NumberFormatException();
        }
        lotSizes.put(e.getKey(), size);
      } catch (RuntimeException bad) {
        throw new ControlError(400, "INVALID_FIELD", "a lot size is a positive decimal string", "lotSizes." + e.getKey());
      }
    }
    SimDialect dialect = new SimDialect(names, "LOTS".equals(unit), lotSizes);
    respond(rc, simulator.dialect(lp, dialect).compose(v -> simulator.dialectStatus(lp)));
  }

  private void quoteIds(RoutingContext rc) {
    String lp = rc.pathParam("lp");
    JsonObject body = body(rc);
    if (!(body.getValue("on") instanceof Boolean on)) {
      throw new ControlError(400, "INVALID_FIELD", "on must be true or false", "on");
    }
    Object validity = body.getValue("validityMs", IssuedQuotes.DEFAULT_VALIDITY_MS);
    if (!(validity instanceof Integer || validity instanceof Long) || ((Number) validity).longValue() < 0
      || ((Number) validity).longValue() > MAX_QUOTE_VALIDITY_MS) {
      throw new ControlError(400, "INVALID_FIELD", "validityMs must be a whole number 0.." + MAX_QUOTE_VALIDITY_MS,
        "validityMs");
    }
    long ms = ((Number) validity).longValue();
    respond(rc, simulator.quoteIds(lp, on, ms).map(v -> new JsonObject().put("lp", lp).put("quoteIds", on)
      .put("validityMs", ms)));
  }

  private void refuseLogon(RoutingContext rc) {
    String lp = rc.pathParam("lp");
    JsonObject body = body(rc);
    if (!(body.getValue("refuse") instanceof Boolean refuse)) {
      throw new ControlError(400, "INVALID_FIELD", "refuse must be true or false", "refuse");
    }
    respond(rc, simulator.refuseLogon(lp, refuse)
      .map(v -> new JsonObject().put("lp", lp).put("refuseLogon", refuse)));
  }

  private static JsonObject body(RoutingContext rc) {
    JsonObject body;
    try {
      body = rc.body().asJsonObject();
    } catch (RuntimeException e) {
      throw new ControlError(400, "BAD_REQUEST", "the body must be a JSON object", null);
    }
    if (body == null) {
      throw new ControlError(400, "BAD_REQUEST", "the body must be a JSON object", null);
    }
    return body;
  }

  private static long points(JsonObject body) {
    Object value = body.getValue("points");
    // Integer or Long only: 12.5 points or "12" are mistakes worth a 400, not a rounding.
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() == 0
      || Math.abs(((Number) value).longValue()) > MAX_SPIKE_POINTS) {
      throw new ControlError(400, "INVALID_FIELD", "points must be a non-zero whole number of points (at most "
        + MAX_SPIKE_POINTS + " either way)", "points");
    }
    return ((Number) value).longValue();
  }

  private static boolean bool(JsonObject body, String field, boolean absent) {
    Object value = body.getValue(field);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Boolean b)) {
      throw new ControlError(400, "INVALID_FIELD", field + " must be true or false", field);
    }
    return b;
  }

  private static void respond(RoutingContext rc, Future<JsonObject> result) {
    result.onSuccess(rc::json).onFailure(rc::fail);
  }

  private static JsonObject quoteJson(QuoteSent sent) {
    SimInstrument instrument = sent.instrument();
    return new JsonObject()
      .put("lp", sent.lp())
      .put("symbol", instrument.symbol())
      .put("bid", instrument.price(sent.quote().bid()).toPlainString())
      .put("ask", instrument.price(sent.quote().ask()).toPlainString())
      .put("crossed", sent.quote().isCrossed())
      .put("subscriptions", sent.subscriptions());
  }

  private static JsonObject statusJson(List<LpStatus> lps) {
    JsonArray all = new JsonArray();
    for (LpStatus lp : lps) {
      all.add(new JsonObject()
        .put("name", lp.name())
        .put("loggedOn", lp.loggedOn())
        .put("subscribedSymbols", new JsonArray(List.copyOf(new TreeSet<>(lp.subscribedSymbols()))))
        .put("staleSymbols", new JsonArray(List.copyOf(new TreeSet<>(lp.staleSymbols()))))
        .put("refuseLogon", lp.refuseLogon())
        .put("ticksSent", lp.ticksSent())
        .put("logons", lp.logons())
        .put("tradeLoggedOn", lp.tradeLoggedOn())
        .put("orderFaults", new JsonArray(List.copyOf(new TreeSet<>(lp.orderFaults()))))
        .put("ordersReceived", lp.ordersReceived())
        .put("heldRequests", lp.heldRequests()));
    }
    return new JsonObject().put("lps", all);
  }

  private static void error(RoutingContext rc) {
    if (rc.response().ended() || rc.response().closed()) {
      return;
    }
    Throwable failure = rc.failure();
    ControlError error;
    if (failure instanceof ControlError control) {
      error = control;
    } else if (failure instanceof LpSimException sim) {
      error = ControlError.of(sim);
    } else {
      int status = failure instanceof HttpException http ? http.getStatusCode() : rc.statusCode();
      error = ControlError.forStatus(status < 400 ? 500 : status, rc.request().method().name(), rc.request().path());
      if (error.status() >= 500) {
        LOG.error("{} {} failed", rc.request().method(), rc.request().path(), failure);
      }
    }
    rc.response().setStatusCode(error.status()).putHeader("Content-Type", "application/json")
      .end(error.toJson().encode());
  }
}
