package com.rtx.gateway;

import com.rtx.core.bars.Timeframe;
import com.rtx.core.market.Instrument;
import com.rtx.core.trading.RejectReason;
import com.rtx.marketdata.BarRepository;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * Market data over REST ({@code /api/v1}, contract in {@code /api/v1/openapi.yaml}):
 * {@code GET /symbols}, {@code GET /quotes[?symbols=A,B]} (latest, with the default group's markup
 * until trader login exists), {@code GET /bars?symbol=&tf=&from=&to=&limit=}. Bad parameters
 * answer 400 naming the field: what the contract can say (required, enum, range) is checked by the
 * contract's validator ({@code VALIDATION_*} codes), the rest here.
 */
final class MarketDataApi implements ApiOperations {

  static final int MAX_BARS = 5000;
  static final int DEFAULT_BARS = 500;

  private final QuoteHub hub;
  private final BarRepository bars;
  private final Clock clock;

  MarketDataApi(QuoteHub hub, BarRepository bars, Clock clock) {
    this.hub = hub;
    this.bars = bars;
    this.clock = clock;
  }

  @Override
  public void register(RouterBuilder rb) {
    ApiOperations.route(rb, "listSymbols").addHandler(this::symbols);
    ApiOperations.route(rb, "listQuotes").addHandler(this::quotes);
    ApiOperations.route(rb, "listBars").addHandler(this::bars);
  }

  private void symbols(RoutingContext rc) {
    JsonArray list = new JsonArray();
    for (Instrument i : hub.instruments().values()) {
      list.add(new JsonObject()
        .put("symbol", i.name()).put("baseCurrency", i.baseCurrency()).put("quoteCurrency", i.quoteCurrency())
        .put("assetClass", i.assetClass().name()).put("digits", i.digits())
        .put("contractSize", plain(i.contractSize())).put("pipSize", plain(i.pipSize()))
        .put("volumeMin", plain(i.volumeMin())).put("volumeMax", plain(i.volumeMax()))
        .put("volumeStep", plain(i.volumeStep())).put("marginCurrency", i.marginCurrency())
        .put("marginRate", plain(i.marginRate())).put("sessions", i.sessions().spec())
        .put("swapLong", plain(i.swapLong())).put("swapShort", plain(i.swapShort()))
        .put("tripleSwapDay", i.tripleSwapDay().name())
        .put("open", i.sessions().isOpen(clock.millis())));
    }
    json(rc, new JsonObject().put("symbols", list));
  }

  /** Decimal text without the database's padding zeros ("100000", "0.0001"). */
  private static String plain(java.math.BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  private void quotes(RoutingContext rc) {
    List<String> wanted = rc.queryParam("symbols").isEmpty() ? List.copyOf(hub.instruments().keySet())
      : Arrays.stream(rc.queryParam("symbols").get(0).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    JsonArray list = new JsonArray();
    for (String symbol : wanted) {
      if (!hub.instruments().containsKey(symbol)) {
        throw unknownSymbol(symbol, "symbols");
      }
      hub.clientQuote(symbol).ifPresent(list::add);
    }
    json(rc, new JsonObject().put("quotes", list));
  }

  private void bars(RoutingContext rc) {
    String symbol = required(rc, "symbol");
    Instrument instrument = hub.instruments().get(symbol);
    if (instrument == null) {
      throw unknownSymbol(symbol, "symbol");
    }
    Timeframe timeframe = timeframe(required(rc, "tf"));
    Instant to = optional(rc, "to") == null ? clock.instant() : instant(optional(rc, "to"), "to");
    Instant from = optional(rc, "from") == null ? Instant.EPOCH : instant(optional(rc, "from"), "from");
    if (!from.isBefore(to)) {
      throw badRequest(ApiErrorCode.VALIDATION_INVALID_VALUE, "from must be before to", "from");
    }
    int limit = limit(optional(rc, "limit"));
    bars.read(instrument, timeframe, from, to, limit)
      .onSuccess(list -> json(rc, new JsonObject().put("symbol", symbol).put("tf", timeframe.name())
        .put("bars", new JsonArray(list))))
      .onFailure(rc::fail);
  }

  private static Timeframe timeframe(String value) {
    try {
      return Timeframe.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw badRequest(ApiErrorCode.VALIDATION_INVALID_VALUE,
        "tf must be one of " + Arrays.toString(Timeframe.values()), "tf");
    }
  }

  /** ISO-8601 instant ({@code 2026-11-25T10:00:00Z}) or epoch milliseconds. */
  private static Instant instant(String value, String field) {
    try {
      return value.matches("\\d{1,15}") ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw badRequest(ApiErrorCode.VALIDATION_INVALID_VALUE,
        field + " must be an ISO-8601 instant or epoch milliseconds", field);
    }
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_BARS;
    }
    if (!value.matches("\\d{1,9}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_BARS) {
      throw badRequest(ApiErrorCode.VALIDATION_INVALID_VALUE, "limit must be a whole number from 1 to " + MAX_BARS, "limit");
    }
    return Integer.parseInt(value);
  }

  private static String required(RoutingContext rc, String name) {
    String value = optional(rc, name);
    if (value == null) {
      throw badRequest(ApiErrorCode.VALIDATION_MISSING_PARAMETER, name + " is required", name);
    }
    return value;
  }

  private static String optional(RoutingContext rc, String name) {
    List<String> values = rc.queryParam(name);
    return values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).trim();
  }

  private static ApiException badRequest(ApiErrorCode code, String message, String field) {
    return new ApiException(ApiError.of(code, message, field));
  }

  /** A symbol the engine does not price: the rejection reason, as a 400 of the query naming it. */
  private static ApiException unknownSymbol(String symbol, String field) {
    return new ApiException(new ApiError(400, RejectReason.UNKNOWN_SYMBOL.name(), "unknown symbol " + symbol, field));
  }

  private static void json(RoutingContext rc, JsonObject body) {
    rc.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
