package com.rtx.lpsim;

import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One order in a simulated LP's book: what was asked and how much of it has filled at what price.
 * Owned by the simulator's event loop. Quantities are the FIX OrderQty units; prices are in the
 * instrument's units (points), see {@link SimInstrument}.
 */
final class SimOrder {

  final String orderId;
  final String clOrdId;
  final SimInstrument instrument;
  final char side;
  final char ordType;
  final char tif;
  final BigDecimal qty;
  /** The limit (or the quoted price of a previously quoted order) in instrument units; meaningless for a market order. */
  final long limit;
  private BigDecimal cumQty = BigDecimal.ZERO;
  /** Sum of fill price (units) × fill quantity, for the average price. */
  private BigDecimal notionalUnits = BigDecimal.ZERO;
  private char status = OrdStatus.NEW;
  /** The ClOrdID of the request that changed the order last (a cancel), reported as ClOrdID from then on. */
  String lastClOrdId;

  SimOrder(String orderId, TradeRequest.NewOrder request, SimInstrument instrument) {
    this.orderId = orderId;
    this.clOrdId = request.clOrdId();
    this.lastClOrdId = request.clOrdId();
    this.instrument = instrument;
    this.side = request.side();
    this.ordType = request.ordType();
    this.tif = request.tif();
    this.qty = request.qty();
    this.limit = request.ordType() == OrdType.LIMIT || request.ordType() == OrdType.PREVIOUSLY_QUOTED
      ? instrument.units(request.price()) : 0;
  }

  boolean isBuy() {
    return side == Side.BUY;
  }

  boolean isLimit() {
    return ordType == OrdType.LIMIT;
  }

  /** 40=D: against a quote the LP issued, filled at that quote's price (checked when it arrived). */
  boolean isQuoted() {
    return ordType == OrdType.PREVIOUSLY_QUOTED;
  }

  /** Resting or partly filled: a cancel or a later quote can still change it. */
  boolean isOpen() {
    return status == OrdStatus.NEW || status == OrdStatus.PARTIALLY_FILLED;
  }

  char status() {
    return status;
  }

  BigDecimal cumQty() {
    return cumQty;
  }

  BigDecimal leavesQty() {
    return isOpen() ? qty.subtract(cumQty) : BigDecimal.ZERO;
  }

  /** Average fill price as a decimal with two more places than the instrument quotes, 0 before any fill. */
  BigDecimal avgPx() {
    if (cumQty.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal avg = notionalUnits.divide(cumQty, 2, RoundingMode.HALF_EVEN).movePointLeft(instrument.digits())
      .stripTrailingZeros();
    return avg.scale() < instrument.digits() ? avg.setScale(instrument.digits()) : avg;
  }

  void fill(BigDecimal quantity, long priceUnits) {
    cumQty = cumQty.add(quantity);
    notionalUnits = notionalUnits.add(quantity.multiply(BigDecimal.valueOf(priceUnits)));
    status = cumQty.compareTo(qty) >= 0 ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
  }

  void cancel() {
    status = OrdStatus.CANCELED;
  }

  void reject() {
    status = OrdStatus.REJECTED;
  }
}
