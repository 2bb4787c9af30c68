package com.rtx.core.trading;

import java.util.Objects;

/**
 * A refused command: the stable reason code and a human-readable detail with the numbers that
 * made the decision (e.g. "free margin after 12.40 USD, needed 50.00 USD").
 */
public record Rejection(RejectReason reason, String detail) {
  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
