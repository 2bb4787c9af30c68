package com.rtx.core.dealing;

import com.rtx.core.account.AccountStatus;
import com.rtx.core.ledger.LedgerEntry;
import com.rtx.core.margin.EquitySnapshot;
import com.rtx.core.margin.MarginSnapshot;
import com.rtx.core.trading.Deal;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.RejectReason;

import java.util.Objects;

/**
 * What happened to an account, in the order it happened. The shard persists these (orders,
 * deals, positions, ledger, evidence) in one transaction and publishes them after the commit.
 */
public sealed interface AccountEvent {

  /** A pending order now rests. */
  record OrderAccepted(Order order) implements AccountEvent {
  }

  record OrderModified(Order order) implements AccountEvent {
  }

  record OrderCancelled(Order order) implements AccountEvent {
  }

  record OrderExpired(Order order) implements AccountEvent {
  }

  /** A STOP_LIMIT's stop was hit: it now rests as a limit. */
  record OrderTriggered(Order order) implements AccountEvent {
  }

  /** A resting order triggered but could not fill (margin, status, limits); it is final. */
  record OrderRejected(Order order, RejectReason reason, String detail) implements AccountEvent {
    public OrderRejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  record OrderFilled(Order order, long dealId) implements AccountEvent {
  }

  /** An A-Book order went to liquidity provider {@code lp} (status SENT_TO_LP, margin reserved). */
  record OrderSentToLp(Order order, String lp) implements AccountEvent {
  }

  /** Part of an A-Book order filled at the LP; {@code order} holds the volume still open there. */
  record OrderPartiallyFilled(Order order, long dealId) implements AccountEvent {
  }

  record DealExecuted(Deal deal) implements AccountEvent {
  }

  record PositionOpened(Position position) implements AccountEvent {
  }

  /** Volume, price, stops, trailing stop or accrued swap changed (a netting flip too). */
  record PositionChanged(Position position) implements AccountEvent {
  }

  /** Closed; {@code position} is its last state before the closing deal. */
  record PositionClosed(Position position, long dealId) implements AccountEvent {
  }

  record LedgerPosted(LedgerEntry entry) implements AccountEvent {
  }

  /** The margin level fell to or below the margin-call level. */
  record MarginCallRaised(MarginSnapshot snapshot) implements AccountEvent {
  }

  /** The margin level is above the margin-call level again. */
  record MarginCallCleared(MarginSnapshot snapshot) implements AccountEvent {
  }

  record StopOutExecuted(StopOutEvidence evidence) implements AccountEvent {
  }

  record EquitySnapshotTaken(EquitySnapshot snapshot) implements AccountEvent {
  }

  record StatusChanged(AccountStatus status) implements AccountEvent {
  }
}
