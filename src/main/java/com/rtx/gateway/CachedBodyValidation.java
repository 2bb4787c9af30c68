package com.rtx.gateway;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;

import java.util.function.Predicate;

/**
 * Contract validation of a JSON request body with the schema validator built once, for the hot
 * operations (order entry). vertx-openapi 5.0.7 builds a new validator from the contract's schema
 * repository for every request, which measured as a third of the engine's CPU under order load;
 * this validates against the very same schema of the same contract, with the same exceptions (so
 * {@link ValidationErrors} answers exactly as for every other operation), but builds the
 * validator once. The route's own validation is switched off; its security handlers stay.
 */
final class CachedBodyValidation implements Handler<RoutingContext> {

  private final Validator validator;
  private final boolean required;
  private final Predicate<Object> plainlyValid;

  private CachedBodyValidation(Validator validator, boolean required, Predicate<Object> plainlyValid) {
    this.validator = validator;
    this.required = required;
    this.plainlyValid = plainlyValid;
  }

  /**
   * Validates {@code operationId}'s JSON body with a validator built once; no-op when it has no
   * body. A body {@code plainlyValid} vouches for (it must vouch only for bodies the schema accepts)
   * skips the schema validator.
   */
  static void apply(OpenAPIContract contract, OpenAPIRoute route, String operationId,
                    Predicate<Object> plainlyValid) {
    Operation operation = contract.operation(operationId);
    if (operation.getRequestBody() == null) {
      return;
    }
    MediaType json = operation.getRequestBody().getContent().get("application/json");
    if (json == null) {
      return;
    }
    route.setDoValidation(false);
    route.addHandler(new CachedBodyValidation(contract.getSchemaRepository().validator(json.getSchema()),
      operation.getRequestBody().isRequired(), plainlyValid));
  }

  @Override
  public void handle(RoutingContext rc) {
    // An empty body leaves no buffer at all (length -1), not an empty one.
    if (rc.body() == null || rc.body().buffer() == null || rc.body().length() <= 0) {
      if (required) {
        fail(rc, new ValidatorException("The related request does not contain the required body.",
          ValidatorErrorType.MISSING_REQUIRED_PARAMETER));
      } else {
        rc.next();
      }
      return;
    }
    String contentType = rc.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      fail(rc, new ValidatorException("The format of the request body is not supported",
        ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT));
      return;
    }
    Object value;
    try {
      value = Json.decodeValue(rc.body().buffer());
    } catch (DecodeException e) {
      fail(rc, new ValidatorException("The request body can't be decoded", ValidatorErrorType.ILLEGAL_VALUE));
      return;
    }
    if (plainlyValid.test(value)) {
      rc.next();
      return;
    }
    OutputUnit result = validator.validate(value);
    try {
      result.checkValidity();
      rc.next();
    } catch (JsonSchemaValidationException e) {
      fail(rc, SchemaValidationException.createInvalidValueBody(result, ValidationContext.REQUEST, e));
    }
  }

  /** The shape the router's own validation fails with, so the error handler maps it the same way. */
  private static void fail(RoutingContext rc, ValidatorException e) {
    rc.fail(new HttpException(400, e));
  }
}
