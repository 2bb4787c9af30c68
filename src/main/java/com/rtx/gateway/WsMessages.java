package com.rtx.gateway;

import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * WebSocket {@code /ws} protocol (JSON text frames).
 *
 * <h2>Authentication</h2>
 * Quotes need none. The account channel needs a trader's access token (the one
 * {@code POST /api/v1/auth/login} returns), sent as a message — browsers cannot set headers on
 * the upgrade — or as {@code Authorization: Bearer <token>} on the upgrade request:
 * <pre>
 * {"type":"auth","token":"eyJ..."}
 *   → {"type":"authenticated","traderId":1,"username":"trader1","expiresAt":1764...}   (epoch ms)
 *   → {"type":"error","code":"UNAUTHENTICATED","message":"access token expired; ...","field":"token"}
 * </pre>
 * A refused token changes nothing (an anonymous connection stays usable for quotes). Send a fresh
 * token before {@code expiresAt} to stay authenticated (no interruption). When the token expires
 * the server sends {@code {"type":"auth.expired","message":"...","accountIds":[100001]}}: account
 * subscriptions stop and quotes go back to the default group's markup; the next successful
 * {@code auth} resumes those subscriptions, each with a fresh snapshot.
 *
 * <h2>Quotes</h2>
 * <pre>
 * {"type":"subscribe","channel":"quotes","symbols":["EURUSD","XAUUSD"]}
 * {"type":"unsubscribe","channel":"quotes","symbols":["EURUSD"]}
 *   → {"type":"subscribed","channel":"quotes","symbols":[...]}   (then the current quote of each)
 *   → {"type":"unsubscribed","channel":"quotes","symbols":[...]}
 *   → {"type":"quote","symbol":"EURUSD","bid":"1.08119","ask":"1.08129","status":"OK","sequence":7,"time":1764...,"lpTime":1764...}
 * </pre>
 * Prices carry the markup of a client group: the default group's while anonymous; once
 * authenticated, the group of the trader's first account (lowest id), and after an account
 * subscription the group of the account subscribed last (a trader with accounts in several groups
 * sees the prices of the account they are looking at).
 *
 * <h2>Account channel</h2>
 * <pre>
 * {"type":"subscribe","channel":"account","accountId":100001}
 *   → {"type":"subscribed","channel":"account","accountId":100001}
 *   → {"type":"account.snapshot","accountId":100001,"version":12,"account":{balance,equity,margin,freeMargin,marginLevel,group,...},
 *      "positions":[...],"orders":[...]}
 *   → {"type":"account.events","accountId":100001,"version":13,"events":[{"type":"order.filled","order":{...},"dealId":7},
 *      {"type":"deal.executed",...},{"type":"position.opened","position":{...}},...]}
 *   → {"type":"account.summary","accountId":100001,"summary":{"currency","balance","credit","floatingPnl","equity",
 *      "margin","freeMargin","marginLevel"}}
 * {"type":"unsubscribe","channel":"account","accountId":100001}
 *   → {"type":"unsubscribed","channel":"account","accountId":100001}
 * </pre>
 * Another trader's or a missing account: {@code error} {@code ACCOUNT_NOT_FOUND} (as REST's 404);
 * dealing unreachable: {@code DEALING_UNAVAILABLE}; not authenticated: {@code UNAUTHENTICATED}.
 * One {@code account.events} frame is one committed transaction; {@code version} is the account
 * version after it, and the snapshot's {@code version} the one it reflects, so events follow the
 * snapshot without gap or repeat. Event types are dealing's: order.accepted, order.modified,
 * order.cancelled, order.expired, order.triggered, order.rejected, order.filled, deal.executed,
 * position.opened, position.changed, position.closed, ledger.posted, margin-call.raised,
 * margin-call.cleared, stop-out, equity-snapshot, account.status. Events are never conflated or
 * dropped: a reader that falls more than {@value WsConnection#MAX_EVENT_BACKLOG} event frames behind
 * is closed with 1008 (reconnect and subscribe again for a fresh snapshot). Summaries arrive at
 * most 4 per second per account, and a slow reader gets only the newest.
 *
 * <h2>Other</h2>
 * <pre>
 * {"type":"ping","id":"any"}  → {"type":"pong","id":"any","time":1764...}
 * → {"type":"error","code":"UNKNOWN_SYMBOL","message":"...","field":"symbols"}
 * </pre>
 * The server also sends WebSocket pings every {@code ws.heartbeat-ms}. A slow reader receives the
 * latest quote of each symbol (older ones it could not take are conflated away); one that stays
 * unable to read for {@code ws.stuck-ms} is closed with code 1008 and a reason. Orders are not
 * placed over WebSocket: use {@code POST /api/v1/orders}.
 *
 * <p>Error frames carry the REST API's codes ({@link com.rtx.platform.http.ApiErrorCode},
 * {@link com.rtx.core.trading.RejectReason}): a binary frame is VALIDATION_UNSUPPORTED_MEDIA_TYPE, an
 * oversized message PAYLOAD_TOO_LARGE, text that is no JSON object VALIDATION_MALFORMED_BODY, an
 * absent {@code type}, {@code token}, {@code symbols} or {@code accountId} VALIDATION_MISSING_FIELD,
 * an unknown {@code type} or {@code channel} (or a wrong value) VALIDATION_INVALID_VALUE, too many
 * subscriptions SUBSCRIPTION_LIMIT.
 */
final class WsMessages {

  private WsMessages() {
  }

  static String error(ApiErrorCode code, String message, String field) {
    return error(code.name(), message, field);
  }

  /** An error frame with a code of the vocabulary relayed as text (a rejection reason, a dealing reply's). */
  static String error(String code, String message, String field) {
    return new JsonObject().put("type", "error").put("code", code).put("message", message).put("field", field).encode();
  }

  static String ack(String type, JsonArray symbols) {
    return new JsonObject().put("type", type).put("channel", "quotes").put("symbols", symbols).encode();
  }

  static String quote(JsonObject clientQuote) {
    return clientQuote.copy().put("type", "quote").encode();
  }

  static String authenticated(long traderId, String username, long expiresAtMillis) {
    return new JsonObject().put("type", "authenticated").put("traderId", traderId).put("username", username)
      .put("expiresAt", expiresAtMillis).encode();
  }

  static String authExpired(List<Long> accountIds) {
    return new JsonObject().put("type", "auth.expired")
      .put("message", "access token expired: account subscriptions are suspended until {\"type\":\"auth\"} "
        + "with a fresh token")
      .put("accountIds", new JsonArray(List.copyOf(accountIds))).encode();
  }

  static String accountAck(String type, long accountId) {
    return new JsonObject().put("type", type).put("channel", "account").put("accountId", accountId).encode();
  }

  /** The shard's {@code account} reply (account, positions, orders) as the snapshot frame. */
  static String accountSnapshot(long accountId, JsonObject reply) {
    JsonObject account = reply.getJsonObject("account");
    return new JsonObject().put("type", "account.snapshot").put("accountId", accountId)
      .put("version", account.getValue("version")).put("account", account)
      .put("positions", reply.getValue("positions", new JsonArray()))
      .put("orders", reply.getValue("orders", new JsonArray())).encode();
  }

  /** A commit's bus message {@code {"accountId","version","events"}} as the client frame. */
  static String accountEvents(JsonObject published) {
    return new JsonObject().put("type", "account.events").put("accountId", published.getValue("accountId"))
      .put("version", published.getValue("version")).put("events", published.getValue("events")).encode();
  }

  /** A summary bus message {@code {"accountId","summary"}} as the client frame. */
  static String accountSummary(JsonObject published) {
    return new JsonObject().put("type", "account.summary").put("accountId", published.getValue("accountId"))
      .put("summary", published.getValue("summary")).encode();
  }
}
