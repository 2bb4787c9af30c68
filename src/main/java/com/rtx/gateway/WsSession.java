package com.rtx.gateway;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who a WebSocket connection is: anonymous until an {@code auth} message (or the upgrade's
 * {@code Authorization} header) carried a valid access token, then the trader until the token's
 * expiry. Also which client group prices its quotes and its account subscriptions — active ones
 * and those suspended by an expired token, resumed when the client authenticates again.
 *
 * <p>Not thread-safe: used only on its gateway instance's event loop.
 */
final class WsSession {

  private TraderPrincipal trader;
  private long expiresAtMillis;
  private String pricingGroup;
  private final Map<Long, AccountSubscription> accounts = new LinkedHashMap<>();
  private final Set<Long> suspended = new LinkedHashSet<>();

  /** The authenticated trader, or null. */
  TraderPrincipal trader() {
    return trader;
  }

  boolean authenticated() {
    return trader != null;
  }

  void authenticate(TraderPrincipal trader, long expiresAtMillis) {
    this.trader = trader;
    this.expiresAtMillis = expiresAtMillis;
  }

  /** True when authenticated with a token that has expired by {@code now}. */
  boolean expired(long now) {
    return trader != null && now >= expiresAtMillis;
  }

  /** Back to anonymous: default markup, no trader. Subscriptions are the caller's to suspend. */
  void signOut() {
    trader = null;
    pricingGroup = null;
  }

  /** The client group whose markup this connection's quotes carry; null means the default group. */
  String pricingGroup() {
    return pricingGroup;
  }

  void pricingGroup(String group) {
    this.pricingGroup = group;
  }

  /** Account subscriptions by account id (pending their snapshot, or live). */
  Map<Long, AccountSubscription> accounts() {
    return accounts;
  }

  /** Accounts whose subscription an expired token stopped; resumed on the next successful auth. */
  Set<Long> suspended() {
    return suspended;
  }
}
