package com.rtx.dealing;

import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingRequests;
import com.rtx.core.account.AccountMode;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.swap.RolloverSchedule;
import com.rtx.core.testkit.Desk;
import com.rtx.core.testkit.Fixtures;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shard's sequencer against an in-memory store: group commit, a data error retried in halves
 * until the bad command stands alone, and a repeat the window of recent ids missed answered from
 * the stored result — all on the shard's own event loop, as in the engine.
 */
class DealingShardTest {

  private static final long ACCOUNT = 1001;

  private Vertx vertx;
  private Context context;
  private InMemoryDealingStore store;
  private DealingShard shard;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    store = new InMemoryDealingStore();
    Clock clock = Clock.fixed(Desk.T0, ZoneOffset.UTC);
    DealingQuotes quotes = InMemoryMarket.eurusd(Desk.T0, 5_000);
    DealingRefData data = InMemoryMarket.refData();
    ShardServices services = new ShardServices(vertx, () -> data, quotes, RolloverSchedule.newYork(Set.of()), clock,
      new LpBoard(clock), new ProcessingFaults(new SimpleMeterRegistry(), clock), 256, 5_000);
    AccountState account = new AccountState(Fixtures.profile(AccountMode.HEDGING), 100_000_000, 0, Map.of(), Map.of(),
      false, 1, Map.of());
    CompletableFuture<DealingShard> created = new CompletableFuture<>();
    context.runOnContext(v -> created.complete(new DealingShard(0, services, store, new ShardIds(0, 0, 0, 0, 0),
      Map.of(ACCOUNT, new DealingStore.StoredAccount(account, null, Map.of())),
      new RecentRequests(RecentRequests.CAPACITY, Set.of()), () -> { })));
    shard = created.get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private CompletableFuture<JsonObject> send(String clientOrderId) {
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    JsonObject request = DealingFixture.market(ACCOUNT, "EURUSD", "BUY", "0.01", clientOrderId);
    context.runOnContext(v -> shard.request(DealingRequests.fromJson(request)).onComplete(ar -> {
      if (ar.succeeded()) {
        reply.complete(ar.result().toJson());
      } else if (ar.cause() instanceof DealingFailure f) {
        reply.complete(new JsonObject().put("failure", f.toJson()));
      } else {
        reply.completeExceptionally(ar.cause());
      }
    }));
    return reply;
  }

  /** Runs {@code action} on the shard's context and waits for it, so what it queued is queued. */
  private void onShard(Runnable action) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      action.run();
      done.complete(null);
    });
    done.get(10, TimeUnit.SECONDS);
  }

  private static JsonObject await(CompletableFuture<JsonObject> reply) throws Exception {
    return reply.get(10, TimeUnit.SECONDS);
  }

  @Test
  void commandsArrivingDuringACommitShareTheNextTransaction() throws Exception {
    store.hold = true;
    CompletableFuture<JsonObject> first = send("first");
    List<CompletableFuture<JsonObject>> next = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      next.add(send("next-" + i));
    }
    onShard(() -> assertThat(store.held).hasSize(1));

    onShard(store::release);

    assertThat(await(first).getString("status")).isEqualTo("FILLED");
    for (CompletableFuture<JsonObject> f : next) {
      assertThat(await(f).getString("status")).isEqualTo("FILLED");
    }
    assertThat(store.committed).hasSize(2);
    assertThat(store.committed.get(1).requests()).hasSize(5);
    assertThat(store.findRequestsCalls).as("no read of earlier results without a repeat").isZero();
  }

  @Test
  void aDataErrorOfOneCommandIsRetriedInHalvesUntilItStandsAlone() throws Exception {
    store.poisoned.add("bad");
    store.hold = true;
    CompletableFuture<JsonObject> first = send("warm-up");
    List<CompletableFuture<JsonObject>> good = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      good.add(send("good-" + i));
    }
    CompletableFuture<JsonObject> bad = send("bad");
    for (int i = 3; i < 7; i++) {
      good.add(send("good-" + i));
    }
    onShard(store::release);

    assertThat(await(first).getString("status")).isEqualTo("FILLED");
    JsonObject refused = await(bad);
    assertThat(refused.getJsonObject("failure").getString("code")).isEqualTo("NOT_PERSISTED");
    assertThat(refused.getJsonObject("failure").getString("message")).doesNotContain("poisoned");
    for (CompletableFuture<JsonObject> f : good) {
      assertThat(await(f).getString("status")).isEqualTo("FILLED");
    }
    long stored = store.committed.stream().mapToLong(w -> w.deals().size()).sum();
    assertThat(stored).isEqualTo(8);
  }

  @Test
  void aRepeatTheWindowMissedIsAnsweredFromItsStoredResultAndTheBatchStillCommits() throws Exception {
    store.requests.put(DealingStore.requestKey(ACCOUNT, "old"),
      new JsonObject().put("httpStatus", 200).put("status", "FILLED").put("orderId", 77).put("clientOrderId", "old"));
    store.hold = true;
    CompletableFuture<JsonObject> first = send("fresh-0");
    CompletableFuture<JsonObject> repeat = send("old");
    CompletableFuture<JsonObject> fresh = send("fresh-1");
    onShard(store::release);

    assertThat(await(first).getString("status")).isEqualTo("FILLED");
    JsonObject replayed = await(repeat);
    assertThat(replayed.getBoolean("replay")).as(replayed.encode()).isTrue();
    assertThat(replayed.getLong("orderId")).isEqualTo(77);
    assertThat(await(fresh).getBoolean("replay", false)).isFalse();
    assertThat(store.committed.stream().mapToLong(w -> w.deals().size()).sum()).isEqualTo(2);

    int reads = store.findRequestsCalls;
    assertThat(await(send("old")).getLong("orderId")).isEqualTo(77);
    assertThat(store.findRequestsCalls).as("known to the window now: read before the batch runs").isEqualTo(reads + 1);
  }
}
