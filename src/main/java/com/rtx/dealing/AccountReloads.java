package com.rtx.dealing;

import com.rtx.core.dealing.AccountState;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * The {@code reload} request of a shard: forget an account's in-memory state so the next command
 * re-reads it from PostgreSQL (after the admin API changed its row, e.g. moved it to another
 * group). Requests wait until no batch is in flight ({@link #run}, called by the shard between
 * batches), so a batch never commits a state read before the change over the reloaded one. Only an
 * idle account (no open position, pending order or order at an LP) is forgotten; otherwise the
 * answer is 409 ACCOUNT_NOT_IDLE and memory keeps it.
 */
final class AccountReloads {

  private final Map<Long, List<Promise<DealingReply>>> waiting = new LinkedHashMap<>();

  Future<DealingReply> request(long accountId) {
    Promise<DealingReply> reply = Promise.promise();
    waiting.computeIfAbsent(accountId, id -> new ArrayList<>()).add(reply);
    return reply.future();
  }

  /** Between batches: answers every waiting request, evicting the idle accounts it names. */
  void run(Function<Long, AccountState> memory, LongConsumer evict) {
    if (waiting.isEmpty()) {
      return;
    }
    List<Map.Entry<Long, List<Promise<DealingReply>>>> due = new ArrayList<>(waiting.entrySet());
    waiting.clear();
    for (Map.Entry<Long, List<Promise<DealingReply>>> entry : due) {
      try {
        DealingReply reply = reload(entry.getKey(), memory.apply(entry.getKey()), evict);
        entry.getValue().forEach(p -> p.tryComplete(reply));
      } catch (DealingFailure refused) {
        entry.getValue().forEach(p -> p.tryFail(refused));
      }
    }
  }

  /** The shard stopped: every waiting request gets {@code unavailable}. */
  void stop(DealingFailure unavailable) {
    waiting.values().forEach(list -> list.forEach(p -> p.tryFail(unavailable)));
    waiting.clear();
  }

  /** @throws DealingFailure ACCOUNT_NOT_IDLE */
  private static DealingReply reload(long accountId, AccountState state, LongConsumer evict) {
    if (state == null) {
      return DealingReply.reloaded(false);
    }
    if (!state.positions().isEmpty() || !state.orders().isEmpty() || !state.lpOrders().isEmpty()) {
      throw DealingReplies.failure(ApiErrorCode.ACCOUNT_NOT_IDLE, "account " + accountId
        + " has open positions or orders; memory keeps it until they are closed", null);
    }
    evict.accept(accountId);
    return DealingReply.reloaded(true);
  }
}
