package com.rtx.core.trading;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life cycle of an order.
 *
 * <pre>
 *   NEW ──► FILLED                 (market order, marketable IOC/FOK limit)
 *    │ └──► REJECTED               (failed validation; never stored as state)
 *    └──► PENDING ──► FILLED       (triggered and filled)
 *           │ ▲ ├──► CANCELLED     (client, or broker on account closure)
 *           └─┘ ├──► EXPIRED       (DAY at roll-over, GTD at expireAt)
 *     (modified, └──► REJECTED     (triggered but could not fill: margin, status, limits)
 *     stop-limit triggered)
 * </pre>
 * A-Book: {@code NEW ──► SENT_TO_LP ──► FILLED | REJECTED | CANCELLED}; it stays SENT_TO_LP
 * through partial fills (its volume is then what is still open at the LP).
 * FILLED, CANCELLED, EXPIRED and REJECTED are final.
 */
public enum OrderStatus {
  NEW,
  PENDING,
  /** Sent to a liquidity provider (A-Book); margin is reserved until its fills or reject arrive. */
  SENT_TO_LP,
  FILLED,
  CANCELLED,
  EXPIRED,
  REJECTED;

  private static final Set<OrderStatus> FROM_NEW = EnumSet.of(PENDING, SENT_TO_LP, FILLED, REJECTED);
  private static final Set<OrderStatus> FROM_LP = EnumSet.of(SENT_TO_LP, FILLED, CANCELLED, REJECTED);
  private static final Set<OrderStatus> FROM_PENDING = EnumSet.of(PENDING, FILLED, CANCELLED, EXPIRED, REJECTED);

  /** Whether an order in this status may move to {@code next}. */
  public boolean canBecome(OrderStatus next) {
    return switch (this) {
      case NEW -> FROM_NEW.contains(next);
      case PENDING -> FROM_PENDING.contains(next);
      case SENT_TO_LP -> FROM_LP.contains(next);
      default -> false;
    };
  }

  public boolean isFinal() {
    return this != NEW && this != PENDING && this != SENT_TO_LP;
  }
}
