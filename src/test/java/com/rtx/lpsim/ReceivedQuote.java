package com.rtx.lpsim;

import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.MDEntryDate;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryTime;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDUpdateAction;
import quickfix.field.MsgType;
import quickfix.field.NoMDEntries;
import quickfix.field.SendingTime;
import quickfix.field.Symbol;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A snapshot (35=W) or incremental refresh (35=X) read back the way a receiver should: prices
 * with {@code getDecimal(270)}, the LP's quote time from 272+273, SendingTime from 52. Asserts the
 * shape the simulator promises: exactly one bid then one offer entry, every X entry a CHANGE
 * naming the same symbol.
 */
record ReceivedQuote(String lp, String type, String mdReqId, String symbol, BigDecimal bid, BigDecimal ask,
                     BigDecimal bidSize, BigDecimal askSize, Instant quoteTime, Instant sendingTime) {

  static boolean isQuote(FixTestClient.Received received) {
    return received.type().equals(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH)
      || received.type().equals(MsgType.MARKET_DATA_INCREMENTAL_REFRESH);
  }

  static ReceivedQuote of(FixTestClient.Received received) {
    Message message = received.message();
    try {
      String type = received.type();
      boolean incremental = type.equals(MsgType.MARKET_DATA_INCREMENTAL_REFRESH);
      if (!incremental && !type.equals(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH)) {
        throw new AssertionError("not a quote: " + message);
      }
      List<Group> entries = message.getGroups(NoMDEntries.FIELD);
      if (entries.size() != 2 || entries.get(0).getChar(MDEntryType.FIELD) != MDEntryType.BID
        || entries.get(1).getChar(MDEntryType.FIELD) != MDEntryType.OFFER) {
        throw new AssertionError("expected one bid then one offer entry: " + message);
      }
      String symbol = incremental ? entries.get(0).getString(Symbol.FIELD) : message.getString(Symbol.FIELD);
      if (incremental) {
        for (Group entry : entries) {
          if (entry.getChar(MDUpdateAction.FIELD) != MDUpdateAction.CHANGE || !symbol.equals(entry.getString(Symbol.FIELD))) {
            throw new AssertionError("expected CHANGE entries of one symbol: " + message);
          }
        }
      }
      Group bid = entries.get(0);
      Instant quoteTime = LocalDateTime.of(bid.getUtcDateOnly(MDEntryDate.FIELD), bid.getUtcTimeOnly(MDEntryTime.FIELD))
        .toInstant(ZoneOffset.UTC);
      Instant sendingTime = message.getHeader().getUtcTimeStamp(SendingTime.FIELD).toInstant(ZoneOffset.UTC);
      return new ReceivedQuote(received.lp(), type, message.getString(MDReqID.FIELD), symbol,
        bid.getDecimal(MDEntryPx.FIELD), entries.get(1).getDecimal(MDEntryPx.FIELD), bid.getDecimal(MDEntrySize.FIELD),
        entries.get(1).getDecimal(MDEntrySize.FIELD), quoteTime, sendingTime);
    } catch (FieldNotFound e) {
      throw new AssertionError("field " + e.field + " missing: " + message, e);
    }
  }

  boolean incremental() {
    return type.equals(MsgType.MARKET_DATA_INCREMENTAL_REFRESH);
  }

  boolean crossed() {
    return bid.compareTo(ask) > 0;
  }

  /** Mid in the instrument's units (points). */
  long midUnits() {
    return bid.add(ask).unscaledValue().longValueExact() / 2;
  }
}
