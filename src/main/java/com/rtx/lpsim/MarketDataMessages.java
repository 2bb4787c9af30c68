package com.rtx.lpsim;

import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.UtcTimestampPrecision;
import quickfix.field.MDEntryDate;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryTime;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateAction;
import quickfix.field.NoRelatedSym;
import quickfix.field.QuoteEntryID;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.fix44.MarketDataIncrementalRefresh;
import quickfix.fix44.MarketDataRequest;
import quickfix.fix44.MarketDataRequestReject;
import quickfix.fix44.MarketDataSnapshotFullRefresh;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * FIX 4.4 market data messages of the simulator, built and read here only.
 *
 * <p>Prices go on the wire as decimal text with the instrument's exact number of decimals
 * (270=1.08500): the generated {@code MDEntryPx} field class would go through binary floating
 * point, so prices are set with {@code setDecimal} and should be read with {@code getDecimal(270)}.
 *
 * <p>Every MD entry carries MDEntryDate (272) and MDEntryTime (273, UTC, milliseconds): the
 * moment the simulated LP produced and sent the quote, before the LP's configured latency (which
 * stands for the network between LP and broker). The header's SendingTime (52, milliseconds) is
 * stamped by QuickFIX/J when the message actually leaves the simulator, after that latency. A
 * receiver measures LP-to-client latency as its receive time minus 272+273, and its own transport
 * cost as receive time minus 52. In a snapshot (35=W) 272+273 is the time of the quote shown,
 * which is older than the message when the symbol has not moved since (or is stale).
 *
 * <p>Stateless; safe from any thread.
 */
final class MarketDataMessages {

  private MarketDataMessages() {
  }

  /** What a MarketDataRequest (35=V) asks for. */
  enum RequestType {
    SNAPSHOT, SUBSCRIBE, UNSUBSCRIBE
  }

  /** A parsed MarketDataRequest: MDReqID (262), SubscriptionRequestType (263), the NoRelatedSym symbols. */
  record MdRequest(String mdReqId, RequestType type, List<String> symbols) {
    MdRequest {
      symbols = List.copyOf(symbols);
    }
  }

  /**
   * Reads a MarketDataRequest. The session's data dictionary has already checked required fields
   * and enumerated values, so a missing field here is a dictionary mismatch.
   */
  static MdRequest parseRequest(Message request) throws FieldNotFound {
    String id = request.getString(MDReqID.FIELD);
    RequestType type = switch (request.getChar(SubscriptionRequestType.FIELD)) {
      case SubscriptionRequestType.SNAPSHOT -> RequestType.SNAPSHOT;
      case SubscriptionRequestType.SNAPSHOT_UPDATES -> RequestType.SUBSCRIBE;
      default -> RequestType.UNSUBSCRIBE;
    };
    List<String> symbols = new ArrayList<>();
    int count = request.getGroupCount(NoRelatedSym.FIELD);
    MarketDataRequest.NoRelatedSym group = new MarketDataRequest.NoRelatedSym();
    for (int i = 1; i <= count; i++) {
      request.getGroup(i, group);
      symbols.add(group.getString(Symbol.FIELD));
    }
    return new MdRequest(id, type, symbols);
  }

  /** MarketDataSnapshotFullRefresh (35=W): one bid (269=0) and one offer (269=1) entry. */
  static Message snapshot(String mdReqId, SimInstrument instrument, Quote quote, Instant quoteTime) {
    return snapshot(mdReqId, instrument, quote, quoteTime, SimDialect.PLATFORM);
  }

  /** {@link #snapshot(String, SimInstrument, Quote, Instant)} in an LP's {@code dialect} (its name, its size unit). */
  static Message snapshot(String mdReqId, SimInstrument instrument, Quote quote, Instant quoteTime, SimDialect dialect) {
    return snapshot(mdReqId, instrument, quote, quoteTime, dialect, null, null);
  }

  /**
   * {@link #snapshot(String, SimInstrument, Quote, Instant, SimDialect)} whose entries carry
   * QuoteEntryID (299) {@code bidId} and {@code askId} (each left out when null).
   */
  static Message snapshot(String mdReqId, SimInstrument instrument, Quote quote, Instant quoteTime, SimDialect dialect,
                          String bidId, String askId) {
    MarketDataSnapshotFullRefresh message = new MarketDataSnapshotFullRefresh();
    message.set(new MDReqID(mdReqId));
    message.set(new Symbol(dialect.wire(instrument.symbol())));
    for (boolean bid : new boolean[] {true, false}) {
      MarketDataSnapshotFullRefresh.NoMDEntries entry = new MarketDataSnapshotFullRefresh.NoMDEntries();
      entry.set(new MDEntryType(bid ? MDEntryType.BID : MDEntryType.OFFER));
      fillEntry(entry, instrument, bid ? quote.bid() : quote.ask(), quoteTime, dialect, bid ? bidId : askId);
      message.addGroup(entry);
    }
    return message;
  }

  /**
   * MarketDataIncrementalRefresh (35=X) with two CHANGE entries (279=1), bid then offer, each
   * naming the symbol (55): one message is one whole quote.
   */
  static Message incremental(String mdReqId, SimInstrument instrument, Quote quote, Instant quoteTime) {
    return incremental(mdReqId, instrument, quote, quoteTime, SimDialect.PLATFORM);
  }

  /** {@link #incremental(String, SimInstrument, Quote, Instant)} in an LP's {@code dialect}. */
  static Message incremental(String mdReqId, SimInstrument instrument, Quote quote, Instant quoteTime,
                             SimDialect dialect) {
    return incremental(mdReqId, instrument, quote, quoteTime, dialect, null, null);
  }

  /** {@link #incremental(String, SimInstrument, Quote, Instant, SimDialect)} with QuoteEntryIDs, as for a snapshot. */
  static Message incremental(String mdReqId, SimInstrument instrument, Quote quote, Instant quoteTime,
                             SimDialect dialect, String bidId, String askId) {
    MarketDataIncrementalRefresh message = new MarketDataIncrementalRefresh();
    message.set(new MDReqID(mdReqId));
    for (boolean bid : new boolean[] {true, false}) {
      MarketDataIncrementalRefresh.NoMDEntries entry = new MarketDataIncrementalRefresh.NoMDEntries();
      entry.set(new MDUpdateAction(MDUpdateAction.CHANGE));
      entry.set(new MDEntryType(bid ? MDEntryType.BID : MDEntryType.OFFER));
      entry.set(new Symbol(dialect.wire(instrument.symbol())));
      fillEntry(entry, instrument, bid ? quote.bid() : quote.ask(), quoteTime, dialect, bid ? bidId : askId);
      message.addGroup(entry);
    }
    return message;
  }

  /**
   * MarketDataRequestReject (35=Y).
   *
   * @param reason MDReqRejReason (281), or null to leave it out (no code fits)
   */
  static Message reject(String mdReqId, Character reason, String text) {
    MarketDataRequestReject message = new MarketDataRequestReject(new MDReqID(mdReqId));
    if (reason != null) {
      message.set(new MDReqRejReason(reason));
    }
    message.set(new Text(text));
    return message;
  }

  private static void fillEntry(Group entry, SimInstrument instrument, long price, Instant quoteTime,
                                SimDialect dialect, String quoteId) {
    entry.setDecimal(MDEntryPx.FIELD, instrument.price(price));
    if (quoteId != null) {
      entry.setString(QuoteEntryID.FIELD, quoteId);
    }
    entry.setDecimal(MDEntrySize.FIELD, dialect.quoteSize(instrument));
    LocalDateTime utc = LocalDateTime.ofInstant(quoteTime.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    entry.setUtcDateOnly(MDEntryDate.FIELD, utc.toLocalDate());
    entry.setUtcTimeOnly(MDEntryTime.FIELD, utc.toLocalTime(), UtcTimestampPrecision.MILLIS);
  }
}
