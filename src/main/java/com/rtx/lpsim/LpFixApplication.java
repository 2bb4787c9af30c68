package com.rtx.lpsim;

import com.rtx.lpsim.MarketDataMessages.MdRequest;
import io.vertx.core.Context;
import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.UnsupportedMessageType;
import quickfix.field.MsgType;

import java.util.function.Predicate;

/**
 * The QuickFIX/J side of the simulator's acceptor. QuickFIX/J calls it on its own threads (the
 * "QFJ Message Processor" and MINA I/O threads), never on a Vert.x context: each callback reads
 * what it needs from the message there and hands the rest to the simulator's context with
 * {@link Context#runOnContext}, so the simulator's state has one writer. Callbacks of one session
 * arrive in order and {@code runOnContext} keeps that order.
 *
 * <p>The one decision taken on the QuickFIX/J thread is refusing a logon, because
 * {@link RejectLogon} must be thrown from {@code fromAdmin}; it reads a thread-safe flag.
 */
final class LpFixApplication implements Application {

  /** What the simulator does with session events; every method runs on the simulator's context. */
  interface Listener {
    /** {@code session} is the LP's session object, for sending. */
    void onLogon(String lp, Session session);

    void onLogout(String lp);

    void onMarketDataRequest(String lp, MdRequest request);
  }

  static final String REFUSED_TEXT = "logon refused by simulator";

  private final Context context;
  private final Listener listener;
  private final Predicate<String> refusesLogon;

  /**
   * @param refusesLogon whether an LP refuses logons right now; called on QuickFIX/J threads
   */
  LpFixApplication(Context context, Listener listener, Predicate<String> refusesLogon) {
    this.context = context;
    this.listener = listener;
    this.refusesLogon = refusesLogon;
  }

  /** The acceptor's SenderCompID is the simulated LP's name. */
  private static String lp(SessionID sessionId) {
    return sessionId.getSenderCompID();
  }

  @Override
  public void onCreate(SessionID sessionId) {
    // Sessions are fixed by configuration; nothing to set up per session.
  }

  @Override
  public void onLogon(SessionID sessionId) {
    Session session = Session.lookupSession(sessionId);
    context.runOnContext(v -> listener.onLogon(lp(sessionId), session));
  }

  @Override
  public void onLogout(SessionID sessionId) {
    context.runOnContext(v -> listener.onLogout(lp(sessionId)));
  }

  @Override
  public void toAdmin(Message message, SessionID sessionId) {
    // The acceptor adds nothing to its admin messages.
  }

  @Override
  public void fromAdmin(Message message, SessionID sessionId) throws FieldNotFound, RejectLogon {
    if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD)) && refusesLogon.test(lp(sessionId))) {
      // QuickFIX/J answers with 35=5 carrying this text, then drops the connection.
      throw new RejectLogon(REFUSED_TEXT);
    }
  }

  @Override
  public void toApp(Message message, SessionID sessionId) {
    // Outgoing messages are complete when the simulator builds them.
  }

  @Override
  public void fromApp(Message message, SessionID sessionId) throws FieldNotFound, UnsupportedMessageType {
    if (!MsgType.MARKET_DATA_REQUEST.equals(message.getHeader().getString(MsgType.FIELD))) {
      // QuickFIX/J answers with a BusinessMessageReject: this simulator only streams prices.
      throw new UnsupportedMessageType();
    }
    MdRequest request = MarketDataMessages.parseRequest(message);
    context.runOnContext(v -> listener.onMarketDataRequest(lp(sessionId), request));
  }
}
