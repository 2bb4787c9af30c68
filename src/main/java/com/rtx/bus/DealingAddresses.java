package com.rtx.bus;

/**
 * The dealing role's event-bus contract.
 *
 * <h2>Requests: {@code rtx.dealing.shard.<n>}, {@code n = accountId mod dealing.shards}</h2>
 * Request/reply; only the shard's current owner consumes the address, so "no handlers" means the
 * shard is being taken over (retry). A Java sender sends a {@link DealingRequest} record (read and
 * checked at its edge by {@link DealingRequests}; {@link DealingCodecs} delivers the record itself
 * within a JVM and its JSON between nodes) and gets a {@link DealingReply} record, or its request
 * fails with a {@link DealingFailure}. A sender in another language sends the JSON form and gets
 * {@link DealingReply#toJson()}, or {@code message.fail(status, failure JSON)} where the JSON is
 * {@code {"code", "status", "message", "field"}}. Every JSON request has {@code "op"} and
 * {@code "accountId"}; decimals are strings:
 * <ul>
 *   <li>{@code placeOrder}: symbol, side BUY|SELL, type MARKET|LIMIT|STOP|STOP_LIMIT, volume (lots),
 *       price, stopLimitPrice, sl, tp, trailingPoints (integer), timeInForce, expireAt (ISO-8601),
 *       maxDeviation (price distance), clientOrderId</li>
 *   <li>{@code modifyOrder}: orderId, price, stopLimitPrice, sl, tp, trailingPoints, timeInForce, expireAt</li>
 *   <li>{@code cancelOrder}: orderId</li>
 *   <li>{@code modifyPosition}: positionId, sl, tp, trailingPoints</li>
 *   <li>{@code closePosition}: positionId, volume (absent = all), clientOrderId, price, maxDeviation</li>
 *   <li>{@code closeBy}: positionId, oppositePositionId, clientOrderId</li>
 *   <li>{@code deposit}, {@code withdraw}, {@code adjust}, {@code credit}: amount, comment; and
 *       optionally {@code audit} (the admin's audit entry: at, actorId, actorUsername, actorRole,
 *       action, targetType, targetId, before, after, ip, userAgent, requestId), which the shard
 *       writes to {@code audit_log} in the same transaction as the ledger entry (the reply then
 *       says {@code audited: true}); {@code cancelOrder}, {@code closePosition} and
 *       {@code changeStatus} take the same optional {@code audit}</li>
 *   <li>{@code changeStatus}: status ACTIVE|CLOSE_ONLY|DISABLED</li>
 *   <li>{@code account}: read — {@code account} (summary), {@code positions} and {@code orders}
 *       from the shard's memory</li>
 *   <li>{@code reload}: forget the account's in-memory state so the next command re-reads it from
 *       PostgreSQL (the admin API sends it after moving the account to another group); run between
 *       batches; {@code {"status":"OK","reloaded":true|false}} (false: it was not in memory), or
 *       the failure {@code ACCOUNT_NOT_IDLE} while it has open positions, pending orders or orders
 *       at an LP</li>
 *   <li>{@code execution}: an LP's execution report from the router (see {@link RouterAddresses})</li>
 *   <li>{@code settleLpOrder}: {@code orderId}, {@code outcome} FILLED|NOT_FILLED, {@code price} (FILLED only),
 *       {@code lpExecId}, {@code confirmation}, {@code audit}: a dealer settles an UNKNOWN A-Book order on the LP's
 *       confirmation (failure ORDER_NOT_UNKNOWN, field orderId, for an order that is not UNKNOWN at its LP)</li>
 * </ul>
 * Reply ({@link DealingReply#toJson()}): {@code status} (FILLED, ACCEPTED, CANCELLED, REJECTED,
 * SENT_TO_LP, OK), {@code orderId}, {@code clientOrderId}; for a business rejection {@code reason}
 * (a {@code RejectReason}) and {@code detail}; {@code events} (see
 * {@code com.rtx.dealing.DealingJson#event}) and {@code account} (summary after the command);
 * {@code replay: true} when it repeats the stored result of an earlier command with the same
 * clientOrderId. No HTTP status: the gateway and the admin API map outcomes and failure codes to
 * theirs ({@code ApiErrorCode}).
 *
 * <h2>Published</h2>
 * <ul>
 *   <li>{@code rtx.account.<accountId>}: after each commit {@code {"accountId", "version",
 *       "events": [...]}}; and at most every {@code dealing.summary-ms}
 *       {@code {"accountId", "summary": {...}}} while prices move its equity</li>
 *   <li>{@code rtx.account.watch} (gateways → dealing): {@code {"accountIds":[...]}} — accounts some
 *       client is watching, re-published every {@link #WATCH_REFRESH_MS}; summaries are computed
 *       and published only for accounts watched within the last three refreshes</li>
 *   <li>{@code rtx.exposure}: {@code {"shard", "node", "net": {"EURUSD": "-1.50", ...}}} — the
 *       house's net volume in lots per symbol of the shard's B-Book clients, on change</li>
 * </ul>
 */
public final class DealingAddresses {

  public static final String SHARD_PREFIX = "rtx.dealing.shard.";
  public static final String ACCOUNT_PREFIX = "rtx.account.";
  public static final String EXPOSURE = "rtx.exposure";
  public static final String ACCOUNT_WATCH = "rtx.account.watch";
  /** How often a gateway repeats which accounts it watches; three missed repeats end the watch. */
  public static final long WATCH_REFRESH_MS = 10_000;

  private DealingAddresses() {
  }

  public static String shard(long accountId, int shards) {
    return SHARD_PREFIX + Math.floorMod(accountId, shards);
  }

  public static String account(long accountId) {
    return ACCOUNT_PREFIX + accountId;
  }
}
