package com.rtx.core.routing;

import com.rtx.core.trading.TimeInForce;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What one LP's FIX engine accepts on a NewOrderSingle, a versioned LP setting
 * ({@code liquidity_provider.execution_profile}, admin field {@code executionProfile}): the order
 * style for client market orders, the time-in-force values it supports, whether it answers
 * OrderStatusRequest, and the Account (1), HandlInst (21) and fixed tags it requires on every order.
 * The admin API and the router read it with the same {@link #parse}, so what a dealer can save the
 * router can load.
 *
 * @param orderStyle         how client market orders go out
 * @param maxDeviationPoints LIMIT_IOC and LIMIT_FOK: how far from the quote the limit may be, in the symbol's points
 * @param timesInForce       the TIF values the LP takes; an order needing another is not sent there
 * @param statusRequests     whether the LP answers OrderStatusRequest (false: never asked; its silent orders stay UNKNOWN)
 * @param positionRequests   whether the LP answers RequestForPositions (false: never asked; reconciliation
 *                           derives its position from its own fills)
 * @param account            Account (1), or null
 * @param handlInst          HandlInst (21): '1', '2' or '3', or null
 * @param fixedTags          further tags sent as they are, by tag number
 */
public record ExecutionProfile(LpOrderStyle orderStyle, int maxDeviationPoints, Set<TimeInForce> timesInForce,
                               boolean statusRequests, boolean positionRequests, String account, String handlInst,
                               Map<Integer, String> fixedTags) {

  /**
   * The profile of an LP without one: market orders, every TIF, status and position requests
   * answered, no extra tags.
   */
  public static final ExecutionProfile DEFAULT = new ExecutionProfile(LpOrderStyle.MARKET, 0,
    EnumSet.allOf(TimeInForce.class), true, true, null, null, Map.of());

  /** Largest deviation accepted: 100,000 points is 1.0 on a 5-digit pair, far past any sane slippage. */
  public static final int MAX_DEVIATION_POINTS = 100_000;
  private static final int MAX_FIXED_TAGS = 20;
  private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]([\\x20-\\x7E]{0,62}[\\x21-\\x7E])?");
  /**
   * Tags the engine sets itself (header, trailer, order identity and terms, and those above): a
   * fixed tag may not override them, or a dealer's setting could change what the platform
   * recorded as sent.
   */
  private static final Set<Integer> ENGINE_TAGS = Set.of(1, 8, 9, 10, 11, 21, 34, 35, 38, 40, 41, 43, 44, 49, 50, 52,
    54, 55, 56, 57, 59, 60, 97, 115, 116, 117, 122, 128, 129, 142, 143, 144, 145);

  /** A setting value that breaks a rule; {@code field} names it under {@code executionProfile}. */
  public static final class Invalid extends IllegalArgumentException {
    private final String field;

    Invalid(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return "executionProfile." + field;
    }
  }

  public ExecutionProfile {
    timesInForce = Collections.unmodifiableSet(EnumSet.copyOf(timesInForce));
    fixedTags = Collections.unmodifiableMap(new TreeMap<>(fixedTags));
  }

  /** Whether an order with {@code tif} may go to this LP. */
  public boolean takes(TimeInForce tif) {
    return timesInForce.contains(tif);
  }

  /**
   * The profile in {@code value} (the JSON object as a map; null for {@link #DEFAULT}). Fields left
   * out take the default's value.
   *
   * @throws Invalid naming the field that breaks a rule
   */
  public static ExecutionProfile parse(Map<String, Object> value) {
    if (value == null) {
      return DEFAULT;
    }
    for (String key : value.keySet()) {
      if (!List.of("orderStyle", "maxDeviationPoints", "timesInForce", "statusRequests", "positionRequests", "account",
        "handlInst", "fixedTags").contains(key)) {
        throw new Invalid(key, "no such field of an execution profile");
      }
    }
    LpOrderStyle style = LpOrderStyle.MARKET;
    Object styleValue = value.get("orderStyle");
    if (styleValue != null) {
      try {
        style = LpOrderStyle.valueOf(String.valueOf(styleValue));
      } catch (IllegalArgumentException e) {
        throw new Invalid("orderStyle", "orderStyle must be MARKET, LIMIT_IOC, LIMIT_FOK or PREVIOUSLY_QUOTED");
      }
    }
    int deviation = deviation(value.get("maxDeviationPoints"));
    Set<TimeInForce> tifs = timesInForce(value.get("timesInForce"));
    if ((style == LpOrderStyle.LIMIT_IOC || style == LpOrderStyle.LIMIT_FOK)
      && !tifs.contains(style == LpOrderStyle.LIMIT_IOC ? TimeInForce.IOC : TimeInForce.FOK)) {
      throw new Invalid("timesInForce", "orderStyle " + style + " sends " + (style == LpOrderStyle.LIMIT_IOC ? "IOC" : "FOK")
        + ", which timesInForce must list");
    }
    if (style == LpOrderStyle.PREVIOUSLY_QUOTED && !tifs.contains(TimeInForce.IOC) && !tifs.contains(TimeInForce.FOK)) {
      throw new Invalid("timesInForce", "orderStyle PREVIOUSLY_QUOTED sends IOC or FOK, one of which timesInForce must list");
    }
    Object status = value.get("statusRequests");
    if (status != null && !(status instanceof Boolean)) {
      throw new Invalid("statusRequests", "statusRequests must be true or false");
    }
    Object positions = value.get("positionRequests");
    if (positions != null && !(positions instanceof Boolean)) {
      throw new Invalid("positionRequests", "positionRequests must be true or false");
    }
    String account = printable(value.get("account"), "account");
    Object handl = value.get("handlInst");
    if (handl != null && !List.of("1", "2", "3").contains(String.valueOf(handl))) {
      throw new Invalid("handlInst", "handlInst must be \"1\", \"2\" or \"3\"");
    }
    return new ExecutionProfile(style, deviation, tifs, status == null || (Boolean) status,
      positions == null || (Boolean) positions, account,
      handl == null ? null : String.valueOf(handl), fixedTags(value.get("fixedTags")));
  }

  /** The profile as the JSON map {@link #parse} reads. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new TreeMap<>();
    out.put("orderStyle", orderStyle.name());
    out.put("maxDeviationPoints", maxDeviationPoints);
    out.put("timesInForce", timesInForce.stream().map(Enum::name).toList());
    out.put("statusRequests", statusRequests);
    out.put("positionRequests", positionRequests);
    if (account != null) {
      out.put("account", account);
    }
    if (handlInst != null) {
      out.put("handlInst", handlInst);
    }
    Map<String, Object> tags = new TreeMap<>();
    fixedTags.forEach((tag, v) -> tags.put(String.valueOf(tag), v));
    out.put("fixedTags", tags);
    return out;
  }

  private static int deviation(Object value) {
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0
      || ((Number) value).longValue() > MAX_DEVIATION_POINTS) {
      throw new Invalid("maxDeviationPoints", "maxDeviationPoints must be a whole number 0.." + MAX_DEVIATION_POINTS);
    }
    return ((Number) value).intValue();
  }

  private static Set<TimeInForce> timesInForce(Object value) {
    if (value == null) {
      return EnumSet.allOf(TimeInForce.class);
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new Invalid("timesInForce", "timesInForce must be a non-empty list of GTC, DAY, GTD, IOC, FOK");
    }
    Set<TimeInForce> tifs = EnumSet.noneOf(TimeInForce.class);
    for (Object item : list) {
      try {
        if (!tifs.add(TimeInForce.valueOf(String.valueOf(item)))) {
          throw new Invalid("timesInForce", "timesInForce lists " + item + " twice");
        }
      } catch (IllegalArgumentException e) {
        if (e instanceof Invalid invalid) {
          throw invalid;
        }
        throw new Invalid("timesInForce", "timesInForce must hold GTC, DAY, GTD, IOC or FOK only");
      }
    }
    return tifs;
  }

  private static Map<Integer, String> fixedTags(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new Invalid("fixedTags", "fixedTags must be an object of tag number to value");
    }
    if (map.size() > MAX_FIXED_TAGS) {
      throw new Invalid("fixedTags", "at most " + MAX_FIXED_TAGS + " fixed tags");
    }
    Map<Integer, String> tags = new TreeMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      int tag;
      try {
        tag = key.matches("[1-9][0-9]{0,4}") ? Integer.parseInt(key) : -1;
      } catch (NumberFormatException ex) {
        tag = -1;
      }
      if (tag < 1) {
        throw new Invalid("fixedTags", "fixed tag " + key.replaceAll("[^\\x20-\\x7E]", "?") + " is not a tag number 1..99999");
      }
      if (ENGINE_TAGS.contains(tag)) {
        throw new Invalid("fixedTags", "tag " + tag + " is set by the engine (header, order terms, account, HandlInst)");
      }
      tags.put(tag, printable(e.getValue(), "fixedTags"));
      if (tags.get(tag) == null) {
        throw new Invalid("fixedTags", "fixed tag " + tag + " needs a value");
      }
    }
    return tags;
  }

  /** 1–64 printable ASCII characters without leading or trailing space (no SOH, no '=' framing issue), or null. */
  private static String printable(Object value, String field) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text) || !PRINTABLE.matcher(text).matches()) {
      throw new Invalid(field, field + " must be 1 to 64 printable ASCII characters");
    }
    return text;
  }
}
