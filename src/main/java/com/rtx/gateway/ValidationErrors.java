package com.rtx.gateway;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the OpenAPI validator's refusals into the API's error shape with a {@code VALIDATION_*}
 * code and the offending field: a parameter's name, a body property's path ({@code a.b}), or
 * {@code body} for the body as a whole. The validator exposes a parameter's name and a missing
 * property's name only inside its messages, hence the patterns.
 */
final class ValidationErrors {

  private static final Pattern PARAMETER = Pattern.compile("(?:query|path|header|cookie) parameter (\\S+?)[ .]");
  private static final Pattern PARAMETER_AT_END = Pattern.compile("(?:query|path|header|cookie) parameter (\\S+)$");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

  private ValidationErrors() {
  }

  static ApiError of(ValidatorException e) {
    String message = String.valueOf(e.getMessage());
    Optional<String> parameter = parameter(message);
    boolean body = parameter.isEmpty();
    return switch (e.type()) {
      case MISSING_REQUIRED_PARAMETER -> body
        ? bodyError(e, ApiErrorCode.VALIDATION_MISSING_BODY, "a JSON request body is required")
        : ApiError.of(ApiErrorCode.VALIDATION_MISSING_PARAMETER, parameter.get() + " is required", parameter.get());
      case ILLEGAL_VALUE -> body
        ? ApiError.of(ApiErrorCode.VALIDATION_MALFORMED_BODY, "request body is not valid JSON", "body")
        : ApiError.of(ApiErrorCode.VALIDATION_INVALID_VALUE, parameter.get() + " cannot be decoded", parameter.get());
      case UNSUPPORTED_VALUE_FORMAT -> body
        ? ApiError.of(ApiErrorCode.VALIDATION_UNSUPPORTED_MEDIA_TYPE, "request body must be application/json", "body")
        : ApiError.of(ApiErrorCode.VALIDATION_INVALID_VALUE, message, parameter.get());
      case INVALID_VALUE_FORMAT -> ApiError.of(ApiErrorCode.VALIDATION_INVALID_VALUE, message, parameter.orElse("body"));
      case INVALID_VALUE -> body ? bodyError(e, ApiErrorCode.VALIDATION_INVALID_VALUE, "request body is invalid")
        : ApiError.of(ApiErrorCode.VALIDATION_INVALID_VALUE, parameter.get() + ": " + reason(e).map(OutputUnit::getError)
          .orElse("invalid value"), parameter.get());
      default -> ApiError.of(ApiErrorCode.VALIDATION_INVALID_VALUE, message, null);
    };
  }

  private static ApiError bodyError(ValidatorException e, ApiErrorCode defaultCode, String defaultMessage) {
    Optional<OutputUnit> reason = reason(e);
    if (reason.isEmpty()) {
      return ApiError.of(defaultCode, defaultMessage, "body");
    }
    OutputUnit unit = reason.get();
    String keyword = String.valueOf(unit.getKeywordLocation());
    String error = String.valueOf(unit.getError());
    String field = field(unit.getInstanceLocation());
    if (keyword.endsWith("/required")) {
      Matcher quoted = QUOTED.matcher(error);
      String missing = quoted.find() ? quoted.group(1) : null;
      String path = missing == null ? field : field == null ? missing : field + "." + missing;
      return ApiError.of(ApiErrorCode.VALIDATION_MISSING_FIELD, (path == null ? "a field" : path) + " is required",
        path == null ? "body" : path);
    }
    if (keyword.contains("additionalProperties")) {
      return ApiError.of(ApiErrorCode.VALIDATION_UNKNOWN_FIELD, (field == null ? "a property" : field)
        + " is not a known property", field == null ? "body" : field);
    }
    if (field == null) {
      return ApiError.of(defaultCode, error, "body");
    }
    return ApiError.of(ApiErrorCode.VALIDATION_INVALID_VALUE, field + ": " + error, field);
  }

  /** The most specific error: the deepest keyword location, as the validator's own message picks. */
  private static Optional<OutputUnit> reason(ValidatorException e) {
    if (!(e instanceof SchemaValidationException schema) || schema.getOutputUnit() == null) {
      return Optional.empty();
    }
    List<OutputUnit> errors = schema.getOutputUnit().getErrors();
    if (errors == null || errors.isEmpty()) {
      return Optional.empty();
    }
    return errors.stream().max(Comparator.comparingInt(u -> String.valueOf(u.getKeywordLocation()).length()));
  }

  /** {@code #/a/b} → {@code a.b}; the root ({@code #} or empty) → null. */
  private static String field(String instanceLocation) {
    if (instanceLocation == null) {
      return null;
    }
    String path = instanceLocation.replaceFirst("^#?/?", "");
    return path.isEmpty() ? null : path.replace('/', '.');
  }

  private static Optional<String> parameter(String message) {
    Matcher m = PARAMETER.matcher(message);
    if (m.find()) {
      return Optional.of(m.group(1));
    }
    Matcher end = PARAMETER_AT_END.matcher(message);
    return end.find() ? Optional.of(end.group(1)) : Optional.empty();
  }
}
