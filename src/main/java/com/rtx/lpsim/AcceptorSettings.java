package com.rtx.lpsim;

import com.rtx.platform.config.LpSimConfig;
import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * QuickFIX/J settings of the simulator's acceptor, built in code from {@code lpsim.*}: two FIX.4.4
 * sessions per simulated LP, all on one listening socket, both SenderCompID = LP name and
 * TargetCompID = {@value #CLIENT_COMP_ID}:
 * <ul>
 *   <li>market data, without sub-IDs: messages in memory only, sequence numbers restart at 1 on
 *       every logon, so a counterparty can reconnect at any time without recovery;</li>
 *   <li>trading, TargetSubID {@value #TRADE_SUB_ID} (the counterparty logs on with that
 *       SenderSubID): sequence numbers carry on across reconnects and restarts (file store, see
 *       {@link SimStoreFactory}), so reports sent while the counterparty was away are resent when
 *       it asks; a Logon with ResetSeqNumFlag=Y starts both sides at 1 again.</li>
 * </ul>
 * Sessions never close (NonStopSession). Incoming messages are checked against the FIX 4.4 dictionary.
 */
final class AcceptorSettings {

  /** The TargetCompID of every simulated LP session: the engine's pricing side. */
  static final String CLIENT_COMP_ID = "RTX";
  static final String BEGIN_STRING = "FIX.4.4";
  /** TargetSubID of the trade sessions (the counterparty's SenderSubID), apart from market data. */
  public static final String TRADE_SUB_ID = "TRADE";

  private AcceptorSettings() {
  }

  static SessionID sessionId(String lp) {
    return new SessionID(BEGIN_STRING, lp, CLIENT_COMP_ID);
  }

  static SessionID tradeSessionId(String lp) {
    return new SessionID(BEGIN_STRING, lp, "", "", CLIENT_COMP_ID, TRADE_SUB_ID, "", "");
  }

  static boolean isTrade(SessionID sessionId) {
    return TRADE_SUB_ID.equals(sessionId.getTargetSubID());
  }

  static SessionSettings build(LpSimConfig config) {
    SessionSettings settings = new SessionSettings();
    settings.setString("ConnectionType", "acceptor");
    settings.setString("SocketAcceptAddress", config.fix().host());
    settings.setLong("SocketAcceptPort", config.fix().port());
    settings.setBool("SocketReuseAddress", true);
    settings.setBool("NonStopSession", true);
    settings.setString("StartTime", "00:00:00");
    settings.setString("EndTime", "00:00:00");
    settings.setBool("ResetOnLogon", true);
    settings.setBool("UseDataDictionary", true);
    settings.setString("DataDictionary", "FIX44.xml");
    for (LpSimConfig.SimulatedLp lp : config.lps()) {
      SessionID id = sessionId(lp.name());
      settings.setString(id, "BeginString", BEGIN_STRING);
      settings.setString(id, "SenderCompID", lp.name());
      settings.setString(id, "TargetCompID", CLIENT_COMP_ID);
      SessionID trade = tradeSessionId(lp.name());
      settings.setString(trade, "BeginString", BEGIN_STRING);
      settings.setString(trade, "SenderCompID", lp.name());
      settings.setString(trade, "TargetCompID", CLIENT_COMP_ID);
      settings.setString(trade, "TargetSubID", TRADE_SUB_ID);
      settings.setBool(trade, "ResetOnLogon", false);
    }
    return settings;
  }
}
