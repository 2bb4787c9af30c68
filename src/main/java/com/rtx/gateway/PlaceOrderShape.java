package com.rtx.gateway;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Set;

/**
 * A quick, strict check that an order-entry body is valid against the contract's
 * {@code PlaceOrderRequest} schema, so that the usual order skips the general schema validator
 * (measured as the gateway's largest cost per order: as much CPU as the whole dealing shard).
 *
 * <p>It only ever answers "plainly valid" for bodies the schema accepts — a narrower rule, proved
 * by {@code PlaceOrderShapeTest} against the contract itself: a body it does not vouch for (an
 * expiry date, a number written {@code 1.0}, anything unusual) goes to the schema validator, which
 * answers as before, error for error. The contract stays the one definition of the API.
 */
final class PlaceOrderShape {

  private static final Set<String> REQUIRED = Set.of("accountId", "symbol", "side", "type", "volume");
  private static final Set<String> DECIMALS = Set.of("volume", "price", "stopLimitPrice", "sl", "tp", "maxDeviation");
  private static final Set<String> SIDES = Set.of("BUY", "SELL");
  private static final Set<String> TYPES = Set.of("MARKET", "LIMIT", "STOP", "STOP_LIMIT");
  private static final Set<String> TIME_IN_FORCE = Set.of("GTC", "DAY", "GTD", "IOC", "FOK");
  private static final long MAX_TRAILING_POINTS = 1_000_000_000L;

  private PlaceOrderShape() {
  }

  /** True only when {@code value} is a body the contract's PlaceOrderRequest schema accepts. */
  static boolean plainlyValid(Object value) {
    if (!(value instanceof JsonObject body)) {
      return false;
    }
    Map<String, Object> fields = body.getMap();
    if (!fields.keySet().containsAll(REQUIRED)) {
      return false;
    }
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      if (!valid(field.getKey(), field.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean valid(String name, Object value) {
    if (DECIMALS.contains(name)) {
      return value instanceof String s && decimal(s);
    }
    return switch (name) {
      case "accountId" -> whole(value, 1, Long.MAX_VALUE);
      case "trailingPoints" -> whole(value, 1, MAX_TRAILING_POINTS);
      case "symbol" -> value instanceof String s && symbol(s);
      case "side" -> value instanceof String s && SIDES.contains(s);
      case "type" -> value instanceof String s && TYPES.contains(s);
      case "timeInForce" -> value instanceof String s && TIME_IN_FORCE.contains(s);
      case "clientOrderId" -> value instanceof String s && clientOrderId(s);
      // expireAt (a date-time format) and any unknown property: the schema validator decides.
      default -> false;
    };
  }

  /** An integer as JSON parsing gives it (Integer or Long; never a fraction or an exponent). */
  private static boolean whole(Object value, long min, long max) {
    if (!(value instanceof Integer) && !(value instanceof Long)) {
      return false;
    }
    long v = ((Number) value).longValue();
    return v >= min && v <= max;
  }

  /** {@code [0-9]{1,15}(\.[0-9]{1,10})?} */
  private static boolean decimal(String s) {
    int dot = s.indexOf('.');
    int whole = dot < 0 ? s.length() : dot;
    if (whole < 1 || whole > 15 || !digits(s, 0, whole)) {
      return false;
    }
    if (dot < 0) {
      return true;
    }
    int fraction = s.length() - dot - 1;
    return fraction >= 1 && fraction <= 10 && digits(s, dot + 1, s.length());
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** {@code [A-Z0-9._]{1,32}} */
  private static boolean symbol(String s) {
    if (s.isEmpty() || s.length() > 32) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** {@code [A-Za-z0-9._:-]{1,64}} */
  private static boolean clientOrderId(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
        || c == ':' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
