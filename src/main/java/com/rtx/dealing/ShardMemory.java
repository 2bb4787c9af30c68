package com.rtx.dealing;

import com.rtx.core.account.ExecutionMode;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.exposure.Exposure;
import com.rtx.core.swap.RolloverSchedule;
import com.rtx.core.trading.Position;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a dealing shard holds as committed: each account's state as the database has it, the date
 * of its last roll-over, and which accounts each symbol's quotes concern. Changed only by
 * installing accounts read from the database and by a committed batch.
 */
final class ShardMemory {

  private final Map<Long, AccountState> accounts = new HashMap<>();
  private final Map<Long, LocalDate> lastRollover = new HashMap<>();
  private final Map<String, Set<Long>> accountsBySymbol = new HashMap<>();
  private final RolloverSchedule rollovers;
  private final Clock clock;

  ShardMemory(RolloverSchedule rollovers, Clock clock) {
    this.rollovers = rollovers;
    this.clock = clock;
  }

  AccountState get(long accountId) {
    return accounts.get(accountId);
  }

  boolean contains(long accountId) {
    return accounts.containsKey(accountId);
  }

  LocalDate lastRollover(long accountId) {
    return lastRollover.get(accountId);
  }

  Collection<AccountState> all() {
    return accounts.values();
  }

  int size() {
    return accounts.size();
  }

  /** The accounts with a position or an order in {@code symbol}. */
  Set<Long> holding(String symbol) {
    return accountsBySymbol.getOrDefault(symbol, Set.of());
  }

  void install(DealingStore.StoredAccount stored) {
    long id = stored.state().accountId();
    accounts.put(id, stored.state());
    if (stored.lastRollover() != null) {
      lastRollover.put(id, stored.lastRollover());
    } else {
      // Never rolled over (a new account): it starts from the roll-over before it came into this
      // shard — at once, not at the next tick, which may already be past the next roll-over.
      rollovers.latest(clock.instant()).ifPresent(r -> lastRollover.put(id, r.tradeDate()));
    }
    index(stored.state());
  }

  void installIfAbsent(DealingStore.StoredAccount stored) {
    if (!accounts.containsKey(stored.state().accountId())) {
      install(stored);
    }
  }

  /** Forgets an idle account ({@link AccountReloads}); the next command loads it again. */
  void evict(long accountId) {
    accounts.remove(accountId);
    accountsBySymbol.values().forEach(ids -> ids.remove(accountId));
  }

  /** A batch committed: its accounts' new states and roll-over dates become memory. */
  void committed(Map<Long, AccountState> states, Map<Long, LocalDate> rolledOver) {
    states.forEach((id, state) -> {
      accounts.put(id, state);
      index(state);
    });
    lastRollover.putAll(rolledOver);
  }

  /**
   * The house exposure of the accounts held, when a shard is rebuilt: positions do not record how
   * they were routed, so the group's execution setting stands in (after acquisition, exposure
   * follows each internal fill exactly).
   */
  Exposure bBookExposure(DealingRefData data) {
    List<Position> open = new ArrayList<>();
    accounts.values().stream()
      .filter(a -> data.group(a.profile().group()).map(g -> g.execution() == ExecutionMode.B_BOOK).orElse(false))
      .forEach(a -> open.addAll(a.positions().values()));
    return Exposure.ofPositions(open);
  }

  /** Which symbols' quotes the account must see: those of its positions and orders. */
  private void index(AccountState state) {
    accountsBySymbol.values().forEach(ids -> ids.remove(state.accountId()));
    state.positions().values().forEach(p -> accountsBySymbol.computeIfAbsent(p.symbol(), s -> new HashSet<>())
      .add(state.accountId()));
    state.orders().values().forEach(o -> accountsBySymbol.computeIfAbsent(o.symbol(), s -> new HashSet<>())
      .add(state.accountId()));
  }
}
