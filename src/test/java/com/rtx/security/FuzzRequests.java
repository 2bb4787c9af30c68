package com.rtx.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds request number {@code i} of a run from {@code Random(seed, i)} alone: the operation, who
 * sends it, a valid request from the contract and, most of the time, one mutation of it (a body
 * field, a missing or extra field, the whole body, a path or query parameter, a header or the
 * method). The same seed and index give the same request whatever else ran, which is how a
 * finding is reproduced ({@code --seed S --only I}).
 */
final class FuzzRequests {

  /** One request, ready to send. {@code who}: none, garbage, trader1, trader2 or staff:ROLE. */
  record Request(long index, FuzzContract.Operation op, String method, String target, Map<String, String> headers,
                 byte[] body, String who, String token, String mutation) {

    String bodyText() {
      return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
  }

  private static final List<String> SAFE_ID_HOSTILES = List.of("-1", "0", "-0", "9223372036854775808",
    "99999999999999999999", "-9223372036854775809", "18446744073709551616", "1e400", "abc", "%00", "%0a", "%20",
    "%E2%82%AC", "null", "NaN", "0x10", "+", "-", "");
  /** Operations that act on a staff user or trader by id: only the victims' ids, never a small number. */
  private static final List<String> PERSON_PARAMS = List.of("staffId", "traderId");

  private final FuzzContract trader;
  private final FuzzContract admin;
  private final FuzzPools pools;
  private final FuzzSessions sessions;
  private final long seed;

  FuzzRequests(FuzzContract trader, FuzzContract admin, FuzzPools pools, FuzzSessions sessions, long seed) {
    this.trader = trader;
    this.admin = admin;
    this.pools = pools;
    this.sessions = sessions;
    this.seed = seed;
  }

  Request build(long index) {
    // Mixed: java.util.Random's first outputs for neighbouring seeds are nearly the same, which
    // made whole runs pick the same API and operations.
    Random random = new Random(mix(seed + index * 0x9E3779B97F4A7C15L));
    FuzzValues v = new FuzzValues(random, pools);
    boolean adminApi = random.nextBoolean();
    FuzzContract contract = adminApi ? admin : trader;
    List<FuzzContract.Operation> ops = contract.operations();
    FuzzContract.Operation op = ops.get(random.nextInt(ops.size()));
    if (!adminApi && random.nextInt(4) == 0) {
      // Orders are where money moves: give them more of the run.
      op = ops.stream().filter(o -> o.id().equals("placeOrder")).findFirst().orElse(op);
    }
    String who = who(v, op);

    Map<String, String> pathValues = new LinkedHashMap<>();
    Map<String, String> query = new LinkedHashMap<>();
    for (FuzzContract.Param p : op.params()) {
      String value = v.valid(contract, p.schema(), p.name(), 0).asText();
      if (p.in().equals("path")) {
        pathValues.put(p.name(), encode(value));
      } else if (p.required() || v.chance(0.5)) {
        query.put(p.name(), encode(value));
      }
    }
    JsonNode body = op.body() != null && (op.bodyRequired() || v.chance(0.7)) ? v.valid(contract, op.body(), "body", 0) : null;
    if (op.id().equals("placeOrder") && v.chance(0.6)) {
      body = saneOrder(v, who);
    }
    String rawBody = body == null ? null : body.toString();
    String method = op.method();
    Map<String, String> headers = new LinkedHashMap<>();
    String suffix = "";
    String mutation = "valid";

    if (v.chance(0.65)) {
      int kind = random.nextInt(12);
      switch (kind) {
        case 0, 1, 2 -> {
          if (body != null && body.isObject() && body.size() > 0) {
            String field = pickField(v, (ObjectNode) body);
            ((ObjectNode) body).set(field, v.hostile(body.get(field)));
            rawBody = body.toString();
            mutation = "field " + field;
          } else {
            rawBody = v.hostile(null).toString();
            mutation = "body value";
          }
        }
        case 3 -> {
          if (body != null && body.isObject() && body.size() > 0) {
            String field = pickField(v, (ObjectNode) body);
            ((ObjectNode) body).remove(field);
            rawBody = body.toString();
            mutation = "missing " + field;
          } else {
            rawBody = "{}";
            mutation = "empty body";
          }
        }
        case 4 -> {
          ObjectNode b = body != null && body.isObject() ? (ObjectNode) body : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
          String field = v.pick(List.of("extra", "__proto__", "constructor", "accountId", "$where", "", "a\u0000b", "role"));
          b.set(field, v.hostile(null));
          rawBody = b.toString();
          mutation = "extra " + field;
        }
        case 5 -> {
          rawBody = wholeBody(v, body);
          mutation = "whole body";
        }
        case 6, 7 -> {
          if (!pathValues.isEmpty()) {
            List<String> names = new ArrayList<>(pathValues.keySet());
            String name = names.get(random.nextInt(names.size()));
            pathValues.put(name, PERSON_PARAMS.contains(name) ? v.pick(SAFE_ID_HOSTILES) : hostileSegment(v));
            mutation = "path " + name;
          } else {
            suffix = v.pick(List.of("/", "//", "/..", "/%2e%2e", "/x", "%00", ";a=b", "/" + "a".repeat(5000), "?=&&=",
              "/%ff", "#frag"));
            mutation = "path suffix";
          }
        }
        case 8 -> {
          if (!op.params().isEmpty() && op.params().stream().anyMatch(p -> p.in().equals("query"))) {
            List<FuzzContract.Param> qs = op.params().stream().filter(p -> p.in().equals("query")).toList();
            FuzzContract.Param p = qs.get(random.nextInt(qs.size()));
            query.put(p.name(), hostileSegment(v));
            if (v.chance(0.2)) {
              query.put(p.name() + "&" + p.name(), "1");
            }
            mutation = "query " + p.name();
          } else {
            query.put(v.pick(List.of("limit", "x", "before", "%00", "a[b]", "symbols")), hostileSegment(v));
            mutation = "unknown query";
          }
        }
        case 9 -> {
          mutation = "header " + mutateHeaders(v, headers);
        }
        case 10 -> {
          method = v.pick(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "FOO"));
          mutation = "method " + method;
        }
        default -> {
          who = v.pick(List.of("none", "garbage", FuzzSessions.TRADER1, "staff:" + v.pick(sessions.roles())));
          mutation = "identity " + who;
        }
      }
    }
    who = safeIdentity(op, who, v);
    String token = token(v, who);
    if (token != null && !headers.containsKey("Authorization")) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (rawBody != null && !headers.containsKey("Content-Type") && !mutation.startsWith("header")) {
      headers.put("Content-Type", "application/json");
    }
    headers.putIfAbsent("X-Request-Id", "fz-" + seed + "-" + index);
    String path = op.template();
    for (Map.Entry<String, String> e : pathValues.entrySet()) {
      path = path.replace("{" + e.getKey() + "}", e.getValue());
    }
    StringBuilder target = new StringBuilder(op.base()).append(path).append(suffix);
    if (!query.isEmpty()) {
      target.append(target.indexOf("?") < 0 ? '?' : '&');
      List<String> pairs = new ArrayList<>();
      query.forEach((k, val) -> pairs.add(k + "=" + val));
      target.append(String.join("&", pairs));
    }
    byte[] bytes = rawBody == null ? null : rawBody.getBytes(StandardCharsets.UTF_8);
    if (mutation.equals("whole body") && v.chance(0.1)) {
      bytes = new byte[] {(byte) 0xC3, (byte) 0x28, '{', 0, (byte) 0xFF, '}'}; // invalid UTF-8 and a NUL
    }
    return new Request(index, op, method, target.toString(), headers, bytes, who, token, mutation);
  }

  /**
   * An order that can fill or rest: the sender's own account, a quoted symbol, a small volume, and
   * now and then stops, a trailing distance or a pending price near the market, so that fills,
   * triggers, trailing stops and stop-outs happen during the run.
   */
  private ObjectNode saneOrder(FuzzValues v, String who) {
    ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    o.put("accountId", who.equals(FuzzSessions.TRADER2) ? 100_003 : v.chance(0.6) ? 100_001 : 100_002);
    String symbol = v.pick(List.of("EURUSD", "EURUSD", "GBPUSD", "USDJPY", "XAUUSD", "US500"));
    java.math.BigDecimal mid = FuzzEngine.mid(symbol);
    boolean buy = v.random().nextBoolean();
    o.put("symbol", symbol).put("side", buy ? "BUY" : "SELL");
    o.put("volume", v.pick(List.of("0.01", "0.05", "0.10", "0.50", "1.00", "3.00", symbol.equals("US500") ? "1.0" : "0.20")));
    String type = v.pick(List.of("MARKET", "MARKET", "MARKET", "LIMIT", "STOP"));
    o.put("type", type);
    java.math.BigDecimal step = mid.movePointLeft(3).setScale(mid.scale(), java.math.RoundingMode.HALF_UP);
    if (!type.equals("MARKET")) {
      boolean below = type.equals("LIMIT") == buy;
      o.put("price", (below ? mid.subtract(step) : mid.add(step)).toPlainString());
    }
    if (v.chance(0.3)) {
      o.put("sl", (buy ? mid.subtract(step.multiply(java.math.BigDecimal.TEN)) : mid.add(step.multiply(java.math.BigDecimal.TEN)))
        .toPlainString());
    }
    if (v.chance(0.2)) {
      o.put("trailingPoints", 1 + v.random().nextInt(500));
    }
    if (v.chance(0.5)) {
      o.put("clientOrderId", "fz-" + v.token(12));
    }
    return o;
  }

  /** MurmurHash3's 64-bit finaliser: every input bit reaches every output bit. */
  static long mix(long z) {
    long x = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }

  private String pickField(FuzzValues v, ObjectNode body) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return v.pick(names);
  }

  private String who(FuzzValues v, FuzzContract.Operation op) {
    if (op.admin()) {
      return v.chance(0.9) ? "staff:" + v.pick(sessions.roles()) : v.pick(List.of("none", "garbage", FuzzSessions.TRADER1));
    }
    if (!op.secured()) {
      return v.chance(0.8) ? "none" : FuzzSessions.TRADER1;
    }
    double r = v.random().nextDouble();
    return r < 0.75 ? FuzzSessions.TRADER1 : r < 0.9 ? FuzzSessions.TRADER2 : v.pick(List.of("none", "garbage",
      "staff:" + v.pick(sessions.roles())));
  }

  /** Logging out ends the session the fuzzer keeps using: those are sent without its tokens. */
  private static String safeIdentity(FuzzContract.Operation op, String who, FuzzValues v) {
    if ((op.id().equals("logout") || op.id().equals("staffLogout")) && !who.equals("none")) {
      return v.chance(0.5) ? "none" : "garbage";
    }
    return who;
  }

  private String token(FuzzValues v, String who) {
    return switch (who) {
      case "none" -> null;
      case "garbage" -> garbageToken(v);
      default -> sessions.token(who);
    };
  }

  private String garbageToken(FuzzValues v) {
    String real = sessions.token(FuzzSessions.TRADER1);
    return switch (v.random().nextInt(8)) {
      case 0 -> "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIiwiYXVkIjoicnR4LXN0YWZmIn0.";
      case 1 -> real == null ? "x" : real.substring(0, real.length() - 2) + "AA";
      case 2 -> "a.b.c";
      case 3 -> "x".repeat(8_000);
      case 4 -> "eyJhbGciOiJFUzI1NiIsImtpZCI6Ii4uLy4uL2V0Yy9wYXNzd2QifQ.eyJleHAiOiJzb29uIn0.c2ln";
      case 5 -> "\u0001\u007f";
      case 6 -> "eyJ" + v.token(300);
      default -> real == null ? "" : real + "." + real;
    };
  }

  private static String mutateHeaders(FuzzValues v, Map<String, String> headers) {
    switch (v.random().nextInt(6)) {
      case 0 -> {
        headers.put("Content-Type", v.pick(List.of("text/plain", "application/xml", "application/json; charset=utf-16",
          "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", "application/json\u0000")));
        return "content-type";
      }
      case 1 -> {
        headers.put("Authorization", v.pick(List.of("Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer  ", "bearer x.y.z",
          "Token abc", "Bearer " + "A".repeat(20_000))));
        return "authorization";
      }
      case 2 -> {
        headers.put("X-Request-Id", v.pick(List.of("r".repeat(200), "\u0001\u0002", "<script>", "${jndi:x}", "", "é")));
        return "request id";
      }
      case 3 -> {
        headers.put("X-Forwarded-For", v.pick(List.of("1.2.3.4", "::1", "not-an-ip", "127.0.0.1, 10.0.0.1", "")));
        return "forwarded";
      }
      case 4 -> {
        headers.put("Accept", v.pick(List.of("text/csv", "application/xml", "*/*;q=0", "\u0000")));
        return "accept";
      }
      default -> {
        return "none";
      }
    }
  }

  private String hostileSegment(FuzzValues v) {
    return switch (v.random().nextInt(6)) {
      case 0, 1 -> v.pick(FuzzValues.HOSTILE_NUMBERS);
      case 2 -> encode(v.pick(FuzzValues.HOSTILE_TEXT));
      case 3 -> v.pick(List.of("%00", "%0a", "%0d%0a", "%ff", "%", "%zz", "a%2Fb", "..", "%2e%2e", "é", "\u0000",
        "\u0007", "%C0%AE", "%u0041"));
      case 4 -> "9".repeat(v.pick(List.of(20, 400, 5000)));
      default -> {
        String text = v.longText();
        yield encode(text.substring(0, Math.min(300, text.length())));
      }
    };
  }

  private static String wholeBody(FuzzValues v, JsonNode valid) {
    return switch (v.random().nextInt(14)) {
      case 0 -> "";
      case 1 -> "{";
      case 2 -> "[]";
      case 3 -> "null";
      case 4 -> "12345";
      case 5 -> "\"text\"";
      case 6 -> v.nested(v.pick(List.of(100, 1000, 5000, 20000))).toString();
      case 7 -> "{\"a\":" .repeat(10_000);
      case 8 -> valid == null ? "{}" : valid.toString().replaceFirst("\\{", "{\"dup\":1,\"dup\":2,");
      case 9 -> "\ufeff" + (valid == null ? "{}" : valid.toString());
      case 10 -> "{\"a\":\"" + "x".repeat(70_000) + "\"}";
      case 11 -> valid == null ? "{} {}" : valid + valid.toString();
      case 12 -> "{'single':'quotes'}";
      default -> "{\"a\":1}\u0000";
    };
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
