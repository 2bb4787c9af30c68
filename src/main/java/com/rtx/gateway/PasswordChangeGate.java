package com.rtx.gateway;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

import java.util.Set;

/**
 * A trader whose password was set by staff (on creation or by a reset; their access token carries
 * {@code pwc}) may only change it: every other operation of the trader API answers 403
 * {@code PASSWORD_CHANGE_REQUIRED} until {@code POST /auth/password} succeeded. Login, refresh,
 * logout and the JWKS stay open. Runs after authentication and before the operation's handlers.
 */
final class PasswordChangeGate {

  static final ApiError REQUIRED = ApiError.of(ApiErrorCode.PASSWORD_CHANGE_REQUIRED,
    "the password was set by staff; change it first with POST /api/v1/auth/password", null);

  /** Operations a trader who must change their password may still call. */
  private static final Set<String> OPEN = Set.of("login", "refreshSession", "logout", "getJwks", "changePassword");

  private PasswordChangeGate() {
  }

  /** Puts the gate in front of every other operation's handlers; call before they are added. */
  static void apply(OpenAPIContract contract, RouterBuilder rb) {
    for (Operation operation : contract.operations()) {
      if (!OPEN.contains(operation.getOperationId())) {
        rb.getRoute(operation.getOperationId()).addHandler(PasswordChangeGate::check);
      }
    }
  }

  private static void check(RoutingContext rc) {
    User user = rc.user();
    if (user != null && user.principal().getBoolean("mustChangePassword", false)) {
      rc.fail(new ApiException(REQUIRED));
    } else {
      rc.next();
    }
  }
}
