package com.rtx.core.routing;

/**
 * How an LP wants a client's market order: as a market order, or as a limit at the quoted price
 * give or take a maximum deviation, immediate-or-cancel or fill-or-kill. Many bank and ECN FIX
 * engines take limit orders only (the QuickFIX/J Executor's {@code ValidOrderTypes=2} is one): a
 * market order sent there comes back as a session Reject, so the platform prices it first. Some
 * take only orders against a quote they streamed: those get the quote's own id back.
 */
public enum LpOrderStyle {
  /** 40=1 as the client asked; the LP fills at its own price. */
  MARKET,
  /** 40=2, 59=3: a limit at the quote ± the deviation, the rest cancelled. */
  LIMIT_IOC,
  /** 40=2, 59=4: a limit at the quote ± the deviation, all or nothing. */
  LIMIT_FOK,
  /**
   * 40=D with QuoteID (117) and Price (44) of the LP's own quote on the order's side (a buy takes
   * the ask): only for the LP whose quote made that side of the aggregated price, and only when
   * its quote carried a QuoteEntryID (299); anything else is not sent to it. 59=IOC, or FOK for a
   * fill-or-kill order or an LP that takes FOK only. The deviation does not apply.
   */
  PREVIOUSLY_QUOTED
}
