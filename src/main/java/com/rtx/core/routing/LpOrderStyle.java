package com.rtx.core.routing;

/**
 * How an LP wants a client's market order: as a market order, or as a limit at the quoted price
 * give or take a maximum deviation, immediate-or-cancel or fill-or-kill. Many bank and ECN FIX
 * engines take limit orders only (the QuickFIX/J Executor's {@code ValidOrderTypes=2} is one): a
 * market order sent there comes back as a session Reject, so the platform prices it first.
 */
public enum LpOrderStyle {
  /** 40=1 as the client asked; the LP fills at its own price. */
  MARKET,
  /** 40=2, 59=3: a limit at the quote ± the deviation, the rest cancelled. */
  LIMIT_IOC,
  /** 40=2, 59=4: a limit at the quote ± the deviation, all or nothing. */
  LIMIT_FOK
}
