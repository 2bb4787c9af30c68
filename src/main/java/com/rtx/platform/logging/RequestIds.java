package com.rtx.platform.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The request id of the HTTP request being handled, kept in the request's (duplicated) Vert.x
 * context so it follows the request through every future and callback, on whichever thread.
 *
 * <p>Context locals must be registered before the first Vertx instance is built; the engine
 * touches this class first.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";
  private static final ContextLocal<String> LOCAL = ContextLocal.registerLocal(String.class);

  private RequestIds() {
  }

  /** Ensures the context local is registered (class initialisation). */
  public static void init() {
    // static initialiser does the work
  }

  public static void set(Context context, String requestId) {
    context.putLocal(LOCAL, requestId);
  }

  /** The id of the request the current thread works for, or null outside a request. */
  public static String current() {
    Context context = Vertx.currentContext();
    if (context == null) {
      return null;
    }
    try {
      return context.getLocal(LOCAL);
    } catch (IllegalArgumentException e) {
      // A Vertx created before this class registered its local (a test's own Vertx) has no slot for it.
      return null;
    }
  }

  /**
   * A caller-supplied id is kept when it is short and plain (it flows into logs and headers);
   * anything else is replaced by a fresh one.
   */
  public static boolean isAcceptable(String candidate) {
    return candidate != null && candidate.length() <= 128 && candidate.matches("[A-Za-z0-9._:\\-]+");
  }
}
