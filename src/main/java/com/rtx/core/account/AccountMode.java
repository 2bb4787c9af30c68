package com.rtx.core.account;

/** How deals become positions. */
public enum AccountMode {
  /** Every opening deal is its own position; opposite positions on one symbol coexist. */
  HEDGING,
  /** One position per symbol: deals add to it, reduce it, close it or flip it. */
  NETTING
}
