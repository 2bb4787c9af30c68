package com.rtx.gateway;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Request values that passed the contract but can still be the caller's error: an {@code integer}
 * parameter that a long cannot hold ({@code 99999999999999999999}) or written as {@code 1.0} or
 * {@code 1e3}, and an optional body the router did not validate (sent without a JSON content type)
 * that is not a JSON object. Each is answered 400 naming the field (SECURITY.md invariant 8: an
 * input error is a 4xx, never a 5xx). Throwing from a route handler fails the request, so the
 * {@link ApiErrorHandler} answers it.
 */
final class RequestValues {

  private RequestValues() {
  }

  /** Path parameter {@code name} as a long. */
  static long pathLong(RoutingContext rc, String name) {
    return whole(rc.pathParam(name), name);
  }

  /** Query parameter {@code name} as a long, or null when absent. */
  static Long queryLong(RoutingContext rc, String name) {
    String value = rc.queryParams().get(name);
    return value == null ? null : whole(value, name);
  }

  static long whole(String text, String field) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ApiException(ApiError.of(ApiErrorCode.VALIDATION_INVALID_VALUE, field + " must be a whole number of at most "
        + "19 digits", field));
    }
  }

  /** The body as a JSON object; an empty one when there is none (or it is {@code null}). */
  static JsonObject body(RoutingContext rc) {
    if (rc.body() == null || rc.body().buffer() == null || rc.body().length() <= 0) {
      return new JsonObject();
    }
    try {
      JsonObject body = rc.body().asJsonObject();
      return body == null ? new JsonObject() : body; // the JSON text null
    } catch (DecodeException | ClassCastException e) {
      throw new ApiException(ApiError.of(ApiErrorCode.VALIDATION_MALFORMED_BODY, "the body must be a JSON object", "body"));
    }
  }
}
