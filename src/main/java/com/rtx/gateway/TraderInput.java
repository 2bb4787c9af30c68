package com.rtx.gateway;

import com.rtx.platform.http.ApiErrorCode;
import com.rtx.platform.text.StorableText;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The trader API's input rules the contract's schema cannot state, checked after contract
 * validation and before an operation's handler, each a 400 {@code VALIDATION_INVALID_VALUE}
 * naming the field:
 * <ul>
 *   <li>an {@code integer} path or query parameter is written as plain digits that fit in 64 bits
 *       ({@code 1e3}, {@code 100002.0}, {@code 9223372036854775808} are valid JSON-schema integers
 *       but would wrap or fail to parse);</li>
 *   <li>a number in a JSON body is a whole number written without a fraction or exponent that fits
 *       in 64 bits (every number of the trader contract is an integer: ids and points);</li>
 *   <li>no query value or body string holds text PostgreSQL cannot store ({@link StorableText}).</li>
 * </ul>
 * Handlers can then parse their ids with {@link Long#parseLong} and store text as given.
 */
final class TraderInput implements Handler<RoutingContext> {

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
  /** The body parsed once per request (context key); NOT_JSON when it does not parse. */
  private static final String PARSED = TraderInput.class.getName() + ".body";
  private static final Object NOT_JSON = new Object();

  private final List<Parameter> integers;

  TraderInput(Operation operation) {
    this.integers = operation.getParameters().stream()
      .filter(p -> p.getIn() == Location.PATH || p.getIn() == Location.QUERY)
      .filter(p -> p.getSchemaType() == SchemaType.INTEGER)
      .toList();
  }

  @Override
  public void handle(RoutingContext rc) {
    String bad = firstBadParameter(rc);
    if (bad != null) {
      rc.fail(invalid(bad, bad + " must be a whole number of at most 19 digits, without sign, fraction or exponent"));
      return;
    }
    bad = firstUnstorableQuery(rc);
    if (bad == null) {
      bad = firstUnstorable(body(rc), null);
    }
    if (bad != null) {
      rc.fail(invalid(bad, bad + " must not contain NUL or unpaired surrogate characters"));
      return;
    }
    bad = firstInexactNumber(body(rc), null);
    if (bad != null) {
      rc.fail(invalid(bad, bad + " must be a whole number within 64 bits, written without fraction or exponent"));
      return;
    }
    rc.next();
  }

  private String firstBadParameter(RoutingContext rc) {
    for (Parameter p : integers) {
      String raw = p.getIn() == Location.PATH ? rc.pathParam(p.getName()) : rc.queryParams().get(p.getName());
      if (raw != null && !wholeLong(raw)) {
        return p.getName();
      }
    }
    return null;
  }

  static boolean wholeLong(String raw) {
    if (!DIGITS.matcher(raw).matches()) {
      return false;
    }
    try {
      Long.parseLong(raw);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String firstUnstorableQuery(RoutingContext rc) {
    for (Map.Entry<String, String> e : rc.queryParams()) {
      if (!StorableText.storable(e.getKey())) {
        return "query";
      }
      if (!StorableText.storable(e.getValue())) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The parsed JSON body, or null when there is none (or it is not JSON: validation said so already). */
  private static Object body(RoutingContext rc) {
    if (rc.body() == null || rc.body().buffer() == null || rc.body().length() <= 0) {
      return null;
    }
    Object parsed = rc.get(PARSED);
    if (parsed == null) {
      try {
        parsed = Json.decodeValue(rc.body().buffer());
      } catch (DecodeException e) {
        parsed = NOT_JSON;
      }
      rc.put(PARSED, parsed);
    }
    return parsed == NOT_JSON ? null : parsed;
  }

  private static String firstUnstorable(Object value, String name) {
    if (value instanceof String s) {
      return StorableText.storable(s) ? null : name == null ? "body" : name;
    }
    if (value instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        if (!StorableText.storable(e.getKey())) {
          return name == null ? "body" : name;
        }
        String bad = firstUnstorable(e.getValue(), name == null ? e.getKey() : name + "." + e.getKey());
        if (bad != null) {
          return bad;
        }
      }
    } else if (value instanceof JsonArray a) {
      for (Object item : a) {
        String bad = firstUnstorable(item, name == null ? "body" : name);
        if (bad != null) {
          return bad;
        }
      }
    }
    return null;
  }

  /** Jackson decodes 1e3 and 1.0 as Double and numbers beyond 64 bits as BigInteger: only Integer and Long pass. */
  private static String firstInexactNumber(Object value, String name) {
    if (value instanceof Number n) {
      return n instanceof Integer || n instanceof Long ? null : name == null ? "body" : name;
    }
    if (value instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        String bad = firstInexactNumber(e.getValue(), name == null ? e.getKey() : name + "." + e.getKey());
        if (bad != null) {
          return bad;
        }
      }
    } else if (value instanceof JsonArray a) {
      for (Object item : a) {
        String bad = firstInexactNumber(item, name == null ? "body" : name);
        if (bad != null) {
          return bad;
        }
      }
    }
    return null;
  }

  private static ApiException invalid(String field, String message) {
    return new ApiException(ApiError.of(ApiErrorCode.VALIDATION_INVALID_VALUE, message, field));
  }
}
