package com.rtx.gateway;

import com.rtx.auth.AuthFailure;
import com.rtx.auth.SigningKeys;
import com.rtx.auth.TraderAuth;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * {@code /api/v1/auth/*}: login, refresh, logout, password change and the JWKS. Bodies arrive validated against
 * the contract. Failures answer the {@link AuthFailure}'s code with its status: 401 INVALID_CREDENTIALS,
 * INVALID_REFRESH_TOKEN, REFRESH_TOKEN_REUSED; 403 LOGIN_DISABLED; 422 PASSWORD_UNCHANGED; 429 LOGIN_THROTTLED with
 * {@code Retry-After}.
 */
final class AuthApi implements ApiOperations {

  private final TraderAuth auth;
  private final JsonObject jwks;
  private final ClientAddress clients;

  AuthApi(TraderAuth auth, SigningKeys keys, ClientAddress clients) {
    this.auth = auth;
    this.jwks = keys.jwks();
    this.clients = clients;
  }

  @Override
  public void register(RouterBuilder rb) {
    ApiOperations.route(rb, "login").addHandler(this::login);
    ApiOperations.route(rb, "refreshSession").addHandler(this::refresh);
    ApiOperations.route(rb, "logout").addHandler(this::logout);
    ApiOperations.route(rb, "changePassword").addHandler(this::changePassword);
    ApiOperations.route(rb, "getJwks").addHandler(rc -> rc.response().putHeader("Content-Type", "application/json")
      .putHeader("Cache-Control", "public, max-age=300").end(jwks.encode()));
  }

  private void login(RoutingContext rc) {
    JsonObject body = RequestValues.body(rc);
    // The real client (X-Forwarded-For only from trusted proxies): behind an ingress, per-IP
    // throttling must count each trader's address, not the ingress'.
    reply(rc, auth.login(body.getString("username"), body.getString("password"), clients.of(rc.request())));
  }

  private void changePassword(RoutingContext rc) {
    JsonObject body = RequestValues.body(rc);
    TraderPrincipal trader = TraderPrincipal.of(rc);
    auth.changePassword(trader.traderId(), trader.username(), trader.sessionId(), body.getString("currentPassword"),
        body.getString("newPassword"), clients.of(rc.request()))
      .onSuccess(token -> rc.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("accessToken", token).put("tokenType", "Bearer")
          .put("expiresIn", auth.accessTokens().ttlSeconds()).encode()))
      .onFailure(e -> rc.fail(e instanceof AuthFailure failure ? toApi(rc, failure) : e));
  }

  private void refresh(RoutingContext rc) {
    reply(rc, auth.refresh(RequestValues.body(rc).getString("refreshToken")));
  }

  private void logout(RoutingContext rc) {
    JsonObject body = RequestValues.body(rc);
    String refreshToken = body.getString("refreshToken");
    var principal = TraderPrincipal.optional(rc);
    Future<Void> done;
    if (principal.isPresent()) {
      TraderPrincipal trader = principal.get();
      done = auth.logoutSession(trader.sessionId(), trader.username())
        .compose(v -> refreshToken == null ? Future.succeededFuture() : auth.logout(refreshToken, trader.traderId()));
    } else if (refreshToken != null) {
      done = auth.logout(refreshToken, null);
    } else {
      rc.fail(new ApiException(ApiError.of(ApiErrorCode.UNAUTHENTICATED,
        "log out with a valid Bearer access token or the session's refreshToken", null)));
      return;
    }
    done.onSuccess(v -> rc.response().setStatusCode(204).end()).onFailure(rc::fail);
  }

  private static void reply(RoutingContext rc, Future<TraderAuth.Session> session) {
    session.onSuccess(s -> rc.response().putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("accessToken", s.accessToken()).put("refreshToken", s.refreshToken())
          .put("tokenType", "Bearer").put("expiresIn", s.expiresInSeconds()).put("traderId", s.traderId())
          .put("username", s.username()).put("refreshExpiresAt", s.refreshExpiresAt().toString())
          .put("mustChangePassword", s.mustChangePassword()).encode()))
      .onFailure(e -> rc.fail(e instanceof AuthFailure failure ? toApi(rc, failure) : e));
  }

  private static ApiException toApi(RoutingContext rc, AuthFailure failure) {
    if (failure.code() == ApiErrorCode.LOGIN_THROTTLED) {
      long seconds = Math.max(1, (failure.retryAfter().toMillis() + 999) / 1000);
      rc.response().putHeader("Retry-After", Long.toString(seconds));
    }
    String field = failure.code() == ApiErrorCode.PASSWORD_UNCHANGED ? "newPassword" : null;
    return new ApiException(ApiError.of(failure.code(), failure.getMessage(), field));
  }
}
