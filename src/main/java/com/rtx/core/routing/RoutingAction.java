package com.rtx.core.routing;

/** Where an order goes. */
public enum RoutingAction {
  /** Filled internally at the client price; the house carries the risk. */
  B_BOOK,
  /** Passed to a liquidity provider; the client gets the LP's fill plus markup. */
  A_BOOK,
  /** A percentage to an LP, the rest filled internally. */
  SPLIT
}
