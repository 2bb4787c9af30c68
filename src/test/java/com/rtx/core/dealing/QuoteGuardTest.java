package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.AccountProfile;
import com.rtx.core.account.AccountStatus;
import com.rtx.core.conversion.Quotes;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.swap.RolloverSchedule;
import com.rtx.core.testkit.Desk;
import com.rtx.core.testkit.Fixtures;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Worked cases of {@link QuoteGuard}; {@link QuoteGuardProperties} is the proof. */
class QuoteGuardTest {

  private static final RolloverSchedule ROLLOVERS = RolloverSchedule.newYork(Set.of());

  @Test
  void aTrailingStopsBandEndsWhereTheStopWouldMove() {
    // Given a long EURUSD with its stop at 1.09900 trailing 100 points (bid 1.10000): it moves at bid 1.10001.
    Position p = new Position(1, 1001, "EURUSD", Side.BUY, 10, new BigDecimal("1.1"), Desk.T0, 109_900, 0, 100, 0);
    AccountState state = account("USD", Map.of(1L, p), Fixtures.catalog());
    DealingContext ctx = ctx(Fixtures.catalog(), Fixtures.quotes());
    QuoteGuard guard = new QuoteGuard();
    guard.processed(state, ctx);

    PriceBand eurusd = guard.band(1001).bands().stream().filter(b -> b.symbol().equals("EURUSD")).findFirst().orElseThrow();
    assertThat(eurusd.bidHi()).isEqualTo(110_000);
    assertThat(eurusd.bidLo()).isGreaterThanOrEqualTo(109_901);
    assertThat(guard.mustProcess(state, ctx.withQuotes(ctx.quotes().with(Fixtures.quote("EURUSD", 109_999, 110_009)),
      Desk.T0))).isFalse();
    assertThat(guard.mustProcess(state, ctx.withQuotes(ctx.quotes().with(Fixtures.quote("EURUSD", 110_001, 110_011)),
      Desk.T0))).isTrue();
  }

  @Test
  void anyNewStateRetiresTheBand() {
    Position p = new Position(1, 1001, "EURUSD", Side.BUY, 10, new BigDecimal("1.1"), Desk.T0, 0, 0, 0, 0);
    AccountState state = account("USD", Map.of(1L, p), Fixtures.catalog());
    DealingContext ctx = ctx(Fixtures.catalog(), Fixtures.quotes());
    QuoteGuard guard = new QuoteGuard();
    guard.processed(state, ctx);
    assertThat(guard.mustProcess(state, ctx)).isFalse();

    Result.Accepted deposited = (Result.Accepted) state.apply(new Command.Deposit(100, "x"), ctx);

    assertThat(guard.mustProcess(deposited.state(), ctx)).isTrue();
  }

  @Test
  void aFirstQuoteThatCouldRerouteAConversionRetiresTheBand() {
    // A EUR account long GBPUSD: its margin (GBP) reaches EUR through USD (GBPUSD, then EURUSD) while EURGBP,
    // a direct route, has no quote yet.
    SymbolTerms eurgbp = SymbolTerms.of(Fixtures.fx("EURGBP", 5, "0.0001", "0", "0"));
    SymbolCatalog catalog = SymbolCatalog.of(Fixtures.EURUSD, Fixtures.GBPUSD, eurgbp);
    Quotes quotes = Quotes.of(Fixtures.quote("EURUSD", 110_000, 110_010), Fixtures.quote("GBPUSD", 125_000, 125_020));
    Position p = new Position(1, 1001, "GBPUSD", Side.BUY, 10, new BigDecimal("1.25"), Desk.T0, 0, 0, 0, 0);
    AccountState state = account("EUR", Map.of(1L, p), catalog);
    DealingContext ctx = ctx(catalog, quotes);
    QuoteGuard guard = new QuoteGuard();
    guard.processed(state, ctx);
    assertThat(guard.band(1001).unquoted()).contains("EURGBP");
    assertThat(guard.mustProcess(state, ctx)).isFalse();

    Quotes rerouted = quotes.with(Fixtures.quote("EURGBP", 88_000, 88_010));

    assertThat(guard.mustProcess(state, ctx.withQuotes(rerouted, Desk.T0))).isTrue();
  }

  @Test
  void anAccountAtItsMarginCallLevelHasNoBand() {
    // Equity 1,000 USD against 1,100 USD of margin (1 lot EURUSD at 1:100): 90.9 %, below the 100 % margin call
    // that was never raised: the next quote raises it.
    Position p = new Position(1, 1001, "EURUSD", Side.BUY, 100, new BigDecimal("1.1"), Desk.T0, 0, 0, 0, 0);
    AccountProfile profile = new AccountProfile(1001, "USD", 100, AccountMode.HEDGING, AccountStatus.ACTIVE, "std");
    AccountState state = new AccountState(profile, 100_000, 0, Map.of(1L, p), Map.of(), false, 1);
    QuoteGuard guard = new QuoteGuard();
    guard.processed(state, ctx(Fixtures.catalog(), Fixtures.quotes()));

    assertThat(guard.band(1001)).isNull();
    assertThat(guard.mustProcess(state, ctx(Fixtures.catalog(), Fixtures.quotes()))).isTrue();
  }

  private static AccountState account(String currency, Map<Long, Position> positions, SymbolCatalog catalog) {
    AccountProfile profile = new AccountProfile(1001, currency, 100, AccountMode.HEDGING, AccountStatus.ACTIVE, "std");
    return new AccountState(profile, 10_000_000, 0, positions, Map.of(), false, 1);
  }

  private static DealingContext ctx(SymbolCatalog catalog, Quotes quotes) {
    return new DealingContext(Fixtures.group(), catalog, quotes, ROLLOVERS, Desk.T0, new SequentialIds());
  }
}
