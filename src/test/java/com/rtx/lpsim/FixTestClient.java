package com.rtx.lpsim;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MarketDepth;
import quickfix.field.MsgType;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.fix44.MarketDataRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The far side of the simulator in tests: a plain QuickFIX/J initiator, one session per LP
 * (SenderCompID RTX, TargetCompID = LP name), HeartBtInt 1 and ReconnectInterval 1, configured
 * the way the pricing side will be. Application messages are queued in arrival order; session
 * events are kept until a test claims them. Tests wait on those, never on time.
 */
final class FixTestClient implements AutoCloseable {

  /** Generous: only turns a hang into a failure. */
  static final Duration DEADLINE = Duration.ofSeconds(30);

  /** An application message from an LP. */
  record Received(String lp, Message message) {
    String type() {
      try {
        return message.getHeader().getString(MsgType.FIELD);
      } catch (FieldNotFound e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A session event: {@code logon}, {@code logout}, or {@code logout-message} with the Logout's text. */
  record Event(String lp, String kind, String text) {
  }

  private final SocketInitiator initiator;
  private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
  /** Guarded by {@code this}. */
  private final List<Event> events = new ArrayList<>();

  private FixTestClient(int port, String... lps) throws ConfigError {
    SessionSettings settings = new SessionSettings();
    settings.setString("ConnectionType", "initiator");
    settings.setString("SocketConnectHost", "127.0.0.1");
    settings.setLong("SocketConnectPort", port);
    settings.setLong("HeartBtInt", 1);
    settings.setLong("ReconnectInterval", 1);
    settings.setBool("NonStopSession", true);
    settings.setString("StartTime", "00:00:00");
    settings.setString("EndTime", "00:00:00");
    settings.setBool("ResetOnLogon", true);
    settings.setBool("UseDataDictionary", true);
    settings.setString("DataDictionary", "FIX44.xml");
    for (String lp : lps) {
      SessionID id = sessionId(lp);
      settings.setString(id, "BeginString", "FIX.4.4");
      settings.setString(id, "SenderCompID", "RTX");
      settings.setString(id, "TargetCompID", lp);
    }
    initiator = new SocketInitiator(new Recorder(), new MemoryStoreFactory(), settings, new com.rtx.platform.fix.FixLogFactory("com.rtx.lpsim.fix", com.rtx.platform.fix.FixLogFactory.Volume.STREAM),
      new quickfix.fix44.MessageFactory());
  }

  /** Starts connecting; the sessions keep retrying every second until the simulator accepts them. */
  static FixTestClient start(int port, String... lps) throws ConfigError {
    FixTestClient client = new FixTestClient(port, lps);
    client.initiator.start();
    return client;
  }

  static SessionID sessionId(String lp) {
    return new SessionID("FIX.4.4", "RTX", lp);
  }

  /** Waits for the oldest unclaimed event of {@code lp} of that kind and claims it. */
  Event awaitEvent(String lp, String kind) throws InterruptedException {
    return awaitEvent(e -> e.lp().equals(lp) && e.kind().equals(kind), lp + " " + kind);
  }

  /** Waits for the oldest unclaimed event matching {@code match} and claims it; other events stay. */
  synchronized Event awaitEvent(Predicate<Event> match, String what) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      for (Iterator<Event> it = events.iterator(); it.hasNext(); ) {
        Event event = it.next();
        if (match.test(event)) {
          it.remove();
          return event;
        }
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no " + what + " within " + DEADLINE + "; unclaimed events: " + events);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  private synchronized void record(Event event) {
    events.add(event);
    notifyAll();
  }

  /** The next application message, in arrival order. */
  Received next() throws InterruptedException {
    Received received = messages.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    if (received == null) {
      throw new AssertionError("no market data message within " + DEADLINE);
    }
    return received;
  }

  /** Skips messages until one matches; returns it. */
  Received next(Predicate<Received> match) throws InterruptedException {
    while (true) {
      Received received = next();
      if (match.test(received)) {
        return received;
      }
    }
  }

  void subscribe(String lp, String mdReqId, String... symbols) throws SessionNotFound {
    send(lp, request(mdReqId, SubscriptionRequestType.SNAPSHOT_UPDATES, symbols));
  }

  void snapshot(String lp, String mdReqId, String... symbols) throws SessionNotFound {
    send(lp, request(mdReqId, SubscriptionRequestType.SNAPSHOT, symbols));
  }

  void unsubscribe(String lp, String mdReqId, String... symbols) throws SessionNotFound {
    send(lp, request(mdReqId, SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST, symbols));
  }

  private void send(String lp, Message message) throws SessionNotFound {
    if (!Session.sendToTarget(message, sessionId(lp))) {
      throw new AssertionError("session to " + lp + " did not send (not logged on?)");
    }
  }

  static MarketDataRequest request(String mdReqId, char type, String... symbols) {
    MarketDataRequest request = new MarketDataRequest(new MDReqID(mdReqId), new SubscriptionRequestType(type),
      new MarketDepth(1));
    for (char entryType : new char[] {MDEntryType.BID, MDEntryType.OFFER}) {
      MarketDataRequest.NoMDEntryTypes group = new MarketDataRequest.NoMDEntryTypes();
      group.set(new MDEntryType(entryType));
      request.addGroup(group);
    }
    for (String symbol : symbols) {
      MarketDataRequest.NoRelatedSym group = new MarketDataRequest.NoRelatedSym();
      group.set(new Symbol(symbol));
      request.addGroup(group);
    }
    return request;
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
      record(new Event(sessionId.getTargetCompID(), "logon", null));
    }

    @Override
    public void onLogout(SessionID sessionId) {
      record(new Event(sessionId.getTargetCompID(), "logout", null));
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {
    }

    @Override
    public void fromAdmin(Message message, SessionID sessionId) throws FieldNotFound {
      if (MsgType.LOGOUT.equals(message.getHeader().getString(MsgType.FIELD))) {
        record(new Event(sessionId.getTargetCompID(), "logout-message",
          message.isSetField(Text.FIELD) ? message.getString(Text.FIELD) : null));
      }
    }

    @Override
    public void toApp(Message message, SessionID sessionId) {
    }

    @Override
    public void fromApp(Message message, SessionID sessionId) {
      messages.add(new Received(sessionId.getTargetCompID(), message));
    }
  }
}
