package com.rtx.gateway;

import com.rtx.auth.AccessTokenAuth;
import com.rtx.bus.AdminAddresses;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

import java.util.Map;

/**
 * Serves {@code /api/admin/v1} by forwarding to the admin role over the event bus
 * ({@link AdminAddresses#API} documents the message). The gateway owns only HTTP: it builds the
 * router from the admin contract ({@code api/admin/v1/openapi.yaml}, the same vertx-web-openapi-router
 * set-up as {@link TraderApiRouter}), authenticates staff tokens ({@code staffBearer}: audience
 * {@code rtx-staff}, so trader tokens are refused with 401) and validates every request; the admin
 * role authorises, acts and audits. Every operation of the contract is forwarded, so adding one is
 * a contract change plus its admin handler, nothing here.
 *
 * <p>Why a bus hop rather than mounting the admin role's router in the gateway: verticles talk
 * over the bus (ARCHITECTURE.md), the admin role may run on other nodes than the gateway, and the
 * gateway stays free of {@code com.rtx.admin} (ArchitectureTest).
 */
final class AdminApiProxy {

  static final String CONTRACT = "api/admin/v1/openapi.yaml";
  /** Reports can take a while; everything else answers in milliseconds. */
  private static final long TIMEOUT_MS = 30_000;

  private AdminApiProxy() {
  }

  static Future<Router> create(Vertx vertx, AccessTokenAuth bearer, ClientAddress clients) {
    return OpenAPIContract.from(vertx, CONTRACT).map(contract -> {
      RouterBuilder rb = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      rb.rootHandler(BodyHandler.create(false).setBodyLimit(TraderApiRouter.MAX_BODY_BYTES));
      rb.security("staffBearer").httpHandler(JWTAuthHandler.create(bearer));
      for (Operation operation : contract.operations()) {
        String id = operation.getOperationId();
        boolean takesBody = operation.getRequestBody() != null;
        rb.getRoute(id).addHandler(rc -> forward(vertx, id, takesBody, clients, rc))
          .addFailureHandler(rc -> authorizeRefused(vertx, id, clients, rc));
      }
      return rb.createRouter();
    });
  }

  /**
   * Authorization before validation (SECURITY.md invariant 5): the contract is checked here, before
   * the admin role sees the request, so a request the contract refuses is first put to the admin
   * role as an authorization question ({@code "authorizeOnly": true}). A caller without the
   * operation's permission gets that 403 (audited there), whatever the body; only a caller who holds
   * it learns what is wrong with the body. Token failures (no user yet) go on unchanged.
   */
  private static void authorizeRefused(Vertx vertx, String operationId, ClientAddress clients, RoutingContext rc) {
    if (rc.user() == null || rc.response().ended() || !(rc.failure() instanceof HttpException http)
      || http.getStatusCode() < 400 || http.getStatusCode() >= 500 || http.getStatusCode() == 401) {
      rc.next();
      return;
    }
    JsonObject question = envelope(operationId, clients, rc).put("authorizeOnly", true);
    vertx.eventBus().<JsonObject>request(AdminAddresses.API, question, new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
      .onSuccess(reply -> {
        if (reply.body().getInteger("status", 500) >= 400) {
          respond(rc, reply.body());
        } else {
          rc.next();
        }
      })
      .onFailure(e -> {
        // Never the validation detail when the permission could not be checked.
        ApiError error = unavailable(e);
        rc.response().setStatusCode(error.status()).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store").end(error.toJson().encode());
      });
  }

  /**
   * What identifies the request and its caller, without its parameters and body. {@code ip} is the
   * real client ({@link ClientAddress}): the staff login throttle, lockout and audit count by it.
   */
  private static JsonObject envelope(String operationId, ClientAddress clients, RoutingContext rc) {
    JsonObject staff = rc.user() == null ? null : rc.user().principal().copy();
    String ip = clients.of(rc.request());
    return new JsonObject().put("operationId", operationId).put("staff", staff).put("ip", ip)
      .put("userAgent", rc.request().getHeader("User-Agent"))
      .put("requestId", rc.response().headers().get(com.rtx.platform.logging.RequestIds.HEADER));
  }

  /**
   * Only an operation whose contract declares a body gets one (validated as a JSON object by then);
   * a body sent to any other operation is ignored, whatever it holds (it is not JSON, or not an object).
   */
  private static void forward(Vertx vertx, String operationId, boolean takesBody, ClientAddress clients,
                              RoutingContext rc) {
    JsonObject path = new JsonObject();
    rc.pathParams().forEach(path::put);
    JsonObject query = new JsonObject();
    rc.queryParams().names().forEach(name -> query.put(name, rc.queryParams().get(name)));
    RequestBody body = rc.body();
    Object json = !takesBody || body == null || body.isEmpty() ? null : body.asJsonObject();
    JsonObject request = envelope(operationId, clients, rc).put("path", path).put("query", query).put("body", json);
    vertx.eventBus().<JsonObject>request(AdminAddresses.API, request, new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
      .onSuccess(reply -> respond(rc, reply.body()))
      .onFailure(e -> rc.fail(new ApiException(unavailable(e))));
  }

  private static void respond(RoutingContext rc, JsonObject reply) {
    // Staff data is never cached, and never sniffed into markup: text a trader wrote stays data.
    var response = rc.response().setStatusCode(reply.getInteger("status", 500)).putHeader("Cache-Control", "no-store")
      .putHeader("X-Content-Type-Options", "nosniff");
    JsonObject headers = reply.getJsonObject("headers");
    if (headers != null) {
      for (Map.Entry<String, Object> h : headers) {
        response.putHeader(h.getKey(), String.valueOf(h.getValue()));
      }
    }
    if (reply.containsKey("text")) {
      response.putHeader("Content-Type", reply.getString("contentType", "text/plain")).end(reply.getString("text"));
    } else if (reply.getValue("body") == null) {
      response.end();
    } else {
      response.putHeader("Content-Type", "application/json").end(io.vertx.core.json.Json.encode(reply.getValue("body")));
    }
  }

  private static ApiError unavailable(Throwable e) {
    if (e instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      return ApiError.of(ApiErrorCode.OUTCOME_UNKNOWN,
        "the admin service did not answer in time; the outcome is unknown", null);
    }
    if (e instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return ApiError.of(ApiErrorCode.ADMIN_UNAVAILABLE, "no admin service is running; retry shortly", null);
    }
    return ApiError.of(ApiErrorCode.INTERNAL_ERROR, "internal error; quote the request id to support", null);
  }
}
