package com.rtx.routing;

import com.rtx.platform.Platform;
import com.rtx.bus.RouterAddresses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The LP trade sessions this node holds, and the leadership that decides which: every
 * {@code router.acquire-interval-ms} the node tries the advisory lock ({@link LpLocks}) of each
 * active LP it does not hold, and starts that LP's {@link LpTradeSession} when it wins. Losing the
 * lock connection stops every session at once (another node takes them over); an LP disabled in
 * the database is stopped and its lock released. While it holds an LP the node consumes
 * {@code rtx.router.lp.<LP>}, where other router nodes pass on orders for it.
 *
 * <p>Runs on the router verticle's context; {@link #states()} may be read from any thread.
 */
final class TradeSessions {

  private static final Logger LOG = LoggerFactory.getLogger(TradeSessions.class);

  private final Vertx vertx;
  private final Context context;
  private final Platform platform;
  private final FixSessionStore store;
  private final LpTradeSession.Listener listener;
  private final BiConsumer<String, String> publish;
  private final Handler<Message<JsonObject>> orders;
  private final LpLocks locks;
  private final Map<String, LpTradeSession> held = new ConcurrentHashMap<>();
  private final Map<String, String> states = new ConcurrentHashMap<>();
  private final Map<String, MessageConsumer<JsonObject>> consumers = new ConcurrentHashMap<>();
  private boolean acquiring;
  private boolean closed;

  /**
   * @param publish called with (lp, state) on every change of a held LP's state
   * @param orders  handles orders passed on to this node for an LP it holds
   */
  TradeSessions(Vertx vertx, Context context, Platform platform, FixSessionStore store, LpTradeSession.Listener listener,
                BiConsumer<String, String> publish, Handler<Message<JsonObject>> orders) {
    this.vertx = vertx;
    this.context = context;
    this.platform = platform;
    this.store = store;
    this.listener = listener;
    this.publish = publish;
    this.orders = orders;
    this.locks = new LpLocks(vertx, platform.pgConnect(), this::locksLost);
  }

  boolean holds(String lp) {
    return held.containsKey(lp);
  }

  /** LOGGED_ON or LOGGED_OUT of each LP held here. */
  Map<String, String> states() {
    return Map.copyOf(states);
  }

  boolean lockConnected() {
    return locks.connected();
  }

  /** One leadership round: try the lock of every active LP not held here, start the sessions won. */
  void acquire(Collection<TradeLp> lps) {
    if (acquiring || closed) {
      return;
    }
    acquiring = true;
    List<TradeLp> wanted = lps.stream().filter(lp -> lp.active() && !held.containsKey(lp.name())).toList();
    Future<Void> round = wanted.isEmpty() ? Future.succeededFuture() : locks.connect();
    for (TradeLp lp : wanted) {
      round = round.compose(v -> locks.tryAcquire(lp.name())).compose(won -> won ? start(lp) : Future.succeededFuture());
    }
    round.onFailure(e -> LOG.warn("router leadership round failed: {}", e.getMessage()))
      .onComplete(v -> acquiring = false);
  }

  private Future<Void> start(TradeLp lp) {
    if (closed) {
      return Future.succeededFuture();
    }
    var credentials = lp.credentialsRef().map(platform.config().lpCredentials()::get).orElse(null);
    return vertx.executeBlocking(() -> {
      LpTradeSession session = new LpTradeSession(lp, platform.config().router(), credentials, store, listener,
        task -> context.runOnContext(v -> task.run()));
      session.start();
      return session;
    }, true).compose(session -> {
      if (closed || !locks.connected()) {
        // Stopped or lost the lock while the session was starting: it must not stay up.
        return stopBlocking(session);
      }
      held.put(lp.name(), session);
      states.put(lp.name(), "LOGGED_OUT");
      publish.accept(lp.name(), "LOGGED_OUT");
      MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(RouterAddresses.lp(lp.name()), orders);
      consumers.put(lp.name(), consumer);
      return consumer.completion()
        .onSuccess(v -> LOG.info("router node {} holds LP {}'s trade session ({})", platform.node(), lp.name(), session))
        .onFailure(e -> LOG.warn("LP {}: cannot consume {}: {}", lp.name(), RouterAddresses.lp(lp.name()),
          e.getMessage()))
        .transform(v -> Future.<Void>succeededFuture());
    }).recover(e -> {
      LOG.error("LP {}: trade session did not start, lock released: {}", lp.name(), e.getMessage());
      return locks.release(lp.name()).recover(x -> Future.succeededFuture());
    });
  }

  /** Records a logon or logout of a held session and publishes the change. */
  void changed(String lp, boolean loggedOn) {
    if (!held.containsKey(lp)) {
      return;
    }
    String state = loggedOn ? "LOGGED_ON" : "LOGGED_OUT";
    if (!state.equals(states.put(lp, state))) {
      publish.accept(lp, state);
    }
  }

  /**
   * Sends on {@code lp}'s session as an ordered blocking task.
   *
   * @return true once handed to the logged-on session; false when not held here or not logged on
   */
  Future<Boolean> send(String lp, quickfix.Message message) {
    LpTradeSession session = held.get(lp);
    if (session == null) {
      return Future.succeededFuture(false);
    }
    return vertx.executeBlocking(() -> session.send(message), true);
  }

  /** Stops the sessions of LPs that are no longer active (or no longer exist) and releases their locks. */
  void dropInactive(Map<String, TradeLp> lps) {
    for (String lp : List.copyOf(held.keySet())) {
      TradeLp row = lps.get(lp);
      if (row == null || !row.active()) {
        LOG.info("LP {} is no longer active for trading: stopping its session", lp);
        stop(lp).compose(v -> locks.release(lp));
      }
    }
  }

  void checkLocks() {
    if (!held.isEmpty()) {
      locks.check();
    }
  }

  private void locksLost() {
    for (String lp : List.copyOf(held.keySet())) {
      stop(lp);
    }
  }

  private Future<Void> stop(String lp) {
    LpTradeSession session = held.remove(lp);
    states.remove(lp);
    MessageConsumer<JsonObject> consumer = consumers.remove(lp);
    if (consumer != null) {
      consumer.unregister();
    }
    if (session == null) {
      return Future.succeededFuture();
    }
    publish.accept(lp, "LOGGED_OUT");
    return stopBlocking(session);
  }

  private Future<Void> stopBlocking(LpTradeSession session) {
    return vertx.executeBlocking(() -> {
      session.stop();
      return null;
    }, true);
  }

  /** Logs every session out, then closes the lock connection, which releases the locks. */
  Future<Void> close() {
    closed = true;
    List<Future<Void>> stops = new ArrayList<>();
    for (String lp : List.copyOf(held.keySet())) {
      stops.add(stop(lp));
    }
    // The sessions are stopped before the store's pool closes: a logout still writes its sequence number.
    return Future.join(stops).transform(v -> locks.close())
      .eventually(() -> vertx.executeBlocking(() -> {
        store.close();
        return null;
      }, false));
  }
}
