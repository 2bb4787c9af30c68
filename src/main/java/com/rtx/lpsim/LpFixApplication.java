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
import quickfix.IncorrectTagValue;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrigSendingTime;
import quickfix.field.PossDupFlag;
import quickfix.field.SendingTime;

import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The QuickFIX/J side of the simulator's acceptor. QuickFIX/J calls it on its own threads (the
 * "QFJ Message Processor" and MINA I/O threads), never on a Vert.x context: each callback reads
 * what it needs from the message there and hands the rest to the simulator's context with
 * {@link Context#runOnContext}, so the simulator's state has one writer. Callbacks of one session
 * arrive in order and {@code runOnContext} keeps that order.
 *
 * <p>The decisions taken on the QuickFIX/J thread are refusing a logon, because
 * {@link RejectLogon} must be thrown from {@code fromAdmin}, and refusing an order or a status
 * request at session level ({@link OrderFault#SESSION_REJECT}, {@link OrderFault#QUOTED_ONLY},
 * {@link OrderFault#BUSINESS_REJECT}, {@link OrderFault#REFUSE_STATUS}), because QuickFIX/J builds
 * the Reject or BusinessMessageReject from what {@code fromApp} throws; both read thread-safe state.
 */
final class LpFixApplication implements Application {

  /** What the simulator does with session events; every method runs on the simulator's context. */
  interface Listener {
    /** {@code session} is the LP's session object, for sending. */
    void onLogon(String lp, Session session);

    void onLogout(String lp);

    void onMarketDataRequest(String lp, MdRequest request);

    /** The LP's trade session (TargetSubID {@value AcceptorSettings#TRADE_SUB_ID}) logged on. */
    void onTradeLogon(String lp, Session session);

    void onTradeLogout(String lp);

    void onTradeRequest(String lp, TradeRequest request);
  }

  /**
   * The message being sent right now on this thread that must go out as a possible duplicate.
   * {@code Session.send} strips PossDupFlag and calls {@link #toApp} on the sending thread, so the
   * flag is put back there.
   */
  static final ThreadLocal<Message> POSS_DUP = new ThreadLocal<>();

  static final String REFUSED_TEXT = "logon refused by simulator";

  private final Context context;
  private final Listener listener;
  private final Predicate<String> refusesLogon;
  private final BiPredicate<String, OrderFault> faultOn;
  private final OrderTimes orderTimes;

  /**
   * @param refusesLogon whether an LP refuses logons right now; called on QuickFIX/J threads
   * @param faultOn      whether an LP's order fault is on right now; called on QuickFIX/J threads
   */
  LpFixApplication(Context context, Listener listener, Predicate<String> refusesLogon,
                   BiPredicate<String, OrderFault> faultOn, OrderTimes orderTimes) {
    this.faultOn = faultOn;
    this.orderTimes = orderTimes;
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
    if (AcceptorSettings.isTrade(sessionId)) {
      context.runOnContext(v -> listener.onTradeLogon(lp(sessionId), session));
    } else {
      context.runOnContext(v -> listener.onLogon(lp(sessionId), session));
    }
  }

  @Override
  public void onLogout(SessionID sessionId) {
    if (AcceptorSettings.isTrade(sessionId)) {
      context.runOnContext(v -> listener.onTradeLogout(lp(sessionId)));
    } else {
      context.runOnContext(v -> listener.onLogout(lp(sessionId)));
    }
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
    if (POSS_DUP.get() == message) {
      try {
        message.getHeader().setBoolean(PossDupFlag.FIELD, true);
        message.getHeader().setString(OrigSendingTime.FIELD, message.getHeader().getString(SendingTime.FIELD));
      } catch (FieldNotFound e) {
        throw new IllegalStateException("QuickFIX/J sets SendingTime before toApp", e);
      }
    }
  }

  @Override
  public void fromApp(Message message, SessionID sessionId)
    throws FieldNotFound, UnsupportedMessageType, IncorrectTagValue {
    if (AcceptorSettings.isTrade(sessionId)) {
      refuseAtSessionLevel(lp(sessionId), message);
      long received = System.nanoTime();
      TradeRequest request = TradeMessages.parse(message);
      if (request instanceof TradeRequest.NewOrder) {
        orderTimes.received(request.clOrdId(), received);
      }
      context.runOnContext(v -> listener.onTradeRequest(lp(sessionId), request));
      return;
    }
    if (!MsgType.MARKET_DATA_REQUEST.equals(message.getHeader().getString(MsgType.FIELD))) {
      // QuickFIX/J answers with a BusinessMessageReject: market-data sessions only stream prices.
      throw new UnsupportedMessageType();
    }
    MdRequest request = MarketDataMessages.parseRequest(message);
    context.runOnContext(v -> listener.onMarketDataRequest(lp(sessionId), request));
  }

  /** Throws what makes QuickFIX/J answer with a Reject (35=3) or a BusinessMessageReject (35=j). */
  private void refuseAtSessionLevel(String lp, Message message)
    throws IncorrectTagValue, UnsupportedMessageType, FieldNotFound {
    String msgType = message.getHeader().getString(MsgType.FIELD);
    if (MsgType.ORDER_SINGLE.equals(msgType) && (faultOn.test(lp, OrderFault.SESSION_REJECT)
      || (faultOn.test(lp, OrderFault.QUOTED_ONLY) && message.getChar(OrdType.FIELD) != OrdType.PREVIOUSLY_QUOTED))) {
      throw new IncorrectTagValue(OrdType.FIELD);
    }
    if ((MsgType.ORDER_SINGLE.equals(msgType) && faultOn.test(lp, OrderFault.BUSINESS_REJECT))
      || (MsgType.ORDER_STATUS_REQUEST.equals(msgType) && faultOn.test(lp, OrderFault.REFUSE_STATUS))
      || (MsgType.REQUEST_FOR_POSITIONS.equals(msgType) && faultOn.test(lp, OrderFault.REFUSE_POSITIONS))) {
      throw new UnsupportedMessageType();
    }
  }
}
