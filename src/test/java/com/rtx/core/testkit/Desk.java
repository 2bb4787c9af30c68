package com.rtx.core.testkit;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.Group;
import com.rtx.core.conversion.Quotes;
import com.rtx.core.dealing.AccountEvent;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.dealing.Command;
import com.rtx.core.dealing.DealingContext;
import com.rtx.core.dealing.Result;
import com.rtx.core.dealing.SequentialIds;
import com.rtx.core.exposure.Exposure;
import com.rtx.core.ledger.Ledger;
import com.rtx.core.ledger.LedgerEntry;
import com.rtx.core.margin.MarginSnapshot;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.swap.RolloverSchedule;
import com.rtx.core.trading.Deal;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.RejectReason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A dealing desk for one account in tests: holds the state, quotes and clock like the shard
 * would, applies commands, and checks the invariants after every accepted command (ledger sums to
 * balance and credit; exposure built from deals equals minus the sum of positions; version grows).
 */
public final class Desk {

  public static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z"); // a Wednesday

  private AccountState state;
  private final SymbolCatalog catalog;
  private Group group;
  private Quotes quotes;
  private Instant now = T0;
  private final SequentialIds ids = new SequentialIds();
  private final RolloverSchedule rollovers = RolloverSchedule.newYork(Set.of());
  private final List<LedgerEntry> ledger = new ArrayList<>();
  private final List<Deal> deals = new ArrayList<>();
  private final List<AccountEvent> events = new ArrayList<>();
  private Exposure exposure = Exposure.empty();

  public Desk(AccountMode mode, Group group) {
    this.state = AccountState.open(Fixtures.profile(mode));
    this.catalog = Fixtures.catalog();
    this.group = group;
    this.quotes = Fixtures.quotes();
  }

  public Desk(AccountMode mode) {
    this(mode, Fixtures.group());
  }

  public DealingContext ctx() {
    return new DealingContext(group, catalog, quotes, rollovers, now, ids);
  }

  public Result tryApply(Command c) {
    Result r = state.apply(c, ctx());
    if (r instanceof Result.Accepted a) {
      if (!a.events().isEmpty()) {
        if (a.state().version() != state.version() + 1) {
          throw new AssertionError("version must grow by one");
        }
      }
      state = a.state();
      record(a.events());
      checkInvariants();
    }
    return r;
  }

  /** Applies a command that must be accepted; returns its events. */
  public List<AccountEvent> apply(Command c) {
    Result r = tryApply(c);
    if (r instanceof Result.Rejected rej) {
      throw new AssertionError("expected acceptance of " + c + " but got " + rej.rejection());
    }
    return ((Result.Accepted) r).events();
  }

  /** Applies a command that must be rejected; returns the reason. */
  public RejectReason reject(Command c) {
    Result r = tryApply(c);
    if (r instanceof Result.Accepted a) {
      throw new AssertionError("expected a rejection of " + c + " but got " + a.events());
    }
    return ((Result.Rejected) r).reason();
  }

  /** Sets a new quote and processes it. */
  public List<AccountEvent> quote(AggregatedQuote q) {
    quotes = quotes.with(q);
    return apply(new Command.ProcessQuote(q.symbol()));
  }

  public List<AccountEvent> quote(String symbol, long bid, long ask) {
    return quote(Fixtures.quote(symbol, bid, ask));
  }

  public void setQuote(AggregatedQuote q) {
    quotes = quotes.with(q);
  }

  public void deposit(long minor) {
    apply(new Command.Deposit(minor, "test"));
  }

  public void at(Instant t) {
    now = t;
  }

  public Instant now() {
    return now;
  }

  public void group(Group g) {
    group = g;
  }

  public AccountState state() {
    return state;
  }

  public void state(AccountState s) {
    state = s;
  }

  public MarginSnapshot snapshot() {
    return state.snapshot(ctx());
  }

  public List<LedgerEntry> ledger() {
    return ledger;
  }

  public List<Deal> deals() {
    return deals;
  }

  public List<AccountEvent> events() {
    return events;
  }

  public Exposure exposure() {
    return exposure;
  }

  public Position onlyPosition() {
    if (state.positions().size() != 1) {
      throw new AssertionError("expected one position, got " + state.positions().values());
    }
    return state.positions().values().iterator().next();
  }

  public Position position(long id) {
    return state.position(id).orElseThrow(() -> new AssertionError("no position " + id));
  }

  @SuppressWarnings("unchecked")
  public static <T extends AccountEvent> List<T> ofType(List<AccountEvent> events, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (AccountEvent e : events) {
      if (type.isInstance(e)) {
        out.add((T) e);
      }
    }
    return out;
  }

  public static <T extends AccountEvent> T only(List<AccountEvent> events, Class<T> type) {
    List<T> all = ofType(events, type);
    if (all.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + " in " + events);
    }
    return all.get(0);
  }

  private void record(List<AccountEvent> newEvents) {
    events.addAll(newEvents);
    for (AccountEvent e : newEvents) {
      if (e instanceof AccountEvent.LedgerPosted lp) {
        ledger.add(lp.entry());
      } else if (e instanceof AccountEvent.DealExecuted de) {
        deals.add(de.deal());
        exposure = exposure.plus(de.deal());
      }
    }
  }

  /** Ledger sums to balance and credit; incremental exposure equals minus the positions. */
  public void checkInvariants() {
    if (Ledger.balance(ledger) != state.balance()) {
      throw new AssertionError("ledger sums to " + Ledger.balance(ledger) + " but balance is " + state.balance());
    }
    if (Ledger.credit(ledger) != state.credit()) {
      throw new AssertionError("credit entries sum to " + Ledger.credit(ledger) + " but credit is " + state.credit());
    }
    Exposure fromPositions = Exposure.ofPositions(state.positions().values());
    if (!fromPositions.equals(exposure)) {
      throw new AssertionError("exposure from deals " + exposure + " != from positions " + fromPositions);
    }
  }
}
