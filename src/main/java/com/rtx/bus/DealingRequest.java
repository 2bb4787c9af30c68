package com.rtx.bus;

import com.rtx.core.account.AccountStatus;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A request to the dealing shard of {@link #accountId()} ({@link DealingAddresses#shard}), decoded
 * and checked at the edge that received it (gateway, admin API, hedger, router): the shard gets
 * typed values and does no parsing. Within one JVM the record itself travels; between nodes, and
 * for a sender in another language, its JSON form ({@link DealingRequests}, whose shapes
 * {@link DealingAddresses} documents).
 *
 * <p>Volumes are hundredths of a lot ({@code Lots}); prices and distances stay exact decimals
 * because their digits are the symbol's, which the shard knows (a price with more decimals than its
 * symbol is refused there). A 0 trailing distance means "none"; null means "absent".
 */
public sealed interface DealingRequest {

  long accountId();

  /** The request's {@code op} name in its JSON form. */
  String op();

  /** The client's idempotency key, where the request has one. */
  default String clientOrderId() {
    return null;
  }

  /** The staff member's audit entry the shard writes with the change, where an admin sent it. */
  default JsonObject audit() {
    return null;
  }

  record PlaceOrder(long accountId, String symbol, Side side, OrderType type, long volume, BigDecimal price,
                    BigDecimal stopLimitPrice, BigDecimal sl, BigDecimal tp, long trailingPoints, TimeInForce timeInForce,
                    Instant expireAt, BigDecimal maxDeviation, String clientOrderId) implements DealingRequest {
    public String op() {
      return "placeOrder";
    }
  }

  record ModifyOrder(long accountId, long orderId, BigDecimal price, BigDecimal stopLimitPrice, BigDecimal sl,
                     BigDecimal tp, long trailingPoints, TimeInForce timeInForce, Instant expireAt)
    implements DealingRequest {
    public String op() {
      return "modifyOrder";
    }
  }

  record CancelOrder(long accountId, long orderId, JsonObject audit) implements DealingRequest {
    public String op() {
      return "cancelOrder";
    }
  }

  record ModifyPosition(long accountId, long positionId, BigDecimal sl, BigDecimal tp, long trailingPoints)
    implements DealingRequest {
    public String op() {
      return "modifyPosition";
    }
  }

  /** {@code volume} 0 closes all of it. */
  record ClosePosition(long accountId, long positionId, long volume, String clientOrderId, BigDecimal price,
                       BigDecimal maxDeviation, JsonObject audit) implements DealingRequest {
    public String op() {
      return "closePosition";
    }
  }

  record CloseBy(long accountId, long positionId, long oppositePositionId, String clientOrderId)
    implements DealingRequest {
    public String op() {
      return "closeBy";
    }
  }

  /** A balance operation: {@code amount} in the account's currency (its digits checked by the shard). */
  record Balance(long accountId, BalanceOp kind, BigDecimal amount, String comment, JsonObject audit)
    implements DealingRequest {
    public String op() {
      return kind.op;
    }
  }

  enum BalanceOp {
    DEPOSIT("deposit"), WITHDRAW("withdraw"), ADJUST("adjust"), CREDIT("credit");

    final String op;

    BalanceOp(String op) {
      this.op = op;
    }
  }

  record ChangeStatus(long accountId, AccountStatus status, JsonObject audit) implements DealingRequest {
    public String op() {
      return "changeStatus";
    }
  }

  /** A read: summary, positions and pending orders from the shard's memory. */
  record ReadAccount(long accountId) implements DealingRequest {
    public String op() {
      return "account";
    }
  }

  /** Forget the account's state so the next command re-reads it (after a group move). */
  record Reload(long accountId) implements DealingRequest {
    public String op() {
      return "reload";
    }
  }

  /**
   * A dealer settles by hand an A-Book order its LP has gone silent about (UNKNOWN), on the LP's
   * confirmation obtained out of band: FILLED (the whole order at {@code price}, the LP's ExecID
   * {@code lpExecId}) or NOT_FILLED (the LP never executed it). {@code confirmation} is the LP's
   * words, kept with the execution and the audit entry.
   */
  record SettleLpOrder(long accountId, long orderId, SettleOutcome outcome, BigDecimal price, String lpExecId,
                       String confirmation, JsonObject audit) implements DealingRequest {
    public String op() {
      return "settleLpOrder";
    }
  }

  enum SettleOutcome {
    FILLED, NOT_FILLED
  }

  /**
   * An LP's ExecutionReport as the router passes it on ({@link RouterAddresses} documents the
   * fields); quantities in lots, prices as the LP sent them.
   */
  record LpExecution(long accountId, long orderId, String clOrdId, String lp, String execId, boolean possDup,
                     String execType, String ordStatus, BigDecimal lastQty, BigDecimal lastPx, BigDecimal cumQty,
                     BigDecimal leavesQty, BigDecimal avgPx, String text, String symbol) implements DealingRequest {
    public String op() {
      return "execution";
    }
  }
}
