package com.rtx.bench.jmh;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.AccountProfile;
import com.rtx.core.account.AccountStatus;
import com.rtx.core.account.Group;
import com.rtx.core.conversion.Quotes;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.dealing.Command;
import com.rtx.core.dealing.DealingContext;
import com.rtx.core.dealing.Result;
import com.rtx.core.dealing.SequentialIds;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.swap.RolloverSchedule;
import com.rtx.core.testkit.Fixtures;

import java.time.Instant;
import java.util.Set;

/**
 * What the JMH benchmarks share: the core test fixtures' catalog, quotes and group (USD, 1:100,
 * margin call 100 %, stop-out 50 %), one context and id source, as a dealing shard holds them.
 */
final class BenchDesk {

  static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");
  static final SymbolCatalog CATALOG = Fixtures.catalog();
  static final Group GROUP = Fixtures.group();
  static final RolloverSchedule ROLLOVERS = RolloverSchedule.newYork(Set.of());

  final SequentialIds ids = new SequentialIds();
  Quotes quotes = Fixtures.quotes();

  private BenchDesk() {
  }

  static BenchDesk create() {
    return new BenchDesk();
  }

  DealingContext ctx() {
    return new DealingContext(GROUP, CATALOG, quotes, ROLLOVERS, T0, ids);
  }

  static AccountState open(long accountId, AccountMode mode) {
    return AccountState.open(new AccountProfile(accountId, "USD", 100, mode, AccountStatus.ACTIVE, GROUP.name()));
  }

  /** Applies a command that must be accepted. */
  static AccountState apply(AccountState state, Command c, DealingContext ctx) {
    Result r = state.apply(c, ctx);
    if (!(r instanceof Result.Accepted a)) {
      throw new IllegalStateException("setup command refused: " + c + ": " + r);
    }
    return a.state();
  }
}
