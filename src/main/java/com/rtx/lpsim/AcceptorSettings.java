package com.rtx.lpsim;

import com.rtx.platform.config.RtxConfig;
import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * QuickFIX/J settings of the simulator's acceptor, built in code from {@code lpsim.*}: one
 * FIX.4.4 session per simulated LP (SenderCompID = LP name, TargetCompID = {@value #CLIENT_COMP_ID}),
 * all on one listening socket. Sessions never close (NonStopSession), keep their messages in memory
 * only and restart at sequence number 1 on every logon, so a counterparty can reconnect at any time
 * without sequence-number recovery. Incoming messages are checked against the FIX 4.4 dictionary.
 */
final class AcceptorSettings {

  /** The TargetCompID of every simulated LP session: the engine's pricing side. */
  static final String CLIENT_COMP_ID = "RTX";
  static final String BEGIN_STRING = "FIX.4.4";

  private AcceptorSettings() {
  }

  static SessionID sessionId(String lp) {
    return new SessionID(BEGIN_STRING, lp, CLIENT_COMP_ID);
  }

  static SessionSettings build(RtxConfig.LpSim config) {
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
    for (RtxConfig.SimulatedLp lp : config.lps()) {
      SessionID id = sessionId(lp.name());
      settings.setString(id, "BeginString", BEGIN_STRING);
      settings.setString(id, "SenderCompID", lp.name());
      settings.setString(id, "TargetCompID", CLIENT_COMP_ID);
    }
    return settings;
  }
}
