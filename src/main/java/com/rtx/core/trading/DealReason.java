package com.rtx.core.trading;

/** Who or what caused a deal. */
public enum DealReason {
  /** A client's market order or close. */
  CLIENT,
  /** A client's pending order that triggered. */
  PENDING_ORDER,
  STOP_LOSS,
  TAKE_PROFIT,
  /** The broker's stop-out. */
  STOP_OUT,
  /** A client's close-by. */
  CLOSE_BY
}
