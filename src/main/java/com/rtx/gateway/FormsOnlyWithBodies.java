package com.rtx.gateway;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.Set;

/**
 * Refuses a form content type ({@code multipart/form-data}, {@code application/x-www-form-urlencoded})
 * on a method other than POST, PUT, PATCH or DELETE with 415 before any body handling: Vert.x Web's
 * BodyHandler asks the request to decode it as a form whatever the method, which throws for a GET
 * and made such a request a 500. No API of the gateway takes forms.
 */
final class FormsOnlyWithBodies implements Handler<RoutingContext> {

  private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
    HttpMethod.DELETE);

  @Override
  public void handle(RoutingContext rc) {
    String type = rc.request().getHeader("Content-Type");
    if (type != null && !WITH_BODY.contains(rc.request().method())) {
      String lower = type.toLowerCase(Locale.ROOT).trim();
      if (lower.startsWith("multipart/") || lower.startsWith("application/x-www-form-urlencoded")) {
        rc.fail(new ApiException(ApiError.of(ApiErrorCode.VALIDATION_UNSUPPORTED_MEDIA_TYPE,
          rc.request().method() + " takes no form body", "body")));
        return;
      }
    }
    rc.next();
  }
}
