package com.rtx.platform.fix;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

/**
 * QuickFIX/J logging through SLF4J that never writes a credential and never floods. Replaces
 * {@code quickfix.SLF4JLogFactory}, which logs every message, logon passwords (554) included, at
 * INFO: on a market-data session that is every tick (24 MB in 12 minutes was measured).
 *
 * <ul>
 *   <li>session events (logon, logout, disconnects) to {@code <category>} at INFO, session errors
 *       at WARN;</li>
 *   <li>raw messages to {@code <category>.messages}: at DEBUG for quote streams
 *       ({@link Volume#STREAM}), at INFO for order sessions ({@link Volume#ORDERS}: orders and
 *       execution reports are worth keeping), heartbeats (35=0) only at DEBUG;</li>
 *   <li>every line, events included, through {@link FixSecrets#mask}.</li>
 * </ul>
 *
 * <p>Thread-safe: QuickFIX/J calls the logs from its own threads.
 */
public final class FixLogFactory implements LogFactory {

  /** How much message traffic a session carries, which decides the level of its message lines. */
  public enum Volume { STREAM, ORDERS }

  private final Logger events;
  private final Logger messages;
  private final Volume volume;

  /** @param category logger name of the events, e.g. {@code com.rtx.pricing.fix} */
  public FixLogFactory(String category, Volume volume) {
    this.events = LoggerFactory.getLogger(category);
    this.messages = LoggerFactory.getLogger(category + ".messages");
    this.volume = volume;
  }

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
        message("in  ", message);
      }

      @Override
      public void onOutgoing(String message) {
        message("out ", message);
      }

      private void message(String direction, String message) {
        boolean info = volume == Volume.ORDERS && !message.contains("\u000135=0\u0001");
        if (info ? messages.isInfoEnabled() : messages.isDebugEnabled()) {
          String line = prefix + direction + FixSecrets.mask(message).replace('\u0001', '|');
          if (info) {
            messages.info(line);
          } else {
            messages.debug(line);
          }
        }
      }

      @Override
      public void onEvent(String text) {
        events.info("{}{}", prefix, FixSecrets.mask(text));
      }

      @Override
      public void onErrorEvent(String text) {
        events.warn("{}{}", prefix, FixSecrets.mask(text));
      }
    };
  }
}
