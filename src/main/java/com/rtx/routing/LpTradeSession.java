package com.rtx.routing;

import com.rtx.platform.fix.FixLogFactory;
import com.rtx.platform.config.LpCredentials;
import com.rtx.platform.config.RouterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DoNotSend;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;
import quickfix.field.Password;
import quickfix.field.PossDupFlag;
import quickfix.field.ResetSeqNumFlag;
import quickfix.field.Text;
import quickfix.field.Username;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One QuickFIX/J initiator holding the FIX 4.4 trade session to one LP, created when this node
 * takes the LP's lock and stopped when it gives it up.
 *
 * <p><b>Sequence numbers.</b> Messages and sequence numbers are kept in PostgreSQL
 * ({@link FixSessionStore}), so after a reconnect, a restart or a move of the LP's leadership to
 * another node the LP resends what it sent while we were away (with PossDupFlag=Y), and we answer
 * its resend requests. Only a fresh store (nothing ever sent or received: the first session with
 * this LP) logs on with ResetSeqNumFlag=Y, since it has nothing to resend and nothing to expect.
 * Order messages are never resent: a NewOrderSingle or cancel seconds or hours old would trade at
 * a price nobody meant; they go as a gap fill and the dealing shard learns the truth with a status
 * request. A message is only handed to the session when it is logged on, so nothing queues up.
 *
 * <p><b>Threading.</b> QuickFIX/J calls back on its own threads; this class reads what it needs
 * there and hands every event to {@code handoff}, which runs it on the router verticle's context.
 * {@link #start}, {@link #stop} and {@link #send} block (socket, JDBC store): call them off the event loop.
 */
final class LpTradeSession implements Application {

  private static final Logger LOG = LoggerFactory.getLogger(LpTradeSession.class);
  static final String QUALIFIER = "trade";

  /** Events of the session, delivered through the handoff (on the verticle's context). */
  interface Listener {
    void onLogon(String lp);

    void onLogout(String lp);

    void onReport(ExecutionReports.Report report);

    void onCancelReject(String lp, String clOrdId, String text);

    /** The LP refused one of our order messages with a Reject (35=3) or BusinessMessageReject (35=j). */
    void onRefused(LpRefusals.Refusal refusal);

    /** A RequestForPositionsAck (35=AO) or PositionReport (35=AP). */
    void onPositions(PositionMessages.Answer answer);
  }

  private final TradeLp lp;
  private final LpCredentials credentials;
  private final Listener listener;
  private final Consumer<Runnable> handoff;
  private final SessionID sessionId;
  private final SocketInitiator initiator;
  private final SentMessages sent = new SentMessages();

  LpTradeSession(TradeLp lp, RouterConfig settings, LpCredentials credentials, FixSessionStore store,
                 Listener listener, Consumer<Runnable> handoff) throws ConfigError {
    this.lp = lp;
    this.credentials = credentials;
    this.listener = listener;
    this.handoff = handoff;
    this.sessionId = new SessionID("FIX.4.4", lp.senderCompId(), lp.senderSubId().orElse(""), "",
      lp.targetCompId(), "", "", QUALIFIER);
    SessionSettings config = new SessionSettings();
    config.setString("ConnectionType", "initiator");
    config.setString("BeginString", "FIX.4.4");
    config.setString("StartTime", "00:00:00");
    config.setString("EndTime", "00:00:00");
    config.setBool("NonStopSession", true);
    config.setBool("UseDataDictionary", true);
    config.setString("DataDictionary", "FIX44.xml");
    config.setBool("ResetOnLogon", false);
    config.setBool("ResetOnLogout", false);
    config.setBool("ResetOnDisconnect", false);
    config.setString("ReconnectInterval", settings.reconnectS().stream().map(String::valueOf)
      .collect(Collectors.joining(";")));
    config.setString(sessionId, "SocketConnectHost", lp.host());
    config.setLong(sessionId, "SocketConnectPort", lp.port());
    config.setLong(sessionId, "HeartBtInt", lp.heartbeatS().orElse(settings.fixHeartbeatS()));
    lp.senderSubId().ifPresent(sub -> config.setString(sessionId, "SenderSubID", sub));
    this.initiator = new SocketInitiator(this, store.factory(config), config,
      new FixLogFactory("com.rtx.routing.fix", FixLogFactory.Volume.ORDERS),
      new quickfix.fix44.MessageFactory());
  }

  String name() {
    return lp.name();
  }

  TradeLp lp() {
    return lp;
  }

  void start() throws ConfigError {
    initiator.start();
  }

  /** Logs out (waiting up to the logout timeout) and closes the connection. */
  void stop() {
    initiator.stop(false);
  }

  boolean loggedOn() {
    Session session = session();
    return session != null && session.isLoggedOn();
  }

  /**
   * Hands {@code message} to the session when it is logged on.
   *
   * @return false when the session is not logged on (nothing was sent or stored)
   */
  boolean send(Message message) {
    Session session = session();
    return session != null && session.isLoggedOn() && session.send(message);
  }

  private Session session() {
    return initiator.getManagedSessions().stream().findFirst().orElse(null);
  }

  @Override
  public void onCreate(SessionID id) {
    // The store is opened by QuickFIX/J itself.
  }

  @Override
  public void onLogon(SessionID id) {
    handoff.accept(() -> listener.onLogon(lp.name()));
  }

  @Override
  public void onLogout(SessionID id) {
    handoff.accept(() -> listener.onLogout(lp.name()));
  }

  @Override
  public void toAdmin(Message message, SessionID id) {
    if (!isType(message, MsgType.LOGON)) {
      return;
    }
    if (credentials != null) {
      message.setString(Username.FIELD, credentials.username());
      if (credentials.password() != null) {
        message.setString(Password.FIELD, credentials.password());
      }
    }
    // The managed session, not Session.lookupSession: QuickFIX/J's registry is one per JVM.
    Session session = session();
    try {
      if (session != null && session.getStore().getNextSenderMsgSeqNum() == 1
        && session.getStore().getNextTargetMsgSeqNum() == 1) {
        // A fresh store: start both sides at 1 rather than inherit a sequence we know nothing of.
        message.setBoolean(ResetSeqNumFlag.FIELD, true);
      }
    } catch (IOException e) {
      LOG.warn("LP {} trade session: cannot read its store ({}); logging on without a reset", lp.name(), e.toString());
    }
  }

  @Override
  public void fromAdmin(Message message, SessionID id) throws FieldNotFound {
    if (isType(message, MsgType.LOGOUT) && message.isSetField(Text.FIELD)) {
      LOG.warn("LP {} trade session logged out: {}", lp.name(), message.getString(Text.FIELD));
    } else if (isType(message, MsgType.REJECT)) {
      refused(message);
    }
  }

  /** A Reject or BusinessMessageReject: handed on when it names an order message we sent, else logged. */
  private void refused(Message message) throws FieldNotFound {
    LpRefusals.read(lp.name(), message, sent).ifPresentOrElse(r -> handoff.accept(() -> listener.onRefused(r)),
      () -> LOG.warn("LP {} sent a reject naming no order message of ours: {}", lp.name(),
        LpRefusals.printable(message.toString().replace('\u0001', '|'))));
  }

  @Override
  public void toApp(Message message, SessionID id) throws DoNotSend {
    try {
      if (message.getHeader().isSetField(PossDupFlag.FIELD) && message.getHeader().getBoolean(PossDupFlag.FIELD)
        && (isType(message, MsgType.ORDER_SINGLE) || isType(message, MsgType.ORDER_CANCEL_REQUEST))) {
        LOG.warn("LP {} asked for a resend: order message {} goes as a gap fill, not again", lp.name(),
          message.getHeader().getInt(quickfix.field.MsgSeqNum.FIELD));
        throw new DoNotSend();
      }
      if ((isType(message, MsgType.ORDER_SINGLE) || isType(message, MsgType.ORDER_CANCEL_REQUEST)
        || isType(message, MsgType.ORDER_STATUS_REQUEST)) && message.isSetField(quickfix.field.ClOrdID.FIELD)) {
        // QuickFIX/J has set MsgSeqNum by now: the number an LP's Reject will refer to.
        sent.sent(message.getHeader().getInt(quickfix.field.MsgSeqNum.FIELD), message.getHeader().getString(MsgType.FIELD),
          message.getString(quickfix.field.ClOrdID.FIELD));
      } else if (isType(message, MsgType.REQUEST_FOR_POSITIONS)) {
        // Kept by its PosReqID in the ClOrdID slot: a refusal of it reaches reconciliation by that id.
        sent.sent(message.getHeader().getInt(quickfix.field.MsgSeqNum.FIELD), MsgType.REQUEST_FOR_POSITIONS,
          message.getString(quickfix.field.PosReqID.FIELD));
      }
    } catch (FieldNotFound e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void fromApp(Message message, SessionID id) throws FieldNotFound {
    String type = message.getHeader().getString(MsgType.FIELD);
    if (MsgType.EXECUTION_REPORT.equals(type)) {
      ExecutionReports.Report report = ExecutionReports.read(lp.name(), message);
      handoff.accept(() -> listener.onReport(report));
    } else if (MsgType.ORDER_CANCEL_REJECT.equals(type)) {
      String clOrdId = message.getString(quickfix.field.ClOrdID.FIELD);
      String text = message.isSetField(Text.FIELD) ? message.getString(Text.FIELD) : null;
      handoff.accept(() -> listener.onCancelReject(lp.name(), clOrdId, text));
    } else if (MsgType.BUSINESS_MESSAGE_REJECT.equals(type)) {
      refused(message);
    } else if (MsgType.REQUEST_FOR_POSITIONS_ACK.equals(type)) {
      PositionMessages.Answer ack = PositionMessages.ack(lp.name(), message);
      handoff.accept(() -> listener.onPositions(ack));
    } else if (MsgType.POSITION_REPORT.equals(type)) {
      PositionMessages.Answer report = PositionMessages.report(lp.name(), message);
      handoff.accept(() -> listener.onPositions(report));
    } else {
      LOG.warn("LP {} sent {} on its trade session; ignored", lp.name(), type);
    }
  }

  private static boolean isType(Message message, String type) {
    try {
      return type.equals(message.getHeader().getString(MsgType.FIELD));
    } catch (FieldNotFound e) {
      return false;
    }
  }

  /** For logs: the LP's address and CompIDs. */
  @Override
  public String toString() {
    return lp.name() + "@" + lp.host() + ":" + lp.port() + " " + sessionId;
  }
}
