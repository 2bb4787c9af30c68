package com.rtx.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Copies the current request id from the Vert.x context into the MDC just before each log event
 * is created, so every line logged while handling a request carries it — in both the text and the
 * JSON format — without handlers passing it around. Outside a request the key is removed, so an id
 * never leaks onto unrelated lines of the same event-loop thread.
 */
public final class RequestIdMdcFilter extends TurboFilter {

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                            Throwable t) {
    if (level != null && !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL; // no event will be created: skip the context look-up
    }
    String requestId = RequestIds.current();
    if (requestId != null) {
      MDC.put(RequestIds.MDC_KEY, requestId);
    } else if (MDC.get(RequestIds.MDC_KEY) != null) {
      MDC.remove(RequestIds.MDC_KEY);
    }
    return FilterReply.NEUTRAL;
  }
}
