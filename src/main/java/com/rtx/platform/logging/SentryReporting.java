package com.rtx.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import com.rtx.platform.config.SentryConfig;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.protocol.Message;
import org.slf4j.LoggerFactory;

/**
 * Error reporting to Sentry ({@code sentry.dsn}; off when absent): every ERROR log line becomes a
 * Sentry event with its logger, message, exception, request id (from the MDC) and the engine's
 * release and node. Hooked in as a logback appender so that no call site has to know about it.
 */
public final class SentryReporting {

  private static final String APPENDER = "rtx-sentry";

  private SentryReporting() {
  }

  /** Starts reporting when a DSN is configured; a no-op otherwise. */
  public static void start(SentryConfig config, String release, String node) {
    if (config.dsn().isEmpty()) {
      return;
    }
    Sentry.init(options -> {
      options.setDsn(config.dsn().get());
      options.setEnvironment(config.environment());
      options.setRelease(release);
      options.setServerName(node);
      // Nothing but the events we send: no default integrations that read the process or network.
      options.setEnableUncaughtExceptionHandler(false);
      options.setSendDefaultPii(false);
    });
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(APPENDER) == null) {
      ErrorAppender appender = new ErrorAppender();
      appender.setName(APPENDER);
      appender.setContext(root.getLoggerContext());
      appender.start();
      root.addAppender(appender);
    }
  }

  /** Flushes what is queued and stops reporting. */
  public static void stop() {
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(APPENDER) != null) {
      root.detachAppender(APPENDER);
      Sentry.flush(2000);
      Sentry.close();
    }
  }

  private static final class ErrorAppender extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      if (!event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getLoggerName().startsWith("io.sentry")) {
        return;
      }
      SentryEvent sentry = event.getThrowableProxy() instanceof ThrowableProxy proxy
        ? new SentryEvent(proxy.getThrowable()) : new SentryEvent();
      Message message = new Message();
      message.setFormatted(event.getFormattedMessage());
      sentry.setMessage(message);
      sentry.setLevel(SentryLevel.ERROR);
      sentry.setLogger(event.getLoggerName());
      String requestId = event.getMDCPropertyMap().get(RequestIds.MDC_KEY);
      if (requestId != null) {
        sentry.setTag("request_id", requestId);
      }
      sentry.setTag("thread", event.getThreadName());
      Sentry.captureEvent(sentry);
    }
  }
}
