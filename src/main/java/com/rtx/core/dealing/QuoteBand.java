package com.rtx.core.dealing;

import com.rtx.core.account.Group;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.pricing.AggregatedQuote;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where one account state is quiet: while every listed symbol is quoted inside its
 * {@link PriceBand}, the route symbols stay unquoted, the time is before {@code expiry}, and the
 * group and catalog are the ones it was computed with, {@link Command.ProcessQuote} of any symbol
 * leaves {@code state} exactly as it is (no trailing stop moves, nothing triggers, no margin call is
 * raised or cleared, no stop-out, nothing expires). Computed by {@link BandCalculator}.
 *
 * <p>Tied to one {@link AccountState} instance: any command that changes the account makes a new
 * state, and the band no longer holds for it.
 *
 * @param state the state it was computed for (compared by identity)
 * @param group the group settings it assumed (margin-call and stop-out levels, leverage)
 * @param catalog the contract terms it assumed (compared by identity)
 * @param expiry the earliest expiry of a resting order, or null
 * @param bands one per symbol read: positions', orders' and conversion pairs'
 * @param unquoted symbols whose first quote could re-route a conversion
 */
public record QuoteBand(AccountState state, Group group, SymbolCatalog catalog, Instant expiry, List<PriceBand> bands,
                        List<String> unquoted) {

  public QuoteBand {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(catalog, "catalog");
    bands = List.copyOf(bands);
    unquoted = List.copyOf(unquoted);
  }

  /** Whether {@code current} at {@code ctx} is still inside this band (so processing a quote is a no-op). */
  public boolean holds(AccountState current, DealingContext ctx) {
    if (current != state || ctx.symbols() != catalog || (ctx.group() != group && !ctx.group().equals(group))) {
      return false;
    }
    if (expiry != null && !ctx.now().isBefore(expiry)) {
      return false;
    }
    for (PriceBand band : bands) {
      AggregatedQuote q = ctx.quotes().bySymbol().get(band.symbol());
      if (q == null || !band.contains(q)) {
        return false;
      }
    }
    for (String symbol : unquoted) {
      if (ctx.quotes().bySymbol().containsKey(symbol)) {
        return false;
      }
    }
    return true;
  }
}
