package com.rtx.dealing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dealing store in memory for tests of the sequencer: keeps the idempotency records as
 * order_request's primary key would, refuses a batch holding a poisoned client order id as a
 * CHECK constraint would, and can hold commits open ({@link #hold}) to show what queues meanwhile.
 */
final class InMemoryDealingStore implements DealingStore {

  /** Batches committed, in order. */
  final List<ShardWrites> committed = new ArrayList<>();
  /** Stored results by {@link DealingStore#requestKey}. */
  final Map<String, JsonObject> requests = new HashMap<>();
  /** Client order ids whose rows the "database" refuses. */
  final Set<String> poisoned = new HashSet<>();
  /** Commits waiting for {@link #release}, while {@link #hold} is set. */
  final List<Runnable> held = new ArrayList<>();
  int findRequestsCalls;
  boolean hold;
  private long batchIds;

  @Override
  public Future<Map<Long, StoredAccount>> loadAccounts(Collection<Long> ids) {
    return Future.succeededFuture(Map.of());
  }

  @Override
  public Future<Map<String, JsonObject>> findRequests(List<Long> accountIds, List<String> clientOrderIds) {
    if (accountIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    findRequestsCalls++;
    Map<String, JsonObject> found = new HashMap<>();
    for (int i = 0; i < accountIds.size(); i++) {
      String key = DealingStore.requestKey(accountIds.get(i), clientOrderIds.get(i));
      if (requests.containsKey(key)) {
        found.put(key, requests.get(key));
      }
    }
    return Future.succeededFuture(found);
  }

  @Override
  public Future<java.util.Set<String>> recentRequestKeys(Instant since, int limit) {
    return Future.succeededFuture(Set.copyOf(requests.keySet()));
  }

  @Override
  public Future<Long> write(ShardWrites w, int commands) {
    Promise<Long> done = Promise.promise();
    Runnable commit = () -> {
      for (Tuple row : w.requests()) {
        String key = DealingStore.requestKey(row.getLong(0), row.getString(1));
        if (poisoned.contains(row.getString(1))) {
          done.fail(new PgException("poisoned", "ERROR", "23514", null));
          return;
        }
        if (requests.containsKey(key)) {
          done.fail(new PgException("duplicate key value violates unique constraint \"order_request_pkey\"", "ERROR",
            "23505", null, null, null, null, null, null, null, null, null, "public", "order_request", null, null,
            "order_request_pkey"));
          return;
        }
      }
      w.requests().forEach(row -> requests.put(DealingStore.requestKey(row.getLong(0), row.getString(1)),
        (JsonObject) row.getValue(2)));
      committed.add(w);
      done.complete(++batchIds);
    };
    if (hold) {
      held.add(commit);
    } else {
      commit.run();
    }
    return done.future();
  }

  /** Lets the held commits go, in order. */
  void release() {
    hold = false;
    List<Runnable> waiting = new ArrayList<>(held);
    held.clear();
    waiting.forEach(Runnable::run);
  }

  @Override
  public Future<Boolean> batchCommitted(long batchId) {
    return Future.succeededFuture(batchId <= batchIds);
  }

  @Override
  public Future<Void> noteLpOrder(long orderId, String note) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stampReplies(java.util.List<io.vertx.sqlclient.Tuple> replied) {
    return Future.succeededFuture();
  }
}
