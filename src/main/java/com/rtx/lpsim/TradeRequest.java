package com.rtx.lpsim;

import java.math.BigDecimal;

/**
 * An order-entry message received on a simulated LP's trade session, parsed on the QuickFIX/J
 * thread into an immutable record so that only plain values cross to the simulator's context.
 * Quantities are FIX OrderQty (units of the base currency or instrument), prices decimal text
 * parsed into {@link BigDecimal}; nothing passes through a double.
 */
sealed interface TradeRequest {

  /** ClOrdID (11) of the request itself. */
  String clOrdId();

  /** Whether QuickFIX/J flagged the message as a possible duplicate (a resend). */
  boolean possDup();

  /**
   * NewOrderSingle (35=D).
   *
   * @param ordType FIX OrdType: '1' market, '2' limit, 'D' previously quoted
   * @param price   the limit or quoted price, null for a market order
   * @param tif     FIX TimeInForce: '0' day and '1' GTC rest, '3' IOC, '4' FOK
   * @param quoteId QuoteID (117), or null: the quote a previously quoted order trades against
   */
  record NewOrder(String clOrdId, String symbol, char side, char ordType, BigDecimal qty, BigDecimal price, char tif,
                  boolean possDup, String quoteId) implements TradeRequest {

    NewOrder(String clOrdId, String symbol, char side, char ordType, BigDecimal qty, BigDecimal price, char tif,
             boolean possDup) {
      this(clOrdId, symbol, side, ordType, qty, price, tif, possDup, null);
    }
  }

  /** OrderCancelRequest (35=F) for the order first sent as {@code origClOrdId}. */
  record Cancel(String clOrdId, String origClOrdId, String symbol, char side, boolean possDup) implements TradeRequest {
  }

  /**
   * RequestForPositions (35=AN): the house's positions at the LP. {@code clOrdId} is its PosReqID
   * (710), which the answers (AO, AP) carry back.
   */
  record Positions(String clOrdId, boolean possDup) implements TradeRequest {
  }

  /** OrderStatusRequest (35=H) for the order sent as {@code clOrdId}. */
  record Status(String clOrdId, String symbol, char side, boolean possDup) implements TradeRequest {
  }
}
