package com.rtx.routing;

import com.rtx.bus.DealingCodecs;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.DealingRequests;
import com.rtx.bus.DealingAddresses;
import com.rtx.bus.DealingCodecs;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.DealingRequests;
import com.rtx.bus.RouterAddresses;
import com.rtx.bus.DealingCodecs;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.DealingRequests;
import com.rtx.support.Eventually;
import com.rtx.bus.DealingCodecs;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.DealingRequests;
import io.vertx.core.Vertx;
import com.rtx.bus.DealingCodecs;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.DealingRequests;
import io.vertx.core.json.JsonObject;

import com.rtx.bus.DealingCodecs;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.DealingRequests;
import java.time.Duration;
import com.rtx.bus.DealingCodecs;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.DealingRequests;
import java.util.ArrayList;
import com.rtx.bus.DealingCodecs;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.DealingRequests;
import java.util.List;
import com.rtx.bus.DealingCodecs;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.DealingRequests;
import java.util.concurrent.CopyOnWriteArrayList;
import com.rtx.bus.DealingCodecs;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.DealingRequests;
import java.util.function.Predicate;

/**
 * Stands in for the dealing shards on one engine's event bus: a consumer on every
 * {@code rtx.dealing.shard.<n>} that records each request with its address and replies
 * {@code {"ok":true}}; also records {@code rtx.router.lp-status}.
 */
final class ShardRecorder {

  static final Duration DEADLINE = Duration.ofSeconds(60);

  /** A request received by a shard address. */
  record Received(String address, JsonObject body) {
  }

  final List<Received> executions = new CopyOnWriteArrayList<>();
  final List<JsonObject> lpStatus = new CopyOnWriteArrayList<>();

  ShardRecorder(Vertx vertx, int shards) {
    for (int shard = 0; shard < shards; shard++) {
      String address = DealingAddresses.SHARD_PREFIX + shard;
      DealingCodecs.register(vertx.eventBus());
      vertx.eventBus().<Object>consumer(address, m -> {
        // The router sends typed reports; recorded in their JSON form (DealingRequests documents it).
        executions.add(new Received(address, m.body() instanceof DealingRequest r ? DealingRequests.toJson(r)
          : (JsonObject) m.body()));
        m.reply(DealingReply.ok());
      });
    }
    vertx.eventBus().<JsonObject>consumer(RouterAddresses.LP_STATUS, m -> lpStatus.add(m.body()));
  }

  /** The reports of {@code clOrdId} received so far, in arrival order. */
  List<Received> reportsOf(String clOrdId) {
    List<Received> found = new ArrayList<>();
    for (Received r : executions) {
      if (clOrdId.equals(r.body().getString("clOrdId"))) {
        found.add(r);
      }
    }
    return found;
  }

  /** Waits until {@code clOrdId} has at least {@code count} reports; returns them. */
  List<Received> awaitReports(String clOrdId, int count) {
    Eventually.await(count + " report(s) of " + clOrdId, DEADLINE, () -> reportsOf(clOrdId).size() >= count);
    return reportsOf(clOrdId);
  }

  /** How many statuses have been recorded: a mark for {@link #awaitStatus}. */
  int mark() {
    return lpStatus.size();
  }

  /** Waits for a status of {@code lp} recorded from {@code from} on that matches. */
  JsonObject awaitStatus(String lp, Predicate<JsonObject> match, int from) {
    JsonObject[] found = new JsonObject[1];
    Eventually.await("lp-status of " + lp, DEADLINE, () -> {
      for (int i = from; i < lpStatus.size(); i++) {
        JsonObject status = lpStatus.get(i);
        if (lp.equals(status.getString("lp")) && match.test(status)) {
          found[0] = status;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }
}
