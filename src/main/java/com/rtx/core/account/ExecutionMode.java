package com.rtx.core.account;

/** Who takes the other side of a group's orders. */
public enum ExecutionMode {
  /** Passed through to liquidity providers (not available yet: orders are refused). */
  A_BOOK,
  /** The broker is the counterparty and fills internally at the client price. */
  B_BOOK
}
