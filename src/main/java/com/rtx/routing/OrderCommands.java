package com.rtx.routing;

import com.rtx.bus.RouterAddresses;
import com.rtx.core.market.LpDialect;
import io.vertx.core.json.JsonObject;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderStatusRequest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns requests on {@link RouterAddresses#ORDERS} into FIX 4.4 messages, checking them against
 * the contract first. Each LP is spoken to in its {@link LpDialect}: Symbol is its name of the
 * symbol, and volumes become OrderQty in its unit (units: lots × the symbol's contract size, or
 * lots); prices go on the wire as the decimal text received, never through a double.
 */
final class OrderCommands {

  /** A request that breaks the contract; nothing is sent. */
  static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private OrderCommands() {
  }

  /** The LP a request is for. */
  static String lp(JsonObject body) {
    return text(body, "lp");
  }

  /** {@link #toFix(JsonObject, Map, LpDialect, Instant)} for an LP that speaks the platform's names and units. */
  static Message toFix(JsonObject body, Map<String, BigDecimal> contractSizes, Instant now) {
    return toFix(body, contractSizes, LpDialect.STANDARD, now);
  }

  static Message toFix(JsonObject body, Map<String, BigDecimal> contractSizes, LpDialect dialect, Instant now) {
    String type = text(body, "type");
    String clOrdId = clOrdId(body, "clOrdId");
    String symbol = text(body, "symbol");
    if (!contractSizes.containsKey(symbol)) {
      throw new Invalid("unknown symbol " + symbol);
    }
    Side side = side(body);
    TransactTime time = new TransactTime(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
    return switch (type) {
      case "new" -> newOrder(body, clOrdId, dialect.lpSymbol(symbol), side,
        volume -> dialect.toLp(volume, contractSizes.get(symbol)), time);
      case "status" -> {
        OrderStatusRequest status = new OrderStatusRequest(new ClOrdID(clOrdId), side);
        status.set(new Symbol(dialect.lpSymbol(symbol)));
        yield status;
      }
      case "cancel" -> {
        OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID(clOrdId(body, "origClOrdId")),
          new ClOrdID(clOrdId), side, time);
        cancel.set(new Symbol(dialect.lpSymbol(symbol)));
        if (body.getValue("volume") != null) {
          cancel.setString(OrderQty.FIELD, quantity(body, volume -> dialect.toLp(volume, contractSizes.get(symbol))));
        }
        yield cancel;
      }
      default -> throw new Invalid("type must be new, status or cancel");
    };
  }

  private static NewOrderSingle newOrder(JsonObject body, String clOrdId, String lpSymbol, Side side,
                                         UnaryOperator<BigDecimal> toLp, TransactTime time) {
    String ordType = text(body, "ordType");
    char fixType = switch (ordType) {
      case "MARKET" -> OrdType.MARKET;
      case "LIMIT" -> OrdType.LIMIT;
      default -> throw new Invalid("ordType must be MARKET or LIMIT");
    };
    NewOrderSingle order = new NewOrderSingle(new ClOrdID(clOrdId), side, time, new OrdType(fixType));
    order.set(new Symbol(lpSymbol));
    order.setString(OrderQty.FIELD, quantity(body, toLp));
    if (fixType == OrdType.LIMIT) {
      order.setString(Price.FIELD, positive(body, "price").toPlainString());
    } else if (body.getValue("price") != null) {
      throw new Invalid("price is for LIMIT orders only");
    }
    String tif = body.getString("timeInForce", fixType == OrdType.MARKET ? "IOC" : "GTC");
    order.set(new TimeInForce(switch (tif) {
      case "IOC" -> TimeInForce.IMMEDIATE_OR_CANCEL;
      case "FOK" -> TimeInForce.FILL_OR_KILL;
      case "GTC" -> TimeInForce.GOOD_TILL_CANCEL;
      default -> throw new Invalid("timeInForce must be IOC, FOK or GTC");
    }));
    return order;
  }

  /** OrderQty in the LP's unit, as plain decimal text ("10000", "0.1"). */
  private static String quantity(JsonObject body, UnaryOperator<BigDecimal> toLp) {
    return toLp.apply(positive(body, "volume")).toPlainString();
  }

  private static Side side(JsonObject body) {
    return switch (text(body, "side")) {
      case "BUY" -> new Side(Side.BUY);
      case "SELL" -> new Side(Side.SELL);
      default -> throw new Invalid("side must be BUY or SELL");
    };
  }

  /** A ClOrdID that encodes the request's accountId and orderId. */
  private static String clOrdId(JsonObject body, String field) {
    String id = text(body, field);
    RouterAddresses.OrderRef ref = RouterAddresses.parse(id)
      .orElseThrow(() -> new Invalid(field + " must be <accountId>-<orderId>-<suffix>, got " + id));
    Object accountId = body.getValue("accountId");
    Object orderId = body.getValue("orderId");
    if (!(accountId instanceof Number a) || !(orderId instanceof Number o) || a.longValue() != ref.accountId()
      || o.longValue() != ref.orderId()) {
      throw new Invalid(field + " " + id + " must name the request's accountId and orderId");
    }
    return id;
  }

  private static BigDecimal positive(JsonObject body, String field) {
    Object value = body.getValue(field);
    try {
      BigDecimal number = new BigDecimal(String.valueOf(value));
      if (!(value instanceof String) || number.signum() <= 0) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new Invalid(field + " must be a positive decimal string, got " + value);
    }
  }

  private static String text(JsonObject body, String field) {
    if (!(body.getValue(field) instanceof String value) || value.isBlank()) {
      throw new Invalid(field + " is required (a string)");
    }
    return value;
  }
}
