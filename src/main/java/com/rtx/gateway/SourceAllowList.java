package com.rtx.gateway;

import com.rtx.platform.config.Cidr;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Lets a request on only when its connection comes from one of {@code http.admin-allow-cidrs}
 * (an empty list lets everything on); otherwise 403 {@code SOURCE_NOT_ALLOWED}, before
 * authentication or validation. It judges the TCP peer, never a forwarded header a client could
 * write: behind an ingress, list the ingress' addresses here and restrict sources at the ingress.
 */
final class SourceAllowList implements Handler<RoutingContext> {

  private final List<Cidr> allowed;

  SourceAllowList(List<Cidr> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  @Override
  public void handle(RoutingContext rc) {
    SocketAddress peer = rc.request().connection().remoteAddress();
    String host = peer == null ? null : peer.hostAddress();
    if (allowed.isEmpty() || allowed.stream().anyMatch(cidr -> cidr.contains(host))) {
      rc.next();
    } else {
      rc.fail(new ApiException(new ApiError(403, "SOURCE_NOT_ALLOWED",
        "the staff API is not available from this address", null)));
    }
  }
}
