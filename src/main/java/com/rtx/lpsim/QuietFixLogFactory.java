package com.rtx.lpsim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

/**
 * QuickFIX/J logging through SLF4J at a level fit for a quote stream. {@code quickfix.SLF4JLogFactory}
 * logs every message at INFO, which at a few hundred quotes a second would bury everything else;
 * here session events (logon, logout, disconnects) go to {@code com.rtx.lpsim.fix} at INFO,
 * session errors at WARN, and raw messages to {@code com.rtx.lpsim.fix.messages} at DEBUG.
 *
 * <p>Thread-safe: QuickFIX/J calls the logs from its own threads.
 */
final class QuietFixLogFactory implements LogFactory {

  private static final Logger EVENTS = LoggerFactory.getLogger("com.rtx.lpsim.fix");
  private static final Logger MESSAGES = LoggerFactory.getLogger("com.rtx.lpsim.fix.messages");

  @Override
  public Log create(SessionID sessionId) {
    String prefix = sessionId + ": ";
    return new Log() {
      @Override
      public void clear() {
        // Nothing is stored.
      }

      @Override
      public void onIncoming(String message) {
        if (MESSAGES.isDebugEnabled()) {
          MESSAGES.debug("{}in  {}", prefix, message.replace('\u0001', '|'));
        }
      }

      @Override
      public void onOutgoing(String message) {
        if (MESSAGES.isDebugEnabled()) {
          MESSAGES.debug("{}out {}", prefix, message.replace('\u0001', '|'));
        }
      }

      @Override
      public void onEvent(String text) {
        EVENTS.info("{}{}", prefix, text);
      }

      @Override
      public void onErrorEvent(String text) {
        EVENTS.warn("{}{}", prefix, text);
      }
    };
  }
}
