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
 * FILLED, CANCELLED, EXPIRED and REJECTED are final.
 */
public enum OrderStatus {
  NEW,
  PENDING,
  FILLED,
  CANCELLED,
  EXPIRED,
  REJECTED;

  private static final Set<OrderStatus> FROM_NEW = EnumSet.of(PENDING, FILLED, REJECTED);
  private static final Set<OrderStatus> FROM_PENDING = EnumSet.of(PENDING, FILLED, CANCELLED, EXPIRED, REJECTED);

  /** Whether an order in this status may move to {@code next}. */
  public boolean canBecome(OrderStatus next) {
    return switch (this) {
      case NEW -> FROM_NEW.contains(next);
      case PENDING -> FROM_PENDING.contains(next);
      default -> false;
    };
  }

  public boolean isFinal() {
    return this != NEW && this != PENDING;
  }
}
