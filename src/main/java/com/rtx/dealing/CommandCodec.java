package com.rtx.dealing;

import com.rtx.bus.DealingAddresses;
import com.rtx.core.account.AccountStatus;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.Position;
import com.rtx.core.dealing.Command;
import com.rtx.core.market.Lots;
import com.rtx.core.market.Prices;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Money;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Turns a dealing request ({@link DealingAddresses} documents the shapes) into a domain
 * {@link Command}: decimals (strings) into instrument units, lots and minor units. A request that
 * cannot be read fails with {@link InvalidRequest} naming the field; business checks (volume
 * limits, ticks, margin) are the domain's.
 */
final class CommandCodec {

  private CommandCodec() {
  }

  static Command decode(JsonObject req, SymbolCatalog symbols, String accountCurrency) {
    String op = req.getString("op");
    if (op == null) {
      throw new InvalidRequest("op", "op is required");
    }
    return switch (op) {
      case "placeOrder" -> placeOrder(req, symbols);
      case "modifyOrder" -> {
        Optional<SymbolTerms> terms = symbols.find(text(req, "symbol", false));
        String tif = text(req, "timeInForce", false);
        yield new Command.ModifyOrder(id(req, "orderId"), price(req, "price", terms), price(req, "stopLimitPrice", terms),
          price(req, "sl", terms), price(req, "tp", terms), points(req, "trailingPoints"),
          tif == null ? null : enumValue(TimeInForce.class, req, "timeInForce"), instant(req, "expireAt"));
      }
      case "cancelOrder" -> new Command.CancelOrder(id(req, "orderId"));
      case "modifyPosition" -> {
        Optional<SymbolTerms> terms = symbols.find(text(req, "symbol", false));
        yield new Command.ModifyPosition(id(req, "positionId"), price(req, "sl", terms), price(req, "tp", terms),
          points(req, "trailingPoints"));
      }
      case "closePosition" -> {
        Optional<SymbolTerms> terms = symbols.find(text(req, "symbol", false));
        String volume = text(req, "volume", false);
        yield new Command.ClosePosition(id(req, "positionId"), volume == null ? 0 : volume(req),
          clientOrderId(req), price(req, "price", terms), deviation(req, terms));
      }
      case "closeBy" -> new Command.CloseBy(id(req, "positionId"), id(req, "oppositePositionId"), clientOrderId(req));
      case "deposit" -> new Command.Deposit(amount(req, accountCurrency), comment(req));
      case "withdraw" -> new Command.Withdraw(amount(req, accountCurrency), comment(req));
      case "adjust" -> new Command.Adjust(amount(req, accountCurrency), comment(req));
      case "credit" -> new Command.ChangeCredit(amount(req, accountCurrency), comment(req));
      case "changeStatus" -> new Command.ChangeStatus(enumValue(AccountStatus.class, req, "status"));
      default -> throw new InvalidRequest("op", "unknown op " + op);
    };
  }

  private static Command placeOrder(JsonObject req, SymbolCatalog symbols) {
    String symbol = text(req, "symbol", true);
    Optional<SymbolTerms> terms = symbols.find(symbol);
    OrderType type = enumValue(OrderType.class, req, "type");
    String tif = text(req, "timeInForce", false);
    return new Command.PlaceOrder(clientOrderId(req), symbol, enumValue(Side.class, req, "side"), type, volume(req),
      price(req, "price", terms), price(req, "stopLimitPrice", terms), price(req, "sl", terms), price(req, "tp", terms),
      points(req, "trailingPoints"), tif == null ? null : enumValue(TimeInForce.class, req, "timeInForce"),
      instant(req, "expireAt"), deviation(req, terms));
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
    if (value instanceof Number n && n.longValue() > 0) {
      return n.longValue();
    }
    if (value instanceof String s && s.matches("[1-9][0-9]{0,18}")) {
      return Long.parseLong(s);
    }
    throw new InvalidRequest(field, field + " must be a positive integer");
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, JsonObject req, String field) {
    String value = text(req, field, true);
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest(field, field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  private static long volume(JsonObject req) {
    String value = text(req, "volume", true);
    try {
      long volume = Lots.of(new BigDecimal(value));
      if (volume <= 0) {
        throw new InvalidRequest("volume", "volume must be positive");
      }
      return volume;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidRequest("volume", "volume must be a decimal number of lots with at most " + Lots.DIGITS
        + " decimals, e.g. \"0.10\"");
    }
  }

  /** A price in the symbol's units, 0 when absent; an unknown symbol leaves it to the domain to reject. */
  private static long price(JsonObject req, String field, Optional<SymbolTerms> terms) {
    String value = text(req, field, false);
    if (value == null || terms.isEmpty()) {
      return 0;
    }
    try {
      long units = Prices.parse(value, terms.get().digits());
      if (units <= 0) {
        throw new InvalidRequest(field, field + " must be positive");
      }
      return units;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new InvalidRequest(field, field + " must be a decimal price with at most " + terms.get().digits()
        + " decimals for " + terms.get().symbol());
    }
  }

  /** maxDeviation is a price distance ("0.00020"), kept in points. */
  private static long deviation(JsonObject req, Optional<SymbolTerms> terms) {
    String value = text(req, "maxDeviation", false);
    if (value == null || terms.isEmpty()) {
      return 0;
    }
    try {
      long points = Prices.parse(value, terms.get().digits());
      if (points < 0) {
        throw new InvalidRequest("maxDeviation", "maxDeviation must not be negative");
      }
      return points;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new InvalidRequest("maxDeviation", "maxDeviation must be a price distance with at most "
        + terms.get().digits() + " decimals");
    }
  }

  /** The contract's bound on a distance in points; the domain bounds it further by the market. */
  static final long MAX_POINTS = 1_000_000_000L;

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

  private static long amount(JsonObject req, String currency) {
    String value = text(req, "amount", true);
    try {
      return Money.of(currency, new BigDecimal(value)).minor();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidRequest("amount", "amount must be a decimal in " + currency + " with its digits");
    }
  }

  private static String comment(JsonObject req) {
    String comment = text(req, "comment", false);
    return comment == null ? "" : comment;
  }

  /** The symbol of the order or position a request names, for reading its prices. */
  static JsonObject withSymbol(JsonObject req, AccountState state) {
    if (req.getValue("symbol") != null) {
      return req;
    }
    Long orderId = req.getValue("orderId") instanceof Number n ? n.longValue() : null;
    Long positionId = req.getValue("positionId") instanceof Number n ? n.longValue() : null;
    String symbol = orderId != null ? state.order(orderId).map(Order::symbol).orElse(null)
      : positionId != null ? state.position(positionId).map(Position::symbol).orElse(null) : null;
    return symbol == null ? req : req.copy().put("symbol", symbol);
  }
}
