package com.rtx.core.dealing;

import com.rtx.core.account.Group;
import com.rtx.core.conversion.Quotes;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.swap.RolloverSchedule;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything outside the account that a command needs, passed in by the shard.
 *
 * @param group the account's group settings (current version)
 * @param symbols the symbol catalog
 * @param quotes latest client quotes under the group's markup profile
 * @param rollovers the roll-over calendar (DAY expiry, swaps)
 * @param now the time of the command
 * @param ids id counters
 */
public record DealingContext(Group group, SymbolCatalog symbols, Quotes quotes, RolloverSchedule rollovers, Instant now,
                             IdSource ids) {

  public DealingContext {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(symbols, "symbols");
    Objects.requireNonNull(quotes, "quotes");
    Objects.requireNonNull(rollovers, "rollovers");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(ids, "ids");
  }

  /** The same context with newer quotes (the shard's next tick). */
  public DealingContext withQuotes(Quotes newQuotes, Instant newNow) {
    return new DealingContext(group, symbols, newQuotes, rollovers, newNow, ids);
  }
}
