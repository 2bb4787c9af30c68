package com.rtx.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Values for the fuzzer: valid ones generated from a JSON schema (with hints by field name so that
 * a valid order names a real symbol and a real account), and the hostile ones it swaps in — huge,
 * negative and exponent numbers, NUL and control characters, very long and non-ASCII text, deep
 * nesting and wrong types. Everything is drawn from the {@link Random} handed in, so a request is
 * reproduced by its seed.
 */
final class FuzzValues {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Symbols of the demo data, and one that does not exist. */
  static final List<String> SYMBOLS = List.of("EURUSD", "GBPUSD", "USDJPY", "XAUUSD", "XAGUSD", "US500", "EURGBP", "NOSUCH");
  private static final List<String> DECIMALS = List.of("0.01", "0.10", "0.02", "1", "1.00", "0.5", "1.10000", "1.09500",
    "1.10500", "1.2", "2000.00", "2001.50", "150.250", "0", "100", "25.5", "0.00001", "5000");
  private static final List<String> PERMISSIONS = List.of("accounts.read", "orders.read", "refdata.read", "reports.read",
    "staff.read", "audit.read", "balance.adjust", "no.such");

  /** Texts that have broken parsers, databases and log lines. */
  static final List<String> HOSTILE_TEXT = List.of("", " ", "\u0000", "a\u0000b", "\u0001\u0002\u0003\u001f", "\n", "\r\n",
    "EURUSD\n", "\t", "\u007f", "\ud83d\ude00", "\u202e", "é", "\uffff", "\\", "\"", "'", "' OR '1'='1", "%00", "%s%n",
    "${jndi:ldap://127.0.0.1/x}", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "../../etc/passwd", "null",
    "NaN", "Infinity", "-Infinity", "1e308", "-1", "0", "9223372036854775808", "99999999999999999999", "0x10",
    "1.7976931348623157E309", "true", "[]", "{}", "2026-13-45T25:61:61Z", "0000-00-00", "+1", "1_000", "１２３");

  /** Numbers outside what a long, a double or a scaled price can hold, and the signs and forms around them. */
  static final List<String> HOSTILE_NUMBERS = List.of("-1", "0", "-0", "1e308", "-1e308", "1e-308", "1E+2", "1e3",
    "9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999", "18446744073709551616",
    "2147483648", "-2147483649", "1.5", "0.0000000001", "1.0", "100002.0", "4.9e-324", "123456789012345678901234567890.5",
    "1e400", "-0.0", "1" + "0".repeat(400));

  private final Random random;
  private final FuzzPools pools;

  FuzzValues(Random random, FuzzPools pools) {
    this.random = random;
    this.pools = pools;
  }

  Random random() {
    return random;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  // ---- valid values ----

  /** A value that {@code schema} accepts, shaped by {@code field} where the name says what it is. */
  JsonNode valid(FuzzContract contract, JsonNode raw, String field, int depth) {
    JsonNode schema = contract.resolve(raw);
    if (schema.has("allOf")) {
      return validAllOf(contract, schema, field, depth);
    }
    if (schema.has("oneOf") || schema.has("anyOf")) {
      JsonNode options = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
      return valid(contract, options.get(random.nextInt(options.size())), field, depth);
    }
    if (schema.has("enum")) {
      JsonNode values = schema.get("enum");
      return values.get(random.nextInt(values.size()));
    }
    String type = type(schema);
    return switch (type) {
      case "null" -> F.nullNode();
      // The kill switch engaged halts every order until the next housekeeping: rarely.
      case "boolean" -> F.booleanNode(field.equals("engaged") ? chance(0.1) : random.nextBoolean());
      case "integer" -> F.numberNode(integer(schema, field));
      case "number" -> F.numberNode(new BigDecimal(pick(DECIMALS)));
      case "array" -> validArray(contract, schema, field, depth);
      case "object" -> validObject(contract, schema, depth);
      default -> F.textNode(string(schema, field));
    };
  }

  private String type(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return schema.has("properties") ? "object" : "string";
    }
    if (type.isArray()) {
      // ["string", "null"]: mostly the real type, sometimes null.
      List<String> types = new ArrayList<>();
      type.forEach(t -> types.add(t.asText()));
      String real = types.stream().filter(t -> !t.equals("null")).findFirst().orElse("null");
      return types.contains("null") && chance(0.2) ? "null" : real;
    }
    return type.asText();
  }

  private JsonNode validAllOf(FuzzContract contract, JsonNode schema, String field, int depth) {
    ObjectNode merged = F.objectNode();
    ArrayNode required = F.arrayNode();
    ObjectNode properties = F.objectNode();
    for (JsonNode part : schema.get("allOf")) {
      JsonNode p = contract.resolve(part);
      p.fields().forEachRemaining(f -> {
        if (f.getKey().equals("required")) {
          required.addAll((ArrayNode) f.getValue());
        } else if (f.getKey().equals("properties")) {
          properties.setAll((ObjectNode) f.getValue());
        } else {
          merged.set(f.getKey(), f.getValue());
        }
      });
    }
    merged.set("properties", properties);
    merged.set("required", required);
    merged.put("type", "object");
    return valid(contract, merged, field, depth);
  }

  private JsonNode validArray(FuzzContract contract, JsonNode schema, String field, int depth) {
    ArrayNode array = F.arrayNode();
    int max = Math.min(schema.path("maxItems").asInt(4), 4);
    int n = Math.max(schema.path("minItems").asInt(0), random.nextInt(max + 1));
    for (int i = 0; i < n; i++) {
      JsonNode item = field.equals("permissions") ? F.textNode(pick(PERMISSIONS))
        : valid(contract, schema.path("items"), field, depth + 1);
      if (!schema.path("uniqueItems").asBoolean() || !contains(array, item)) {
        array.add(item);
      }
    }
    return array;
  }

  private static boolean contains(ArrayNode array, JsonNode item) {
    for (JsonNode e : array) {
      if (e.equals(item)) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode validObject(FuzzContract contract, JsonNode schema, int depth) {
    ObjectNode object = F.objectNode();
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      if (required.contains(p.getKey()) || chance(0.4)) {
        object.set(p.getKey(), valid(contract, p.getValue(), p.getKey(), depth + 1));
      }
    }
    JsonNode extra = schema.get("additionalProperties");
    if (extra != null && extra.isObject() && depth < 4) {
      int n = random.nextInt(3);
      for (int i = 0; i < n; i++) {
        object.set(pick(SYMBOLS), valid(contract, extra, "additional", depth + 1));
      }
    }
    int min = schema.path("minProperties").asInt(0);
    if (object.size() < min) {
      for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext() && object.size() < min; ) {
        Map.Entry<String, JsonNode> p = it.next();
        object.set(p.getKey(), valid(contract, p.getValue(), p.getKey(), depth + 1));
      }
    }
    return object;
  }

  /** An integer for {@code field}: ids from the pools the fuzzer keeps, else inside the schema's bounds. */
  long integer(JsonNode schema, String field) {
    Long id = pools.idFor(field, random);
    if (id != null) {
      return id;
    }
    long min = schema.has("minimum") ? schema.get("minimum").asLong() : -5;
    long max = schema.has("maximum") ? schema.get("maximum").asLong() : min + 1_000;
    if (chance(0.3)) {
      return chance(0.5) ? min : max;
    }
    long span = Math.max(1, Math.min(max - min, 1_000_000));
    return min + Math.floorMod(random.nextLong(), span + 1);
  }

  private String string(JsonNode schema, String field) {
    String pattern = schema.path("pattern").asText("");
    String format = schema.path("format").asText("");
    int maxLength = schema.path("maxLength").asInt(64);
    int minLength = schema.path("minLength").asInt(0);
    String hinted = hinted(field, pattern, format);
    String value = hinted != null ? hinted : "fz" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    if (value.length() > maxLength) {
      value = value.substring(0, maxLength);
    }
    while (value.length() < minLength) {
      value = value + "x";
    }
    return value;
  }

  private String hinted(String field, String pattern, String format) {
    if (format.equals("date-time") || field.equals("expireAt")) {
      return Instant.ofEpochMilli(pools.now() + random.nextInt(86_400_000 * 2) - 86_400_000L).toString();
    }
    if (pattern.contains("[0-9]{6}")) {
      return String.format("%06d", random.nextInt(1_000_000));
    }
    if (pattern.contains("{43}")) {
      return token(43);
    }
    if (pattern.equals("^[A-Z]{3}$")) {
      return pick(List.of("USD", "EUR", "JPY", "GBP", "XXX"));
    }
    if (pattern.contains("[0-9]{1,15}")) {
      return (pattern.startsWith("^-?") && chance(0.2) ? "-" : "") + pick(DECIMALS);
    }
    switch (field) {
      case "symbol", "symbols":
        return pick(SYMBOLS);
      case "username":
        // Throwaway names only: a wrong password must never count against a user the fuzzer logs in as.
        return "fz-" + token(8).toLowerCase(java.util.Locale.ROOT).replace('_', 'x');
      case "password", "currentPassword", "newPassword":
        return "fz-Pa55word-" + token(6);
      case "group":
        return pick(List.of("retail-hedging", "retail-netting", "pro-abook", "fz-group", "no-such-group"));
      case "markupProfile":
        return pick(List.of("standard", "fz-profile", "no-such-profile"));
      case "clientOrderId":
        return "fz-" + token(10);
      case "reason", "comment":
        return "fuzz " + token(6);
      case "tf":
        return pick(List.of("M1", "M5", "H1", "D1"));
      case "from", "to":
        return chance(0.5) ? Long.toString(pools.now() - random.nextInt(86_400_000)) : Instant.ofEpochMilli(pools.now()).toString();
      case "host":
        return "127.0.0.1";
      case "sessions":
        return "MON 00:00-24:00";
      case "key", "name":
        return pools.nameFor(random);
      default:
        return null;
    }
  }

  String token(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  // ---- hostile values ----

  /** A value of the wrong kind or out of every range, for a field whose valid value is {@code valid}. */
  JsonNode hostile(JsonNode valid) {
    int kind = random.nextInt(10);
    return switch (kind) {
      case 0, 1 -> number(pick(HOSTILE_NUMBERS));
      case 2, 3 -> F.textNode(pick(HOSTILE_TEXT));
      case 4 -> F.textNode(longText());
      case 5 -> wrongType(valid);
      case 6 -> nested(1 + random.nextInt(3000));
      case 7 -> valid != null && valid.isTextual() ? F.textNode(valid.asText() + pick(HOSTILE_TEXT)) : F.textNode(pick(HOSTILE_NUMBERS));
      case 8 -> F.rawValueNode(new RawValue(pick(List.of("NaN", "Infinity", "-Infinity", "1e99999", "01", "-", ".5",
        "0x1F", "\"\\u0000\"", "\"\\ud800\"", "\"\\uDFFF\\uD800\""))));
      default -> chance(0.5) ? F.nullNode() : F.booleanNode(random.nextBoolean());
    };
  }

  JsonNode number(String text) {
    try {
      if (!text.contains(".") && !text.contains("e") && !text.contains("E")) {
        return F.numberNode(new BigInteger(text));
      }
      return F.numberNode(new BigDecimal(text));
    } catch (NumberFormatException e) {
      return F.rawValueNode(new RawValue(text));
    }
  }

  JsonNode wrongType(JsonNode valid) {
    if (valid == null || valid.isTextual()) {
      return pick(List.of(F.numberNode(12345), F.booleanNode(true), F.arrayNode().add("x"), F.objectNode().put("a", 1),
        F.nullNode()));
    }
    if (valid.isNumber()) {
      return pick(List.of(F.textNode(valid.asText()), F.textNode("abc"), F.booleanNode(false), F.arrayNode().add(valid),
        F.numberNode(new BigDecimal("1.5")), F.textNode("1e3")));
    }
    return pick(List.of(F.textNode("x"), F.numberNode(1), F.arrayNode(), F.objectNode()));
  }

  String longText() {
    int n = pick(List.of(65, 257, 513, 4_097, 70_000, 300_000));
    return pick(List.of("a", "é", "\u0000", "9", "\ud83d\ude00")).repeat(n);
  }

  /** Arrays or objects {@code depth} levels deep. */
  JsonNode nested(int depth) {
    StringBuilder b = new StringBuilder();
    boolean arrays = random.nextBoolean();
    for (int i = 0; i < depth; i++) {
      b.append(arrays ? "[" : "{\"a\":");
    }
    b.append('1');
    for (int i = 0; i < depth; i++) {
      b.append(arrays ? "]" : "}");
    }
    return F.rawValueNode(new RawValue(b.toString()));
  }
}
