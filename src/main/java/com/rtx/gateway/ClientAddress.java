package com.rtx.gateway;

import com.rtx.platform.config.Cidr;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * The address of the client behind a request, for throttles, audit and the admin allow-list.
 * {@code X-Forwarded-For} is believed only from a TCP peer inside {@code http.trusted-proxies}
 * (empty by default: the peer is always the client): then the client is the right-most forwarded
 * address that is not itself a trusted proxy (everything left of it was written by someone we do
 * not trust, so a client cannot pick its own address by sending the header). Behind one ingress
 * this gives each trader their own address, so one trader's failed logins never throttle another's.
 *
 * <p>Immutable and thread-safe; never resolves host names.
 */
final class ClientAddress {

  private static final String HEADER = "X-Forwarded-For";

  private final List<Cidr> trusted;

  ClientAddress(List<Cidr> trustedProxies) {
    this.trusted = List.copyOf(trustedProxies);
  }

  /** The request's client address; "unknown" when the connection has none. */
  String of(HttpServerRequest request) {
    SocketAddress peer = request.connection() == null ? null : request.connection().remoteAddress();
    String host = peer == null ? null : peer.hostAddress();
    return resolve(host == null ? "unknown" : host, request.headers().getAll(HEADER));
  }

  /** Whether {@code address} (a literal) is one of the trusted proxies. */
  boolean trusted(String address) {
    return trusted.stream().anyMatch(cidr -> cidr.contains(address));
  }

  /** {@code peer} is the TCP peer, {@code forwarded} every X-Forwarded-For header value in order. */
  String resolve(String peer, List<String> forwarded) {
    if (trusted.isEmpty() || !trusted(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : forwarded) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = literal(hops.get(i));
      if (hop == null) {
        // Not an address: nothing left of it can be believed; the last trusted hop is all we know.
        return client;
      }
      client = hop;
      if (!trusted(hop)) {
        return hop;
      }
    }
    return client;
  }

  /** The hop as an address literal (brackets and an IPv4 port dropped), or null when it is not one. */
  private static String literal(String hop) {
    String address = hop;
    if (address.startsWith("[") && address.contains("]")) {
      address = address.substring(1, address.indexOf(']'));
    } else if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':') && address.contains(".")) {
      address = address.substring(0, address.indexOf(':'));
    }
    if (address.indexOf('/') >= 0) {
      return null; // a network, not an address (Cidr.parse would take it)
    }
    try {
      Cidr.parse(address);
      return address;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
