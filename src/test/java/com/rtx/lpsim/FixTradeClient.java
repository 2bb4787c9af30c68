package com.rtx.lpsim;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.ClOrdID;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PossDupFlag;
import quickfix.field.Price;
import quickfix.field.QuoteID;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderStatusRequest;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The far side of the simulator's trade sessions in tests: a plain QuickFIX/J initiator logging on
 * with SenderSubID TRADE to each LP, HeartBtInt 1, ReconnectInterval 1, and a memory store that
 * lives as long as the client (no reset on logon), so a reconnect continues the sequence and gets
 * the reports the LP stored meanwhile by resend. Messages and session events are queued in arrival order.
 */
final class FixTradeClient implements AutoCloseable {

  static final Duration DEADLINE = Duration.ofSeconds(30);

  /** An application message from an LP, or a session event ({@code message} null, {@code event} logon/logout). */
  record Received(String lp, Message message, String event) {
    String type() {
      try {
        return message.getHeader().getString(MsgType.FIELD);
      } catch (FieldNotFound e) {
        throw new IllegalStateException(e);
      }
    }

    String get(int field) {
      try {
        return message.isSetField(field) ? message.getString(field) : null;
      } catch (FieldNotFound e) {
        throw new IllegalStateException(e);
      }
    }

    boolean possDup() {
      try {
        return message.getHeader().isSetField(PossDupFlag.FIELD) && message.getHeader().getBoolean(PossDupFlag.FIELD);
      } catch (FieldNotFound e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final SocketInitiator initiator;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  private FixTradeClient(int port, String... lps) throws ConfigError {
    SessionSettings settings = new SessionSettings();
    settings.setString("ConnectionType", "initiator");
    settings.setString("SocketConnectHost", "127.0.0.1");
    settings.setLong("SocketConnectPort", port);
    settings.setLong("HeartBtInt", 1);
    settings.setLong("ReconnectInterval", 1);
    settings.setBool("NonStopSession", true);
    settings.setString("StartTime", "00:00:00");
    settings.setString("EndTime", "00:00:00");
    settings.setBool("UseDataDictionary", true);
    settings.setString("DataDictionary", "FIX44.xml");
    for (String lp : lps) {
      SessionID id = sessionId(lp);
      settings.setString(id, "BeginString", "FIX.4.4");
      settings.setString(id, "SenderCompID", "RTX");
      settings.setString(id, "SenderSubID", "TRADE");
      settings.setString(id, "TargetCompID", lp);
    }
    initiator = new SocketInitiator(new Recorder(), new MemoryStoreFactory(), settings, new com.rtx.platform.fix.FixLogFactory("com.rtx.lpsim.fix", com.rtx.platform.fix.FixLogFactory.Volume.STREAM),
      new quickfix.fix44.MessageFactory());
  }

  static FixTradeClient start(int port, String... lps) throws ConfigError {
    FixTradeClient client = new FixTradeClient(port, lps);
    client.initiator.start();
    return client;
  }

  static SessionID sessionId(String lp) {
    return new SessionID("FIX.4.4", "RTX", "TRADE", "", lp, "", "", "");
  }

  /** The next message or event, in arrival order. */
  Received next() throws InterruptedException {
    Received next = received.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    if (next == null) {
      throw new AssertionError("nothing received within " + DEADLINE);
    }
    return next;
  }

  /** The next application message, skipping session events. */
  Received nextMessage() throws InterruptedException {
    while (true) {
      Received next = next();
      if (next.message() != null) {
        return next;
      }
    }
  }

  /** Skips until {@code lp}'s session event {@code kind}. */
  void awaitEvent(String lp, String kind) throws InterruptedException {
    while (true) {
      Received next = next();
      if (next.message() == null && next.lp().equals(lp) && next.event().equals(kind)) {
        return;
      }
    }
  }

  /** Whatever has arrived and not been taken yet. */
  int pending() {
    return received.size();
  }

  void market(String lp, String clOrdId, String symbol, char side, String qty, char tif) {
    send(lp, order(clOrdId, symbol, side, OrdType.MARKET, qty, null, tif));
  }

  void limit(String lp, String clOrdId, String symbol, char side, String qty, String price, char tif) {
    send(lp, order(clOrdId, symbol, side, OrdType.LIMIT, qty, price, tif));
  }

  /** A previously quoted order (40=D) against {@code quoteId} at {@code price}. */
  void quoted(String lp, String clOrdId, String symbol, char side, String qty, String price, char tif, String quoteId) {
    NewOrderSingle order = order(clOrdId, symbol, side, OrdType.PREVIOUSLY_QUOTED, qty, price, tif);
    order.set(new QuoteID(quoteId));
    send(lp, order);
  }

  void cancel(String lp, String clOrdId, String origClOrdId, String symbol, char side) {
    OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID(origClOrdId), new ClOrdID(clOrdId),
      new Side(side), new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
    cancel.set(new Symbol(symbol));
    send(lp, cancel);
  }

  void status(String lp, String clOrdId, String symbol, char side) {
    OrderStatusRequest status = new OrderStatusRequest(new ClOrdID(clOrdId), new Side(side));
    status.set(new Symbol(symbol));
    send(lp, status);
  }

  private static NewOrderSingle order(String clOrdId, String symbol, char side, char type, String qty, String price,
                                      char tif) {
    NewOrderSingle order = new NewOrderSingle(new ClOrdID(clOrdId), new Side(side),
      new TransactTime(LocalDateTime.now(ZoneOffset.UTC)), new OrdType(type));
    order.set(new Symbol(symbol));
    order.setString(OrderQty.FIELD, qty);
    if (price != null) {
      order.setString(Price.FIELD, price);
    }
    order.set(new TimeInForce(tif));
    return order;
  }

  private void send(String lp, Message message) {
    Session session = Session.lookupSession(sessionId(lp));
    if (session == null || !session.send(message)) {
      throw new AssertionError("trade session to " + lp + " did not send (not logged on?)");
    }
  }

  @Override
  public void close() {
    initiator.stop(true);
  }

  /** Records what arrives; runs on QuickFIX/J threads, so it only enqueues. */
  private final class Recorder implements Application {
    @Override
    public void onCreate(SessionID sessionId) {
    }

    @Override
    public void onLogon(SessionID sessionId) {
      received.add(new Received(sessionId.getTargetCompID(), null, "logon"));
    }

    @Override
    public void onLogout(SessionID sessionId) {
      received.add(new Received(sessionId.getTargetCompID(), null, "logout"));
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {
    }

    @Override
    public void fromAdmin(Message message, SessionID sessionId) {
      try {
        if (MsgType.REJECT.equals(message.getHeader().getString(MsgType.FIELD))) {
          // A session-level refusal of an order is an answer the tests wait for like a report.
          received.add(new Received(sessionId.getTargetCompID(), message, null));
        }
      } catch (FieldNotFound e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void toApp(Message message, SessionID sessionId) {
    }

    @Override
    public void fromApp(Message message, SessionID sessionId) {
      received.add(new Received(sessionId.getTargetCompID(), message, null));
    }
  }
}
