package com.rtx.core.dealing;

import com.rtx.core.account.AccountProfile;
import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.ledger.LedgerEntry;
import com.rtx.core.ledger.LedgerEntryType;
import com.rtx.core.margin.AccountValuation;
import com.rtx.core.margin.MarginCalculator;
import com.rtx.core.margin.MarginSnapshot;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.Position;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The working copy of one command: starts from an {@link AccountState}, collects changes and
 * events, and {@link #commit()}s them into a successor state. Package-private and short-lived:
 * the immutability of {@code AccountState} is what the rest of the system sees.
 */
final class AccountTxn {

  final AccountState start;
  final DealingContext ctx;
  AccountProfile profile;
  long balance;
  long credit;
  final TreeMap<Long, Position> positions;
  final TreeMap<Long, Order> orders;
  final TreeMap<Long, Order> lpOrders;
  boolean marginCallActive;
  private final List<AccountEvent> events = new ArrayList<>();
  private final List<ProcessingFault> faults = new ArrayList<>();

  AccountTxn(AccountState start, DealingContext ctx) {
    this.start = start;
    this.ctx = ctx;
    this.profile = start.profile();
    this.balance = start.balance();
    this.credit = start.credit();
    this.positions = new TreeMap<>(start.positions());
    this.orders = new TreeMap<>(start.orders());
    this.lpOrders = new TreeMap<>(start.lpOrders());
    this.marginCallActive = start.marginCallActive();
  }

  long accountId() {
    return profile.accountId();
  }

  String currency() {
    return profile.currency();
  }

  Instant now() {
    return ctx.now();
  }

  void emit(AccountEvent event) {
    events.add(event);
  }

  List<AccountEvent> events() {
    return events;
  }

  /** What this transaction holds at one moment, to go back to when a step fails half-way. */
  record Savepoint(AccountProfile profile, long balance, long credit, TreeMap<Long, Position> positions,
                   TreeMap<Long, Order> orders, TreeMap<Long, Order> lpOrders, boolean marginCallActive,
                   int events) {
  }

  Savepoint savepoint() {
    return new Savepoint(profile, balance, credit, new TreeMap<>(positions), new TreeMap<>(orders),
      new TreeMap<>(lpOrders), marginCallActive, events.size());
  }

  /**
   * Undoes everything since {@code sp}: money, positions, orders and events (ids drawn meanwhile
   * stay unused, which is harmless).
   */
  void rollbackTo(Savepoint sp) {
    profile = sp.profile();
    balance = sp.balance();
    credit = sp.credit();
    positions.clear();
    positions.putAll(sp.positions());
    orders.clear();
    orders.putAll(sp.orders());
    lpOrders.clear();
    lpOrders.putAll(sp.lpOrders());
    marginCallActive = sp.marginCallActive();
    events.subList(sp.events(), events.size()).clear();
  }

  /**
   * Runs {@code step}; if it throws, undoes what it did, records the fault and returns false, so
   * that one broken item never stops the processing of the rest of the account.
   */
  boolean isolated(ProcessingFault.Stage stage, long itemId, Runnable step) {
    Savepoint sp = savepoint();
    try {
      step.run();
      return true;
    } catch (RuntimeException e) {
      rollbackTo(sp);
      faults.add(ProcessingFault.of(accountId(), stage, itemId, e));
      return false;
    }
  }

  /**
   * Posts a ledger entry of {@code amount} (nothing if zero), moving balance or credit, and emits
   * it.
   */
  void post(LedgerEntryType type, long amount, long dealId, long positionId, String comment) {
    if (amount == 0) {
      return;
    }
    if (type.target() == LedgerEntryType.Target.CREDIT) {
      credit = Math.addExact(credit, amount);
    } else {
      balance = Math.addExact(balance, amount);
    }
    emit(new AccountEvent.LedgerPosted(new LedgerEntry(ctx.ids().nextLedgerId(), accountId(), type, amount, balance,
      credit, dealId, positionId, now(), comment)));
  }

  Optional<Position> nettingPosition(String symbol) {
    return positions.values().stream().filter(p -> p.symbol().equals(symbol)).findFirst();
  }

  CurrencyConverter converter() {
    return new CurrencyConverter(ctx.symbols(), ctx.quotes());
  }

  MarginCalculator margins(boolean leverageCaps) {
    return new MarginCalculator(ctx.group(), profile.mode(), profile.leverage(), currency(), ctx.symbols(),
      ctx.quotes(), leverageCaps);
  }

  AccountValuation valuation() {
    return new AccountValuation(currency(), ctx.symbols(), ctx.quotes(), margins(true));
  }

  MarginSnapshot snapshot() {
    return valuation().snapshot(balance, credit, marginPositions());
  }

  /**
   * The open positions plus, for each A-Book order still at an LP that opens volume, the position
   * it would become at the price it was sent at: until the LP answers, its margin (and the spread
   * already paid) stays reserved, so the account cannot spend it twice.
   */
  List<Position> marginPositions() {
    List<Position> all = new ArrayList<>(positions.values());
    for (Order o : lpOrders.values()) {
      if (!o.isClose() && o.price() != Order.NONE) {
        all.add(new Position(-o.id(), o.accountId(), o.symbol(), o.side(), o.volume(),
          ctx.symbols().get(o.symbol()).price(o.price()), o.createdAt(), 0, 0, 0, 0));
      }
    }
    return all;
  }

  /** The successor state, or the start state itself if nothing happened. */
  Result.Accepted commit() {
    if (events.isEmpty()) {
      return new Result.Accepted(start, List.of(), faults);
    }
    AccountState next = new AccountState(profile, balance, credit, positions, orders, marginCallActive,
      start.version() + 1, lpOrders);
    return new Result.Accepted(next, events, faults);
  }
}
