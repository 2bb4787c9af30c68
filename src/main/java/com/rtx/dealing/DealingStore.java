package com.rtx.dealing;

import com.rtx.core.dealing.AccountState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a dealing shard needs from its database: accounts to (re)build, earlier results of client
 * order ids, and one transaction per group-commit batch. {@link ShardStore} is the PostgreSQL one;
 * tests of the sequencer use an in-memory one.
 */
interface DealingStore {

  /**
   * An account as stored, with the date of its last roll-over and, for each of its orders at an
   * LP, {@code [lp, clOrdId]} of its last attempt.
   */
  record StoredAccount(AccountState state, LocalDate lastRollover, Map<Long, LpRoute> lpRoutes) {
  }

  /**
   * Where an order at an LP was sent, and the {@code lp/execId} of every report already booked for
   * it: after a restart the LP may resend them (PossDup) and none may be booked twice.
   */
  record LpRoute(String lp, String clOrdId, Set<String> bookedExecIds) {
    static final LpRoute UNKNOWN = new LpRoute(null, null, Set.of());
  }

  /** Raised inside the batch transaction when an account row is not at the version memory expects. */
  final class VersionConflict extends RuntimeException {
    VersionConflict(long accountId) {
      super("account " + accountId + " was changed by another writer; this shard is no longer its owner");
    }
  }

  /** The commit's outcome is unknown: the connection failed while COMMIT was in flight. */
  final class CommitOutcomeUnknown extends RuntimeException {
    final long batchId;

    CommitOutcomeUnknown(long batchId, Throwable cause) {
      super("commit of batch " + batchId + " failed in flight: " + cause.getMessage(), cause);
      this.batchId = batchId;
    }
  }

  /** The given accounts (those of this shard that exist), e.g. created after the shard was acquired. */
  Future<Map<Long, StoredAccount>> loadAccounts(Collection<Long> ids);

  /** Stored results of earlier commands with these (account, clientOrderId) pairs, by {@link #requestKey}. */
  Future<Map<String, JsonObject>> findRequests(List<Long> accountIds, List<String> clientOrderIds);

  /** Keys ({@link #requestKey}) of this shard's client order ids stored since {@code since}, newest first, at most {@code limit}. */
  Future<Set<String>> recentRequestKeys(Instant since, int limit);

  /**
   * Writes {@code w} in one transaction and returns its batch id. Fails with {@link VersionConflict}
   * when another writer got there first, with {@link CommitOutcomeUnknown} when the COMMIT itself
   * failed (it may or may not have committed: ask {@link #batchCommitted}), or with the database
   * error, in which case nothing was written.
   */
  Future<Long> write(ShardWrites w, int commands);

  /** Whether batch {@code batchId} is in the database, i.e. its transaction committed. */
  Future<Boolean> batchCommitted(long batchId);

  /**
   * Notes on an order still at its LP why it is where it is ({@code trade_order.lp_note}, read by
   * the dealer desk). Informational, outside the batch: it changes no money and no state the shard
   * reads; it is written only while the order is at its LP and stays as its history.
   */
  Future<Void> noteLpOrder(long orderId, String note);

  /**
   * Stamps batches whose answers left ({@code (batchId, time)} rows: {@code dealing_batch.replied_at})
   * outside a batch: for a shard gone quiet after them. Informational, like {@link #noteLpOrder}.
   */
  Future<Void> stampReplies(List<Tuple> replied);

  static String requestKey(long accountId, String clientOrderId) {
    return accountId + "/" + clientOrderId;
  }
}
