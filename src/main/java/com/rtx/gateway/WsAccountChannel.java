package com.rtx.gateway;

import com.rtx.auth.AccessClaims;
import com.rtx.auth.AccessTokens;
import com.rtx.auth.SessionRevocations;
import com.rtx.auth.TokenRejected;
import com.rtx.bus.DealingAddresses;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The authenticated part of {@code /ws} (protocol in {@link WsMessages}): {@code auth} with an
 * access token verified exactly as REST verifies it ({@link AccessTokens}), the {@code account}
 * channel (ownership by {@link AccountAccess}, so another trader's account is
 * {@code ACCOUNT_NOT_FOUND} as on REST; snapshot from the account's dealing shard; then its
 * events and summaries through {@link AccountHub}), and token expiry, which suspends account
 * subscriptions until the client authenticates again. A token of a revoked session is refused
 * ({@link SessionRevocations}); {@link WsEndpoint} closes the connections of a session revoked later.
 *
 * <p>Not thread-safe: runs on the gateway verticle's event loop.
 */
final class WsAccountChannel {

  private static final Logger LOG = LoggerFactory.getLogger(WsAccountChannel.class);
  private static final long SNAPSHOT_TIMEOUT_MS = 10_000;

  private record Verified(AccessClaims claims, String group) {
  }

  private final Vertx vertx;
  private final Clock clock;
  private final AccessTokens tokens;
  private final SessionRevocations revocations;
  private final AccountAccess access;
  private final AccountHub hub;
  private final DealingCalls dealing;
  private final int maxAccounts;

  WsAccountChannel(Vertx vertx, Clock clock, AccessTokens tokens, SessionRevocations revocations, AccountAccess access,
                   AccountHub hub, int shards, int maxAccounts) {
    this.vertx = vertx;
    this.clock = clock;
    this.tokens = tokens;
    this.revocations = revocations;
    this.access = access;
    this.hub = hub;
    this.dealing = new DealingCalls(vertx, shards, SNAPSHOT_TIMEOUT_MS);
    this.maxAccounts = maxAccounts;
  }

  /**
   * Verifies the token; on success the connection becomes the trader's (quotes priced for the
   * group of the trader's first account until an account subscription names another) and
   * suspended account subscriptions resume. A refused token leaves the connection as it was.
   */
  void authenticate(WsConnection connection, String token) {
    tokens.verify(token)
      .compose(revocations::live)
      .compose(claims -> claims.mustChangePassword()
        ? Future.<AccessClaims>failedFuture(new ApiException(PasswordChangeGate.REQUIRED)) : Future.succeededFuture(claims))
      .compose(claims -> access.primaryGroup(claims.traderId())
        .recover(e -> {
          LOG.warn("could not read the group of trader {}; quotes use the default group: {}", claims.traderId(),
            e.getMessage());
          return Future.succeededFuture(null);
        })
        .map(group -> new Verified(claims, group)))
      .onSuccess(verified -> authenticated(connection, verified))
      .onFailure(e -> connection.sendControl(e instanceof ApiException api
        ? WsMessages.error(api.error().code(), api.error().message(), "token")
        : WsMessages.error(ApiErrorCode.UNAUTHENTICATED,
          e instanceof TokenRejected ? e.getMessage() : "the access token could not be verified", "token")));
  }

  private void authenticated(WsConnection connection, Verified verified) {
    if (connection.closed()) {
      return;
    }
    if (revocations.knownRevoked(verified.claims().sessionId())) {
      // Revoked while the group was read: the bus message found no socket of this session to close.
      connection.sendControl(WsMessages.error(ApiErrorCode.UNAUTHENTICATED,
        "the session of this access token has ended; log in again", "token"));
      return;
    }
    WsSession session = connection.session();
    AccessClaims claims = verified.claims();
    boolean sameTrader = session.authenticated() && session.trader().traderId() == claims.traderId();
    if (session.authenticated() && !sameTrader) {
      // Another trader on the same socket: what the previous one subscribed is re-checked below.
      suspendAll(connection);
    }
    session.authenticate(new TraderPrincipal(claims.traderId(), claims.username(), claims.sessionId()),
      claims.expiresAt().toEpochMilli());
    if (!sameTrader) {
      session.pricingGroup(verified.group());
    }
    connection.sendControl(WsMessages.authenticated(claims.traderId(), claims.username(),
      claims.expiresAt().toEpochMilli()));
    List<Long> resume = new ArrayList<>(session.suspended());
    session.suspended().clear();
    resume.forEach(accountId -> subscribe(connection, accountId));
  }

  /** {@code {"type":"subscribe","channel":"account","accountId":n}}. */
  void subscribe(WsConnection connection, JsonObject message) {
    Long accountId = accountId(connection, message);
    if (accountId == null) {
      return;
    }
    WsSession session = connection.session();
    if (!session.authenticated()) {
      connection.sendControl(WsMessages.error(ApiErrorCode.UNAUTHENTICATED,
        "send {\"type\":\"auth\",\"token\":\"<accessToken>\"} before subscribing to an account", null));
    } else if (session.accounts().containsKey(accountId)) {
      // Already subscribed (or the snapshot is on its way): nothing to repeat, events keep flowing.
      connection.sendControl(WsMessages.accountAck("subscribed", accountId));
    } else if (session.accounts().size() >= maxAccounts) {
      connection.sendControl(WsMessages.error(ApiErrorCode.SUBSCRIPTION_LIMIT,
        "at most " + maxAccounts + " accounts per connection", "accountId"));
    } else {
      subscribe(connection, accountId);
    }
  }

  private void subscribe(WsConnection connection, long accountId) {
    AccountSubscription subscription = new AccountSubscription(connection, accountId);
    connection.session().accounts().put(accountId, subscription);
    access.check(connection.session().trader(), accountId)
      // Joined before the snapshot is read, so no commit can fall between snapshot and stream.
      .compose(owned -> subscription.cancelled() ? Future.failedFuture("cancelled") : hub.join(subscription))
      .compose(joined -> snapshot(accountId))
      .onSuccess(reply -> live(subscription, reply))
      .onFailure(e -> refused(subscription, errorOf(e)));
  }

  private Future<JsonObject> snapshot(long accountId) {
    return dealing.send(new DealingRequest.ReadAccount(accountId)).map(DealingReply::toJson);
  }

  private void live(AccountSubscription subscription, JsonObject reply) {
    if (subscription.cancelled()) {
      return;
    }
    long accountId = subscription.accountId();
    if (reply.getJsonObject("account") == null) {
      refused(subscription, ApiError.of(ApiErrorCode.INTERNAL_ERROR, "dealing could not read account " + accountId,
        "accountId"));
      return;
    }
    JsonObject account = reply.getJsonObject("account");
    WsConnection connection = subscription.connection();
    if (account.getString("group") != null) {
      connection.session().pricingGroup(account.getString("group"));
    }
    connection.sendControl(WsMessages.accountAck("subscribed", accountId));
    subscription.snapshot(account.getLong("version", 0L), WsMessages.accountSnapshot(accountId, reply), clock.millis());
  }

  private void refused(AccountSubscription subscription, ApiError error) {
    if (subscription.cancelled()) {
      return;
    }
    WsConnection connection = subscription.connection();
    connection.session().accounts().remove(subscription.accountId(), subscription);
    subscription.cancel();
    hub.leave(subscription);
    connection.sendControl(WsMessages.error(error.code(), error.message(), "accountId"));
  }

  private static ApiError errorOf(Throwable e) {
    if (e instanceof ApiException api) {
      return api.error();
    }
    return ApiError.of(ApiErrorCode.DEALING_UNAVAILABLE, "the account's dealing shard is not available right now; "
      + "subscribe again shortly", null);
  }

  /** {@code {"type":"unsubscribe","channel":"account","accountId":n}}; also forgets a suspended one. */
  void unsubscribe(WsConnection connection, JsonObject message) {
    Long accountId = accountId(connection, message);
    if (accountId == null) {
      return;
    }
    AccountSubscription subscription = connection.session().accounts().remove(accountId);
    if (subscription != null) {
      subscription.cancel();
      hub.leave(subscription);
    }
    connection.session().suspended().remove(accountId);
    connection.sendControl(WsMessages.accountAck("unsubscribed", accountId));
  }

  /**
   * Housekeeping: once the token has expired, account subscriptions stop and quotes fall back to
   * the default group until the client authenticates again; the client is told which accounts.
   */
  void expireIfDue(WsConnection connection, long now) {
    if (connection.session().expired(now)) {
      List<Long> stopped = suspendAll(connection);
      connection.session().signOut();
      connection.sendControl(WsMessages.authExpired(stopped));
    }
  }

  void disconnected(WsConnection connection) {
    suspendAll(connection);
    connection.session().suspended().clear();
  }

  private List<Long> suspendAll(WsConnection connection) {
    WsSession session = connection.session();
    for (AccountSubscription subscription : session.accounts().values()) {
      subscription.cancel();
      hub.leave(subscription);
    }
    session.suspended().addAll(session.accounts().keySet());
    session.accounts().clear();
    return List.copyOf(session.suspended());
  }

  /** The message's accountId, or null after an error was sent. */
  private static Long accountId(WsConnection connection, JsonObject message) {
    if (message.getValue("accountId") instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
      return n.longValue();
    }
    connection.sendControl(WsMessages.error(message.getValue("accountId") == null ? ApiErrorCode.VALIDATION_MISSING_FIELD
      : ApiErrorCode.VALIDATION_INVALID_VALUE, "accountId must be a positive integer", "accountId"));
    return null;
  }
}
