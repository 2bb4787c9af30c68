package com.rtx.dealing;

import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.AdminAddresses;
import com.rtx.core.trading.RejectReason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The global kill switch as dealing sees it: while engaged, every {@code placeOrder} is rejected
 * (422 {@link RejectReason#TRADING_HALTED}) before it reaches an account; closing, cancelling and money still
 * work, so clients can reduce risk. The admin role owns the state (table {@code trading_control})
 * and publishes changes on {@link AdminAddresses#KILL_SWITCH}; {@link #watch} reads the table at
 * start and follows the address. The flag lives in the Vert.x instance's local shared data, so the
 * shards of this node read it without any wiring of their own.
 */
final class KillSwitch {

  private static final Logger LOG = LoggerFactory.getLogger(KillSwitch.class);
  private static final String MAP = "rtx.dealing.kill-switch";

  private KillSwitch() {
  }

  /** Follows the switch; the consumer is the caller's to unregister. */
  static Future<MessageConsumer<JsonObject>> watch(Vertx vertx, Pool pool) {
    AtomicBoolean heard = new AtomicBoolean();
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(AdminAddresses.KILL_SWITCH, m -> {
      heard.set(true);
      set(vertx, m.body());
    });
    return consumer.completion()
      .compose(v -> pool.query("SELECT engaged, reason FROM trading_control WHERE name = 'kill-switch'").execute())
      .map(rows -> {
        // A change heard while reading is newer than what was read.
        if (!heard.get() && rows.size() > 0) {
          var row = rows.iterator().next();
          set(vertx, new JsonObject().put("engaged", row.getBoolean("engaged")).put("reason", row.getString("reason")));
        }
        return consumer;
      });
  }

  /** The rejection for a new order while the switch is engaged, or null when orders may pass. */
  static DealingReply rejection(Vertx vertx, DealingRequest request) {
    if (!(request instanceof DealingRequest.PlaceOrder)) {
      return null;
    }
    JsonObject state = (JsonObject) vertx.sharedData().getLocalMap(MAP).get("state");
    if (state == null || !state.getBoolean("engaged", false)) {
      return null;
    }
    // The desk's reason for halting is the detail, as a rejection's detail is for any other reason.
    return DealingReply.rejected(RejectReason.TRADING_HALTED, state.getString("reason"))
      .withClientOrderId(request.clientOrderId());
  }

  private static void set(Vertx vertx, JsonObject state) {
    JsonObject copy = new JsonObject().put("engaged", state.getBoolean("engaged", false))
      .put("reason", state.getString("reason"));
    vertx.sharedData().getLocalMap(MAP).put("state", copy);
    LOG.warn("kill switch {}{}", copy.getBoolean("engaged") ? "ENGAGED" : "lifted",
      copy.getString("reason") == null ? "" : " (" + copy.getString("reason") + ")");
  }
}
