package com.rtx.core.account;

/**
 * Margin of opposite positions on one symbol in a HEDGING account.
 *
 * <p>{@link #LARGER_LEG} is the usual retail broker setting (MetaTrader 5's "calculate hedged
 * margin using larger leg"): a fully hedged pair has no market risk beyond the spread, so it
 * needs the margin of one side, not two. {@link #FULL} charges both sides, for brokers that want
 * no hedging discount.
 */
public enum HedgedMarginMode {
  /** Per symbol, the larger of the summed margins of the long and of the short positions. */
  LARGER_LEG,
  /** Every position's margin counts, whatever the opposite positions. */
  FULL
}
