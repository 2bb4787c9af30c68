package com.rtx.dealing;

import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.account.AccountMode;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.dealing.AccountState;


import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.swap.RolloverSchedule;

import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.testkit.Desk;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.testkit.Fixtures;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import io.vertx.core.Promise;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import io.vertx.core.Vertx;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import io.vertx.core.json.JsonObject;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import org.junit.jupiter.api.AfterAll;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import org.junit.jupiter.api.BeforeAll;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import org.junit.jupiter.api.Test;

import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import java.time.Clock;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import java.time.Instant;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import java.time.LocalDate;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import java.time.ZoneOffset;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import java.util.HashMap;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import java.util.List;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import java.util.Map;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import java.util.Set;

import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequests;
import com.rtx.core.trading.RejectReason;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch applier without a database: inputs applied in order to the state the ones before
 * them left, the rows to write and the replies out, the shard's committed memory untouched.
 */
class BatchApplierTest {

  private static final long ACCOUNT = 1001;
  private static final Instant NOW = Desk.T0;
  private static Vertx vertx;

  private final Map<Long, AccountState> committed = new HashMap<>();
  private final Map<Long, LocalDate> rolledOver = new HashMap<>();
  private BatchApplier applier;
  private DealingRefData data;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  BatchApplierTest() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    DealingQuotes quotes = InMemoryMarket.eurusd(NOW, 5_000);
    LpBoard board = new LpBoard(clock);
    applier = new BatchApplier(0, quotes, RolloverSchedule.newYork(Set.of()), new ShardIds(0, 0, 0, 0, 0),
      new ProcessingFaults(new SimpleMeterRegistry(), clock), new LpOrderDesk(vertx, clock, 5_000, r -> { }), board, new com.rtx.core.dealing.QuoteGuard());
    data = InMemoryMarket.refData();
    AccountState account = new AccountState(Fixtures.profile(AccountMode.HEDGING), 1_000_000, 0, Map.of(), Map.of(),
      false, 7, Map.of());
    committed.put(ACCOUNT, account);
  }

  private static ShardInput.Request market(long accountId, String volume, String clientOrderId) {
    return new ShardInput.Request(accountId, DealingRequests.fromJson(DealingFixture.market(accountId, "EURUSD", "BUY",
      volume, clientOrderId)), Promise.promise());
  }

  /** A limit order priced with more decimals than EURUSD has: readable at the edge, refused by the shard. */
  private static ShardInput.Request overPrecise(long accountId) {
    return new ShardInput.Request(accountId, DealingRequests.fromJson(DealingFixture.market(accountId, "EURUSD", "BUY",
      "0.10", "precise").put("type", "LIMIT").put("price", "1.123456")), Promise.promise());
  }

  private BatchApplier.AppliedBatch apply(Map<String, JsonObject> known, ShardInput... inputs) {
    return applier.apply(List.of(inputs), committed::get, rolledOver::get, known, data, NOW);
  }

  @Test
  void eachInputSeesTheStateTheOnesBeforeItLeftAndNothingCommittedChanges() {
    AccountState before = committed.get(ACCOUNT);

    BatchApplier.AppliedBatch applied = apply(Map.of(), market(ACCOUNT, "0.10", "a"), market(ACCOUNT, "0.20", "b"));

    assertThat(applied.outcomes()).extracting(o -> o.reply().status())
      .containsExactly(DealingReply.Status.FILLED, DealingReply.Status.FILLED);
    AccountState after = applied.working().get(ACCOUNT);
    assertThat(after.positions()).hasSize(2);
    assertThat(after.version()).isEqualTo(before.version() + 2);
    assertThat(applied.writes().deals()).hasSize(2);
    assertThat(applied.writes().requests()).hasSize(2);
    // One account row for the batch, guarded by the version memory held before it.
    assertThat(applied.writes().accounts().get(ACCOUNT).expectedVersion()).isEqualTo(before.version());
    assertThat(applied.commands()).isEqualTo(2);
    assertThat(applied.published().get(ACCOUNT)).isNotEmpty();
    assertThat(committed.get(ACCOUNT)).isSameAs(before);
  }

  @Test
  void aRepeatedClientOrderIdIsAnsweredAsAReplayInTheSameBatchAndFromStoredResults() {
    BatchApplier.AppliedBatch applied = apply(Map.of(), market(ACCOUNT, "0.10", "dup"), market(ACCOUNT, "0.10", "dup"));

    DealingReply first = applied.outcomes().get(0).reply();
    DealingReply second = applied.outcomes().get(1).reply();
    assertThat(second.replay()).isTrue();
    assertThat(second.orderId()).isEqualTo(first.orderId());
    assertThat(applied.writes().deals()).hasSize(1);

    JsonObject stored = new JsonObject().put("httpStatus", 200).put("status", "FILLED").put("orderId", 99);
    BatchApplier.AppliedBatch replayed = apply(Map.of(DealingStore.requestKey(ACCOUNT, "old"), stored),
      market(ACCOUNT, "0.10", "old"));
    assertThat(replayed.outcomes().get(0).reply().orderId()).isEqualTo(99);
    assertThat(replayed.writes().isEmpty()).isTrue();
  }

  @Test
  void aStoredResultThisVersionCannotReadFailsItsRepeatAloneAndPlacesNothingAgain() {
    JsonObject fromNewerVersion = new JsonObject().put("status", "REJECTED").put("reason", "A_REASON_ADDED_LATER");
    BatchApplier.AppliedBatch applied = apply(Map.of(DealingStore.requestKey(ACCOUNT, "newer"), fromNewerVersion),
      market(ACCOUNT, "0.10", "newer"), market(ACCOUNT, "0.10", "other"));

    assertThat(applied.outcomes().get(0).failure().code()).isEqualTo("INTERNAL_ERROR");
    assertThat(applied.outcomes().get(1).reply().status()).isEqualTo(DealingReply.Status.FILLED);
    assertThat(applied.writes().deals()).hasSize(1);
  }

  @Test
  void aBadInputIsAnsweredAloneAndTheOthersApply() {
    BatchApplier.AppliedBatch applied = apply(Map.of(), overPrecise(ACCOUNT), market(424_242, "0.10", "x"),
      market(ACCOUNT, "0.10", "fine"));

    DealingFailure precise = applied.outcomes().get(0).failure();
    assertThat(precise.code()).isEqualTo("VALIDATION_INVALID_VALUE");
    assertThat(precise.field()).isEqualTo("price");
    assertThat(applied.outcomes().get(1).failure().code()).isEqualTo("ACCOUNT_NOT_FOUND");
    assertThat(applied.outcomes().get(2).reply().status()).isEqualTo(DealingReply.Status.FILLED);
    assertThat(applied.writes().deals()).hasSize(1);
  }

  @Test
  void aRejectionWithAClientOrderIdIsStoredForReplayButChangesNoAccount() {
    BatchApplier.AppliedBatch applied = apply(Map.of(), market(ACCOUNT, "10", "huge"));

    assertThat(applied.outcomes().get(0).reply().reason()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    assertThat(applied.writes().requests()).hasSize(1);
    assertThat(applied.writes().accounts()).isEmpty();
    assertThat(applied.working()).isEmpty();
  }
}
