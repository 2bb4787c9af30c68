package com.rtx.routing;

import com.rtx.bus.RouterAddresses;
import com.rtx.core.market.LpDialect;
import com.rtx.core.routing.ExecutionProfile;
import com.rtx.core.routing.LpOrderTerms;
import com.rtx.core.trading.OrderType;
import io.vertx.core.json.JsonObject;
import quickfix.Message;
import quickfix.field.Account;
import quickfix.field.ClOrdID;
import quickfix.field.HandlInst;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.QuoteID;
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
 * lots, of its own size where it has one), exactly: a volume that is no exact quantity of the LP's
 * lots is {@link Unsupported} (the next LP is tried), never sent rounded; prices go on the wire as the decimal text received, never through a double. A NewOrderSingle
 * follows the LP's {@link ExecutionProfile}: a market order for an LP that takes limits only goes
 * as a limit at the request's {@code quotedPrice} ± the LP's deviation ({@link LpOrderTerms}), or for
 * an LP that takes previously quoted orders as 40=D with {@code quoteId} as QuoteID (117) when the
 * request's {@code quoteLp} is this LP, and the LP's Account, HandlInst and fixed tags are added.
 */
final class OrderCommands {

  /** An order the LP's profile does not let go to it (a TIF it does not take, no quote to price a limit). */
  static final class Unsupported extends RuntimeException {
    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

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

  /**
   * @param dialect how the LP names symbols and counts quantities
   * @param profile the LP's execution profile
   * @param digits  price digits per symbol (points of the profile's deviation)
   * @throws Invalid     the request breaks the contract
   * @throws Unsupported the LP's profile does not take the order
   */
  static Message toFix(JsonObject body, Map<String, BigDecimal> contractSizes, LpDialect dialect,
                       ExecutionProfile profile, Map<String, Integer> digits, Instant now) {
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
        volume -> toLp(dialect, body, symbol, volume, contractSizes.get(symbol)), profile,
        digits.getOrDefault(symbol, 5), time);
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
          cancel.setString(OrderQty.FIELD, quantity(body,
            volume -> toLp(dialect, body, symbol, volume, contractSizes.get(symbol))));
        }
        yield cancel;
      }
      default -> throw new Invalid("type must be new, status or cancel");
    };
  }

  /**
   * A reconciliation repair ({@code RCN-…}) of {@code lots} of {@code symbol}, built like a client's
   * market order so that it goes out the way the LP takes orders: its order style (a limit at
   * {@code quoted} ± the deviation for a limit-only LP), a time in force it takes (IOC, else FOK),
   * its Account, HandlInst and fixed tags, its symbol name and quantity unit.
   *
   * @param quoted the quote's price on the repair's side (ask for a buy), or null when none is at hand
   * @throws Unsupported the LP's profile does not take it (no IOC or FOK, a limit-only LP and no quote)
   */
  static NewOrderSingle repair(String clOrdId, String lp, String symbol, boolean buy, BigDecimal lots,
                               BigDecimal quoted, BigDecimal contractSize, LpDialect dialect, ExecutionProfile profile,
                               int digits, Instant now) {
    com.rtx.core.trading.TimeInForce tif = profile.takes(com.rtx.core.trading.TimeInForce.IOC)
      || !profile.takes(com.rtx.core.trading.TimeInForce.FOK) ? com.rtx.core.trading.TimeInForce.IOC
      : com.rtx.core.trading.TimeInForce.FOK;
    JsonObject body = new JsonObject().put("lp", lp).put("ordType", "MARKET").put("timeInForce", tif.name())
      .put("volume", lots.toPlainString());
    if (quoted != null) {
      body.put("quotedPrice", quoted.toPlainString());
    }
    return newOrder(body, clOrdId, dialect.lpSymbol(symbol), new Side(buy ? Side.BUY : Side.SELL),
      volume -> toLp(dialect, body, symbol, volume, contractSize), profile, digits,
      new TransactTime(LocalDateTime.ofInstant(now, ZoneOffset.UTC)));
  }

  private static NewOrderSingle newOrder(JsonObject body, String clOrdId, String symbol, Side side,
                                         UnaryOperator<BigDecimal> toLp, ExecutionProfile profile, int digits,
                                         TransactTime time) {
    OrderType type = switch (text(body, "ordType")) {
      case "MARKET" -> OrderType.MARKET;
      case "LIMIT" -> OrderType.LIMIT;
      default -> throw new Invalid("ordType must be MARKET or LIMIT");
    };
    BigDecimal limit = null;
    if (type == OrderType.LIMIT) {
      limit = positive(body, "price");
    } else if (body.getValue("price") != null) {
      throw new Invalid("price is for LIMIT orders only");
    }
    com.rtx.core.trading.TimeInForce tif = timeInForce(body.getString("timeInForce", type == OrderType.MARKET ? "IOC" : "GTC"));
    if (!tif.appliesTo(type) || tif == com.rtx.core.trading.TimeInForce.GTD) {
      throw new Invalid("timeInForce " + tif + " is not for " + type + " orders at an LP (MARKET: IOC or FOK; "
        + "LIMIT: GTC, DAY, IOC or FOK)");
    }
    BigDecimal quoted = body.getValue("quotedPrice") == null ? null : positive(body, "quotedPrice");
    String quoteId = optionalText(body, "quoteId");
    String quoteLp = optionalText(body, "quoteLp");
    LpOrderTerms.Terms terms;
    try {
      terms = LpOrderTerms.of(profile, side.getValue() == Side.BUY ? com.rtx.core.trading.Side.BUY
        : com.rtx.core.trading.Side.SELL, type, limit, tif, quoted, quoteId, quoteLp, digits, body.getString("lp"));
    } catch (LpOrderTerms.Unsendable e) {
      throw new Unsupported(e.getMessage());
    }
    NewOrderSingle order = new NewOrderSingle(new ClOrdID(clOrdId), side, time, new OrdType(terms.previouslyQuoted()
      ? OrdType.PREVIOUSLY_QUOTED : terms.type() == OrderType.LIMIT ? OrdType.LIMIT : OrdType.MARKET));
    order.set(new Symbol(symbol));
    order.setString(OrderQty.FIELD, quantity(body, toLp));
    if (terms.price() != null) {
      order.setString(Price.FIELD, terms.price().toPlainString());
    }
    if (terms.previouslyQuoted()) {
      order.set(new QuoteID(terms.quoteId()));
    }
    order.set(new TimeInForce(switch (terms.timeInForce()) {
      case IOC -> TimeInForce.IMMEDIATE_OR_CANCEL;
      case FOK -> TimeInForce.FILL_OR_KILL;
      case GTC -> TimeInForce.GOOD_TILL_CANCEL;
      case DAY -> TimeInForce.DAY;
      case GTD -> throw new Invalid("GTD is not sent to an LP");
    }));
    if (profile.account() != null) {
      order.set(new Account(profile.account()));
    }
    if (profile.handlInst() != null) {
      order.set(new HandlInst(profile.handlInst().charAt(0)));
    }
    profile.fixedTags().forEach(order::setString);
    return order;
  }

  private static com.rtx.core.trading.TimeInForce timeInForce(String text) {
    try {
      return com.rtx.core.trading.TimeInForce.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new Invalid("timeInForce must be IOC, FOK, GTC, DAY or GTD");
    }
  }

  /** {@code volume} lots in the LP's unit; Unsupported when the LP's lots cannot say it exactly. */
  private static BigDecimal toLp(LpDialect dialect, JsonObject body, String symbol, BigDecimal volume,
                                 BigDecimal contractSize) {
    try {
      return dialect.toLp(symbol, volume, contractSize);
    } catch (LpDialect.InexactQuantity e) {
      throw new Unsupported(body.getString("lp") + " cannot be sent this volume: " + e.getMessage());
    }
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

  /**
   * An optional string field: absent or null is null. A QuoteID goes on the wire as it is, so it must
   * be printable ASCII (no SOH to break the message), 1-128 characters, not blank.
   */
  private static String optionalText(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text) || text.isBlank() || !text.matches("[\\x20-\\x7E]{1,128}")) {
      throw new Invalid(field + " must be 1 to 128 printable ASCII characters");
    }
    return text;
  }

  private static String text(JsonObject body, String field) {
    if (!(body.getValue(field) instanceof String value) || value.isBlank()) {
      throw new Invalid(field + " is required (a string)");
    }
    return value;
  }
}
