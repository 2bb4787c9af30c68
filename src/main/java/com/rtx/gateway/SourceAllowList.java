package com.rtx.gateway;

import com.rtx.platform.config.Cidr;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Lets a request on only when its client comes from one of {@code http.admin-allow-cidrs}
 * (an empty list lets everything on); otherwise 403 {@code SOURCE_NOT_ALLOWED}, before
 * authentication or validation. It judges the TCP peer, unless that peer is one of
 * {@code http.trusted-proxies}: then the client address the proxy forwarded
 * ({@link ClientAddress}), never a header from anyone else.
 */
final class SourceAllowList implements Handler<RoutingContext> {

  private final List<Cidr> allowed;
  private final ClientAddress clients;

  SourceAllowList(List<Cidr> allowed, ClientAddress clients) {
    this.allowed = List.copyOf(allowed);
    this.clients = clients;
  }

  @Override
  public void handle(RoutingContext rc) {
    String host = clients.of(rc.request());
    if (allowed.isEmpty() || allowed.stream().anyMatch(cidr -> cidr.contains(host))) {
      rc.next();
    } else {
      rc.fail(new ApiException(ApiError.of(ApiErrorCode.SOURCE_NOT_ALLOWED,
        "the staff API is not available from this address", null)));
    }
  }
}
