package com.rtx.routing;

import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.Account;
import quickfix.field.AccountType;
import quickfix.field.ClearingBusinessDate;
import quickfix.field.LongQty;
import quickfix.field.NoPositions;
import quickfix.field.PosReqID;
import quickfix.field.PosReqResult;
import quickfix.field.PosReqStatus;
import quickfix.field.PosReqType;
import quickfix.field.ShortQty;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TotalNumPosReports;
import quickfix.field.TransactTime;
import quickfix.fix44.RequestForPositions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * FIX 4.4 position messages of the trade session: the RequestForPositions (35=AN) the router
 * sends, and the RequestForPositionsAck (35=AO) and PositionReports (35=AP) an LP answers with,
 * read into plain records on the QuickFIX/J thread. Quantities are read as decimal text, never
 * through a double.
 */
final class PositionMessages {

  /** The counterparty account named in a request: LPs that keep one book per session ignore it. */
  static final String ACCOUNT = "house";

  /** What the LP answered to one request. */
  sealed interface Answer {
    String lp();

    String posReqId();
  }

  /**
   * RequestForPositionsAck: {@code result} PosReqResult (0 valid, 2 no positions, others refused),
   * {@code reports} TotalNumPosReports to expect (0 when absent).
   */
  record Ack(String lp, String posReqId, int result, int status, int reports, String text) implements Answer {

    boolean accepted() {
      return (result == PosReqResult.VALID_REQUEST || result == PosReqResult.NO_POSITIONS_FOUND_THAT_MATCH_CRITERIA)
        && status != PosReqStatus.REJECTED;
    }
  }

  /** One PositionReport: the house's net units of {@code symbol} (LongQty − ShortQty), null when unreadable. */
  record Report(String lp, String posReqId, String symbol, BigDecimal netUnits, String raw) implements Answer {
  }

  private PositionMessages() {
  }

  static RequestForPositions request(String posReqId, Instant now) {
    RequestForPositions request = new RequestForPositions();
    request.set(new PosReqID(posReqId));
    request.set(new PosReqType(PosReqType.POSITIONS));
    request.set(new Account(ACCOUNT));
    request.set(new AccountType(AccountType.HOUSE_TRADER));
    request.setString(ClearingBusinessDate.FIELD,
      DateTimeFormatter.BASIC_ISO_DATE.format(now.atZone(ZoneOffset.UTC).toLocalDate()));
    request.set(new TransactTime(LocalDateTime.ofInstant(now, ZoneOffset.UTC)));
    return request;
  }

  static Ack ack(String lp, Message message) throws FieldNotFound {
    return new Ack(lp, message.isSetField(PosReqID.FIELD) ? message.getString(PosReqID.FIELD) : null,
      message.getInt(PosReqResult.FIELD), message.getInt(PosReqStatus.FIELD),
      message.isSetField(TotalNumPosReports.FIELD) ? message.getInt(TotalNumPosReports.FIELD) : 0,
      message.isSetField(Text.FIELD) ? LpRefusals.printable(message.getString(Text.FIELD)) : null);
  }

  static Report report(String lp, Message message) throws FieldNotFound {
    String posReqId = message.isSetField(PosReqID.FIELD) ? message.getString(PosReqID.FIELD) : null;
    String symbol = message.isSetField(Symbol.FIELD) ? message.getString(Symbol.FIELD) : null;
    BigDecimal net = BigDecimal.ZERO;
    StringBuilder raw = new StringBuilder();
    int groups = message.isSetField(NoPositions.FIELD) ? message.getGroupCount(NoPositions.FIELD) : 0;
    try {
      for (int i = 1; i <= groups; i++) {
        Group group = message.getGroup(i, NoPositions.FIELD);
        String longQty = group.isSetField(LongQty.FIELD) ? group.getString(LongQty.FIELD) : "0";
        String shortQty = group.isSetField(ShortQty.FIELD) ? group.getString(ShortQty.FIELD) : "0";
        raw.append(raw.length() == 0 ? "" : ";").append("long=").append(longQty).append(",short=").append(shortQty);
        net = net.add(quantity(longQty)).subtract(quantity(shortQty));
      }
    } catch (NumberFormatException e) {
      net = null;
    }
    return new Report(lp, posReqId, symbol, groups == 0 ? null : net, LpRefusals.printable(raw.toString()));
  }

  /** A FIX Qty: plain decimal text, at most 24 digits before the point (anything else is not a position). */
  private static BigDecimal quantity(String text) {
    if (text.length() > 40 || !text.matches("-?\\d{1,24}(\\.\\d{1,16})?")) {
      throw new NumberFormatException("not a quantity: " + LpRefusals.printable(text));
    }
    return new BigDecimal(text);
  }
}
