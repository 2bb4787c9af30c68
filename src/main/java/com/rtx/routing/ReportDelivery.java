package com.rtx.routing;

import com.rtx.bus.DealingAddresses;
import com.rtx.bus.DealingCodecs;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.DealingRequests;
import com.rtx.bus.InvalidRequest;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Delivers execution reports to the dealing shards and never drops one: each is a request to
 * {@code rtx.dealing.shard.<n>}; no reply, no handlers (a shard being taken over) or a failure
 * send it again after a back-off (100 ms doubling to {@code router.report-retry-max-ms}). Reports
 * of one account go one at a time in arrival order, so a shard sees an order's reports in the
 * order the LP sent them; accounts do not wait for each other.
 *
 * <p>Not thread-safe: runs on the router verticle's context. What is queued lives in memory only.
 */
final class ReportDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(ReportDelivery.class);
  private static final long FIRST_RETRY_MS = 100;

  private final Vertx vertx;
  private final int shards;
  private final DeliveryOptions options;
  private final long maxRetryMs;
  private final Map<Long, Deque<DealingRequest.LpExecution>> queues = new HashMap<>();
  private int pending;
  private long delivered;
  private long retries;
  private boolean closed;

  ReportDelivery(Vertx vertx, int shards, long timeoutMs, long maxRetryMs) {
    DealingCodecs.register(vertx.eventBus());
    this.vertx = vertx;
    this.shards = shards;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
    this.maxRetryMs = maxRetryMs;
  }

  /** Queues {@code report} (an {@code execution} request) for its account's shard. */
  void deliver(JsonObject report) {
    // Read here, once: the shard gets the typed report (DealingRequests documents the JSON form).
    DealingRequest.LpExecution typed;
    try {
      typed = (DealingRequest.LpExecution) DealingRequests.fromJson(report);
    } catch (InvalidRequest e) {
      // An LP report no shard could book (e.g. a price of 300 digits): kept in the log for the desk; the shard's
      // status request for the order asks the LP again.
      LOG.error("execution report {} of order {} cannot be delivered: {} ({})", report.getValue("execId"),
        report.getValue("orderId"), e.getMessage(), report.encode());
      return;
    }
    long accountId = typed.accountId();
    Deque<DealingRequest.LpExecution> queue = queues.computeIfAbsent(accountId, id -> new ArrayDeque<>());
    queue.add(typed);
    pending++;
    if (queue.size() == 1) {
      send(accountId, 0);
    }
  }

  private void send(long accountId, int attempt) {
    if (closed) {
      return;
    }
    Deque<DealingRequest.LpExecution> queue = queues.get(accountId);
    DealingRequest.LpExecution report = queue.peek();
    String address = DealingAddresses.shard(accountId, shards);
    vertx.eventBus().request(address, report, options).onComplete(reply -> {
      if (reply.succeeded()) {
        queue.poll();
        pending--;
        delivered++;
        if (queue.isEmpty()) {
          queues.remove(accountId);
        } else {
          send(accountId, 0);
        }
        return;
      }
      retries++;
      long delay = Math.min(maxRetryMs, FIRST_RETRY_MS << Math.min(attempt, 20));
      if (attempt == 0 || attempt % 10 == 0) {
        LOG.warn("execution report {} of order {} (account {}) not acknowledged by {} (attempt {}): {}; again in {} ms",
          report.execId(), report.orderId(), accountId, address, attempt + 1,
          reply.cause().getMessage(), delay);
      }
      vertx.setTimer(delay, id -> send(accountId, attempt + 1));
    });
  }

  /** Reports not acknowledged yet. */
  int pending() {
    return pending;
  }

  long delivered() {
    return delivered;
  }

  long retries() {
    return retries;
  }

  /** Stops sending; what is still queued is logged as lost to this node. */
  void close() {
    closed = true;
    if (pending > 0) {
      LOG.warn("router stopping with {} execution report(s) not acknowledged by their shard; the shards' status "
        + "requests will recover them", pending);
    }
  }
}
