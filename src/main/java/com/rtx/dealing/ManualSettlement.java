package com.rtx.dealing;

import com.rtx.bus.DealingRequest;
import com.rtx.core.market.Lots;

import java.math.BigDecimal;

/**
 * A dealer's settlement of an UNKNOWN A-Book order as the execution report its LP never sent:
 * FILLED books the whole order at the LP's price, NOT_FILLED cancels it; both go through
 * {@link ExecutionIntake} like a report from the LP, so markup, margin and the held client reply
 * are handled the same way. The ExecID is the LP's prefixed {@code manual-}, so a late report of
 * the LP (its own ExecID) is still told apart, and finds the order no longer at the LP.
 */
final class ManualSettlement {

  private ManualSettlement() {
  }

  static DealingRequest.LpExecution execution(DealingRequest.SettleLpOrder settle, LpOrderDesk.Tracked tracked) {
    String text = "settled by hand on " + tracked.lp + "'s confirmation: " + settle.confirmation();
    String execId = "manual-" + settle.lpExecId();
    if (settle.outcome() == DealingRequest.SettleOutcome.NOT_FILLED) {
      return new DealingRequest.LpExecution(settle.accountId(), settle.orderId(), tracked.clOrdId, tracked.lp, execId,
        false, "CANCELED", "CANCELED", null, null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, text, null);
    }
    BigDecimal volume = Lots.toBigDecimal(tracked.order.volume());
    return new DealingRequest.LpExecution(settle.accountId(), settle.orderId(), tracked.clOrdId, tracked.lp, execId,
      false, "FILL", "FILLED", volume, settle.price(), volume, BigDecimal.ZERO, settle.price(), text, null);
  }
}
