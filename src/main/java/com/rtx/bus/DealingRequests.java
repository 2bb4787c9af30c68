package com.rtx.bus;

import com.rtx.bus.DealingRequest.Balance;
import com.rtx.bus.DealingRequest.BalanceOp;
import com.rtx.bus.DealingRequest.CancelOrder;
import com.rtx.bus.DealingRequest.ChangeStatus;
import com.rtx.bus.DealingRequest.CloseBy;
import com.rtx.bus.DealingRequest.ClosePosition;
import com.rtx.bus.DealingRequest.LpExecution;
import com.rtx.bus.DealingRequest.ModifyOrder;
import com.rtx.bus.DealingRequest.ModifyPosition;
import com.rtx.bus.DealingRequest.PlaceOrder;
import com.rtx.core.account.AccountStatus;
import com.rtx.core.market.Lots;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The JSON form of {@link DealingRequest}: the wire format between nodes and for senders in other
 * languages ({@link DealingAddresses} documents each shape). {@link #fromJson} is the one place a
 * request is read and checked; an edge calls it on what its client sent, so a wrong field is that
 * client's 400 and never reaches a shard.
 */
public final class DealingRequests {

  /** The contract's bound on a distance in points; the domain bounds it further by the market. */
  public static final long MAX_POINTS = 1_000_000_000L;
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]{1,30}(\\.[0-9]{1,30})?");
  private static final Pattern ID_TEXT = Pattern.compile("[1-9][0-9]{0,18}");

  private DealingRequests() {
  }

  /** @throws InvalidRequest naming the first field that is missing or wrong */
  public static DealingRequest fromJson(JsonObject req) {
    String op = text(req, "op", true);
    long accountId = id(req, "accountId");
    return switch (op) {
      case "placeOrder" -> new PlaceOrder(accountId, text(req, "symbol", true), enumValue(Side.class, req, "side", true),
        enumValue(OrderType.class, req, "type", true), volume(req, true), price(req, "price"),
        price(req, "stopLimitPrice"), price(req, "sl"), price(req, "tp"), points(req, "trailingPoints"),
        enumValue(TimeInForce.class, req, "timeInForce", false), instant(req, "expireAt"), deviation(req),
        clientOrderId(req));
      case "modifyOrder" -> new ModifyOrder(accountId, id(req, "orderId"), price(req, "price"),
        price(req, "stopLimitPrice"), price(req, "sl"), price(req, "tp"), points(req, "trailingPoints"),
        enumValue(TimeInForce.class, req, "timeInForce", false), instant(req, "expireAt"));
      case "cancelOrder" -> new CancelOrder(accountId, id(req, "orderId"), audit(req));
      case "modifyPosition" -> new ModifyPosition(accountId, id(req, "positionId"), price(req, "sl"), price(req, "tp"),
        points(req, "trailingPoints"));
      case "closePosition" -> new ClosePosition(accountId, id(req, "positionId"), volume(req, false), clientOrderId(req),
        price(req, "price"), deviation(req), audit(req));
      case "closeBy" -> new CloseBy(accountId, id(req, "positionId"), id(req, "oppositePositionId"), clientOrderId(req));
      case "deposit" -> balance(req, accountId, BalanceOp.DEPOSIT);
      case "withdraw" -> balance(req, accountId, BalanceOp.WITHDRAW);
      case "adjust" -> balance(req, accountId, BalanceOp.ADJUST);
      case "credit" -> balance(req, accountId, BalanceOp.CREDIT);
      case "changeStatus" -> new ChangeStatus(accountId, enumValue(AccountStatus.class, req, "status", true), audit(req));
      case "account" -> new DealingRequest.ReadAccount(accountId);
      case "reload" -> new DealingRequest.Reload(accountId);
      case "execution" -> new LpExecution(accountId, id(req, "orderId"), text(req, "clOrdId", false),
        text(req, "lp", true), text(req, "execId", true), Boolean.TRUE.equals(req.getValue("possDup")),
        text(req, "execType", true), text(req, "ordStatus", false), decimal(req, "lastQty"), decimal(req, "lastPx"),
        decimal(req, "cumQty"), decimal(req, "leavesQty"), decimal(req, "avgPx"), text(req, "text", false),
        text(req, "symbol", false));
      case "settleLpOrder" -> settle(req, accountId);
      default -> throw new InvalidRequest("op", "unknown op " + op);
    };
  }

  public static JsonObject toJson(DealingRequest request) {
    JsonObject json = new JsonObject().put("op", request.op()).put("accountId", request.accountId());
    if (request instanceof PlaceOrder r) {
      json.put("symbol", r.symbol()).put("side", r.side().name()).put("type", r.type().name())
        .put("volume", Lots.format(r.volume())).put("price", plain(r.price()))
        .put("stopLimitPrice", plain(r.stopLimitPrice())).put("sl", plain(r.sl())).put("tp", plain(r.tp()))
        .put("trailingPoints", r.trailingPoints() == 0 ? null : r.trailingPoints())
        .put("timeInForce", r.timeInForce() == null ? null : r.timeInForce().name())
        .put("expireAt", r.expireAt() == null ? null : r.expireAt().toString())
        .put("maxDeviation", plain(r.maxDeviation())).put("clientOrderId", r.clientOrderId());
    } else if (request instanceof ModifyOrder r) {
      json.put("orderId", r.orderId()).put("price", plain(r.price()))
        .put("stopLimitPrice", plain(r.stopLimitPrice())).put("sl", plain(r.sl())).put("tp", plain(r.tp()))
        .put("trailingPoints", r.trailingPoints() == 0 ? null : r.trailingPoints())
        .put("timeInForce", r.timeInForce() == null ? null : r.timeInForce().name())
        .put("expireAt", r.expireAt() == null ? null : r.expireAt().toString());
    } else if (request instanceof CancelOrder r) {
      json.put("orderId", r.orderId()).put("audit", r.audit());
    } else if (request instanceof ModifyPosition r) {
      json.put("positionId", r.positionId()).put("sl", plain(r.sl())).put("tp", plain(r.tp()))
        .put("trailingPoints", r.trailingPoints() == 0 ? null : r.trailingPoints());
    } else if (request instanceof ClosePosition r) {
      json.put("positionId", r.positionId())
        .put("volume", r.volume() == 0 ? null : Lots.format(r.volume())).put("clientOrderId", r.clientOrderId())
        .put("price", plain(r.price())).put("maxDeviation", plain(r.maxDeviation())).put("audit", r.audit());
    } else if (request instanceof CloseBy r) {
      json.put("positionId", r.positionId()).put("oppositePositionId", r.oppositePositionId())
        .put("clientOrderId", r.clientOrderId());
    } else if (request instanceof Balance r) {
      json.put("amount", r.amount().toPlainString()).put("comment", r.comment()).put("audit", r.audit());
    } else if (request instanceof ChangeStatus r) {
      json.put("status", r.status().name()).put("audit", r.audit());
    } else if (request instanceof DealingRequest.SettleLpOrder r) {
      json.put("orderId", r.orderId()).put("outcome", r.outcome().name()).put("price", plain(r.price()))
        .put("lpExecId", r.lpExecId()).put("confirmation", r.confirmation()).put("audit", r.audit());
    } else if (request instanceof LpExecution r) {
      json.put("orderId", r.orderId()).put("clOrdId", r.clOrdId()).put("lp", r.lp())
        .put("execId", r.execId()).put("possDup", r.possDup()).put("execType", r.execType())
        .put("ordStatus", r.ordStatus()).put("lastQty", plain(r.lastQty())).put("lastPx", plain(r.lastPx()))
        .put("cumQty", plain(r.cumQty())).put("leavesQty", plain(r.leavesQty())).put("avgPx", plain(r.avgPx()))
        .put("text", r.text()).put("symbol", r.symbol());
    }
    json.getMap().values().removeIf(v -> v == null);
    return json;
  }

  private static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }

  private static Balance balance(JsonObject req, long accountId, BalanceOp kind) {
    BigDecimal amount = decimal(req, "amount");
    if (amount == null) {
      throw new InvalidRequest("amount", "amount is required");
    }
    String comment = text(req, "comment", false);
    return new Balance(accountId, kind, amount, comment == null ? "" : comment, audit(req));
  }

  /** The LP's ExecID: what an LP puts in tag 17, bounded and printable. */
  private static final Pattern EXEC_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

  private static DealingRequest.SettleLpOrder settle(JsonObject req, long accountId) {
    DealingRequest.SettleOutcome outcome = enumValue(DealingRequest.SettleOutcome.class, req, "outcome", true);
    BigDecimal price = price(req, "price");
    if (outcome == DealingRequest.SettleOutcome.FILLED && price == null) {
      throw new InvalidRequest("price", "price is required for a FILLED settlement (the LP's execution price)");
    }
    if (outcome == DealingRequest.SettleOutcome.NOT_FILLED && price != null) {
      throw new InvalidRequest("price", "price is for a FILLED settlement only");
    }
    String lpExecId = text(req, "lpExecId", true);
    if (!EXEC_ID.matcher(lpExecId).matches()) {
      throw new InvalidRequest("lpExecId", "lpExecId must be 1 to 64 letters, digits or . _ : / -");
    }
    String confirmation = text(req, "confirmation", true);
    if (confirmation.isBlank() || confirmation.length() > 2000 || confirmation.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
      throw new InvalidRequest("confirmation", "confirmation must be the LP's confirmation, 1 to 2000 characters "
        + "without control characters");
    }
    return new DealingRequest.SettleLpOrder(accountId, id(req, "orderId"), outcome, price, lpExecId, confirmation,
      audit(req));
  }

  private static JsonObject audit(JsonObject req) {
    Object audit = req.getValue("audit");
    if (audit != null && !(audit instanceof JsonObject)) {
      throw new InvalidRequest("audit", "audit must be an object");
    }
    return (JsonObject) audit;
  }

  static String clientOrderId(JsonObject req) {
    String id = text(req, "clientOrderId", false);
    if (id != null && (id.isEmpty() || id.length() > 64)) {
      throw new InvalidRequest("clientOrderId", "clientOrderId must be 1 to 64 characters");
    }
    return id;
  }

  private static String text(JsonObject req, String field, boolean required) {
    Object value = req.getValue(field);
    if (value == null) {
      if (required) {
        throw new InvalidRequest(field, field + " is required");
      }
      return null;
    }
    if (!(value instanceof String s)) {
      throw new InvalidRequest(field, field + " must be a string");
    }
    return s;
  }

  private static long id(JsonObject req, String field) {
    Object value = req.getValue(field);
    if ((value instanceof Long || value instanceof Integer) && ((Number) value).longValue() > 0) {
      return ((Number) value).longValue();
    }
    if (value instanceof String s && ID_TEXT.matcher(s).matches()) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        // beyond 64 bits: the same answer as any other wrong id
      }
    }
    throw new InvalidRequest(field, field + " must be a positive integer");
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, JsonObject req, String field, boolean required) {
    String value = text(req, field, required);
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest(field, field + " must be one of " + Arrays.toString(type.getEnumConstants()));
    }
  }

  /** A plain decimal string (no exponent: "1e300" is not a price), or null when absent. */
  private static BigDecimal decimal(JsonObject req, String field) {
    String value = text(req, field, false);
    if (value == null) {
      return null;
    }
    if (!PLAIN_DECIMAL.matcher(value).matches()) {
      throw new InvalidRequest(field, field + " must be a plain decimal number, e.g. \"1.08123\"");
    }
    return new BigDecimal(value);
  }

  private static long volume(JsonObject req, boolean required) {
    BigDecimal value = decimal(req, "volume");
    if (value == null) {
      if (required) {
        throw new InvalidRequest("volume", "volume is required");
      }
      return 0;
    }
    try {
      long volume = Lots.of(value);
      if (volume <= 0) {
        throw new InvalidRequest("volume", "volume must be positive");
      }
      return volume;
    } catch (ArithmeticException e) {
      throw new InvalidRequest("volume", "volume must be a decimal number of lots with at most " + Lots.DIGITS
        + " decimals, e.g. \"0.10\"");
    }
  }

  private static BigDecimal price(JsonObject req, String field) {
    BigDecimal value = decimal(req, field);
    if (value != null && value.signum() <= 0) {
      throw new InvalidRequest(field, field + " must be positive");
    }
    return value;
  }

  /** maxDeviation is a price distance ("0.00020"). */
  private static BigDecimal deviation(JsonObject req) {
    BigDecimal value = decimal(req, "maxDeviation");
    if (value != null && value.signum() < 0) {
      throw new InvalidRequest("maxDeviation", "maxDeviation must not be negative");
    }
    return value;
  }

  private static long points(JsonObject req, String field) {
    Object value = req.getValue(field);
    if (value == null) {
      return 0;
    }
    // Only whole JSON numbers: 1e300 or 2.5 must not become Long.MAX_VALUE or 2 by a silent cast.
    BigDecimal exact = value instanceof Integer || value instanceof Long ? BigDecimal.valueOf(((Number) value).longValue())
      : value instanceof Number n ? exactOrNull(n) : null;
    if (exact == null || exact.signum() < 0 || exact.compareTo(BigDecimal.valueOf(MAX_POINTS)) > 0
      || exact.stripTrailingZeros().scale() > 0) {
      throw new InvalidRequest(field, field + " must be a whole number of points from 0 to " + MAX_POINTS);
    }
    return exact.longValueExact();
  }

  private static BigDecimal exactOrNull(Number n) {
    try {
      return new BigDecimal(n.toString());
    } catch (NumberFormatException e) {
      return null; // NaN, Infinity
    }
  }

  private static Instant instant(JsonObject req, String field) {
    String value = text(req, field, false);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidRequest(field, field + " must be an ISO-8601 UTC time, e.g. 2026-12-31T21:00:00Z");
    }
  }
}
