package com.rtx.lpsim;

import quickfix.FieldNotFound;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.UnsupportedMessageType;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PossDupFlag;
import quickfix.field.Price;
import quickfix.field.QuoteID;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.OrderCancelReject;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;

/**
 * FIX 4.4 order-entry messages of the simulator: parsing NewOrderSingle, OrderCancelRequest and
 * OrderStatusRequest, building ExecutionReports and OrderCancelRejects. Quantities and prices go
 * on the wire as decimal text ({@code setString}), never through the double the generated fields use.
 */
final class TradeMessages {

  /** OrderID of reports about orders the LP never booked (rejected at the door, unknown). */
  static final String NO_ORDER = "NONE";

  private TradeMessages() {
  }

  /**
   * @throws UnsupportedMessageType for anything but 35=D, F, H or AN (QuickFIX/J answers a BusinessMessageReject)
   * @throws IncorrectTagValue      for an OrderQty or Price that is not a decimal number
   */
  static TradeRequest parse(Message message) throws FieldNotFound, UnsupportedMessageType, IncorrectTagValue {
    String type = message.getHeader().getString(MsgType.FIELD);
    boolean possDup = message.getHeader().isSetField(PossDupFlag.FIELD)
      && message.getHeader().getBoolean(PossDupFlag.FIELD);
    if (MsgType.REQUEST_FOR_POSITIONS.equals(type)) {
      return new TradeRequest.Positions(message.getString(quickfix.field.PosReqID.FIELD), possDup);
    }
    String clOrdId = message.getString(ClOrdID.FIELD);
    String symbol = message.getString(Symbol.FIELD);
    char side = message.getChar(Side.FIELD);
    return switch (type) {
      case MsgType.ORDER_SINGLE -> {
        char ordType = message.getChar(OrdType.FIELD);
        BigDecimal price = message.isSetField(Price.FIELD) ? decimal(message, Price.FIELD) : null;
        char tif = message.isSetField(TimeInForce.FIELD) ? message.getChar(TimeInForce.FIELD)
          : ordType == OrdType.MARKET ? TimeInForce.IMMEDIATE_OR_CANCEL : TimeInForce.DAY;
        String quoteId = message.isSetField(QuoteID.FIELD) ? message.getString(QuoteID.FIELD) : null;
        yield new TradeRequest.NewOrder(clOrdId, symbol, side, ordType, decimal(message, OrderQty.FIELD), price, tif,
          possDup, quoteId);
      }
      case MsgType.ORDER_CANCEL_REQUEST ->
        new TradeRequest.Cancel(clOrdId, message.getString(OrigClOrdID.FIELD), symbol, side, possDup);
      case MsgType.ORDER_STATUS_REQUEST -> new TradeRequest.Status(clOrdId, symbol, side, possDup);
      default -> throw new UnsupportedMessageType();
    };
  }

  private static BigDecimal decimal(Message message, int field) throws FieldNotFound, IncorrectTagValue {
    try {
      return new BigDecimal(message.getString(field));
    } catch (NumberFormatException e) {
      throw new IncorrectTagValue(field);
    }
  }

  /** A report about a booked order, its state as it is now. */
  static ExecutionReport report(SimOrder order, String execId, char execType, BigDecimal lastQty, long lastPxUnits,
                                String text, Instant at) {
    ExecutionReport report = base(order.orderId, order.lastClOrdId, execId, execType, order.status(),
      order.instrument.symbol(), order.side, at);
    report.setString(OrderQty.FIELD, order.qty.toPlainString());
    report.setChar(OrdType.FIELD, order.ordType);
    report.setChar(TimeInForce.FIELD, order.tif);
    if (order.isLimit()) {
      report.setString(Price.FIELD, order.instrument.price(order.limit).toPlainString());
    }
    if (!order.lastClOrdId.equals(order.clOrdId)) {
      report.setString(OrigClOrdID.FIELD, order.clOrdId);
    }
    report.setString(CumQty.FIELD, order.cumQty().toPlainString());
    report.setString(LeavesQty.FIELD, order.leavesQty().toPlainString());
    report.setString(AvgPx.FIELD, order.avgPx().toPlainString());
    if (lastQty != null) {
      report.setString(LastQty.FIELD, lastQty.toPlainString());
      report.setString(LastPx.FIELD, order.instrument.price(lastPxUnits).toPlainString());
    }
    if (text != null) {
      report.setString(Text.FIELD, text);
    }
    return report;
  }

  /** A rejected order that was never booked, or a status answer for an order the LP does not know. */
  static ExecutionReport unbooked(String clOrdId, String symbol, char side, String execId, char execType,
                                  BigDecimal qty, int rejReason, String text, Instant at) {
    ExecutionReport report = base(NO_ORDER, clOrdId, execId, execType, OrdStatus.REJECTED, symbol, side, at);
    if (qty != null) {
      report.setString(OrderQty.FIELD, qty.toPlainString());
    }
    report.setString(CumQty.FIELD, "0");
    report.setString(LeavesQty.FIELD, "0");
    report.setString(AvgPx.FIELD, "0");
    report.setInt(OrdRejReason.FIELD, rejReason);
    report.setString(Text.FIELD, text);
    return report;
  }

  private static ExecutionReport base(String orderId, String clOrdId, String execId, char execType, char ordStatus,
                                      String symbol, char side, Instant at) {
    ExecutionReport report = new ExecutionReport();
    report.set(new OrderID(orderId));
    report.set(new ClOrdID(clOrdId));
    report.set(new ExecID(execId));
    report.set(new ExecType(execType));
    report.set(new OrdStatus(ordStatus));
    report.set(new Symbol(symbol));
    report.set(new Side(side));
    report.set(new TransactTime(LocalDateTime.ofInstant(at, ZoneOffset.UTC)));
    return report;
  }

  /** OrderCancelReject (35=9): {@code order} null when the LP does not know {@code origClOrdId}. */
  static OrderCancelReject cancelReject(TradeRequest.Cancel request, SimOrder order, String text) {
    OrderCancelReject reject = new OrderCancelReject(new OrderID(order == null ? NO_ORDER : order.orderId),
      new ClOrdID(request.clOrdId()), new OrigClOrdID(request.origClOrdId()),
      new OrdStatus(order == null ? OrdStatus.REJECTED : order.status()),
      new CxlRejResponseTo(CxlRejResponseTo.ORDER_CANCEL_REQUEST));
    reject.set(new CxlRejReason(order == null ? CxlRejReason.UNKNOWN_ORDER : CxlRejReason.TOO_LATE_TO_CANCEL));
    reject.set(new Text(text));
    return reject;
  }

  /**
   * RequestForPositionsAck (35=AO) announcing {@code reports} PositionReports for {@code posReqId};
   * none: PosReqResult 2 (no positions).
   */
  static Message positionsAck(String posReqId, String rptId, int reports, Instant at) {
    quickfix.fix44.RequestForPositionsAck ack = new quickfix.fix44.RequestForPositionsAck();
    ack.setString(quickfix.field.PosMaintRptID.FIELD, rptId);
    ack.setString(quickfix.field.PosReqID.FIELD, posReqId);
    ack.setInt(quickfix.field.TotalNumPosReports.FIELD, reports);
    ack.setInt(quickfix.field.PosReqResult.FIELD, reports == 0 ? quickfix.field.PosReqResult.NO_POSITIONS_FOUND_THAT_MATCH_CRITERIA
      : quickfix.field.PosReqResult.VALID_REQUEST);
    ack.setInt(quickfix.field.PosReqStatus.FIELD, quickfix.field.PosReqStatus.COMPLETED);
    ack.setString(quickfix.field.Account.FIELD, HOUSE_ACCOUNT);
    ack.setInt(quickfix.field.AccountType.FIELD, quickfix.field.AccountType.HOUSE_TRADER);
    return ack;
  }

  /** The counterparty's account in position messages: the simulator keeps one book per LP session. */
  static final String HOUSE_ACCOUNT = "house";

  /**
   * PositionReport (35=AP): the house's net {@code units} of {@code symbol} (positive long) as
   * LongQty/ShortQty of a TQ position; the settlement fields FIX 4.4 requires are zero.
   */
  static Message positionReport(String posReqId, String rptId, int total, String symbol, BigDecimal units, Instant at) {
    quickfix.fix44.PositionReport report = new quickfix.fix44.PositionReport();
    report.setString(quickfix.field.PosMaintRptID.FIELD, rptId);
    report.setString(quickfix.field.PosReqID.FIELD, posReqId);
    report.setInt(quickfix.field.PosReqType.FIELD, quickfix.field.PosReqType.POSITIONS);
    report.setInt(quickfix.field.TotalNumPosReports.FIELD, total);
    report.setInt(quickfix.field.PosReqResult.FIELD, quickfix.field.PosReqResult.VALID_REQUEST);
    report.setString(quickfix.field.ClearingBusinessDate.FIELD,
      java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(at.atZone(ZoneOffset.UTC).toLocalDate()));
    report.setString(quickfix.field.Account.FIELD, HOUSE_ACCOUNT);
    report.setInt(quickfix.field.AccountType.FIELD, quickfix.field.AccountType.HOUSE_TRADER);
    report.setString(Symbol.FIELD, symbol);
    report.setString(quickfix.field.SettlPrice.FIELD, "0");
    report.setInt(quickfix.field.SettlPriceType.FIELD, quickfix.field.SettlPriceType.THEORETICAL);
    report.setString(quickfix.field.PriorSettlPrice.FIELD, "0");
    quickfix.fix44.PositionReport.NoPositions qty = new quickfix.fix44.PositionReport.NoPositions();
    qty.setString(quickfix.field.PosType.FIELD, quickfix.field.PosType.TRANSACTION_QUANTITY);
    qty.setString(quickfix.field.LongQty.FIELD, units.signum() > 0 ? units.toPlainString() : "0");
    qty.setString(quickfix.field.ShortQty.FIELD, units.signum() < 0 ? units.negate().toPlainString() : "0");
    report.addGroup(qty);
    quickfix.fix44.PositionReport.NoPosAmt amount = new quickfix.fix44.PositionReport.NoPosAmt();
    amount.setString(quickfix.field.PosAmtType.FIELD, quickfix.field.PosAmtType.FINAL_MARK_TO_MARKET_AMOUNT);
    amount.setString(quickfix.field.PosAmt.FIELD, "0");
    report.addGroup(amount);
    return report;
  }
}
