package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.AccountProfile;
import com.rtx.core.margin.EquitySnapshot;
import com.rtx.core.margin.MarginSnapshot;
import com.rtx.core.swap.Rollover;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderStatus;
import com.rtx.core.trading.Position;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One account's dealing state: money, open positions and resting orders. Immutable; every
 * accepted command returns a successor with {@code version + 1} (the shard's guard against a
 * second writer), so a rejected or failed command leaves nothing half-applied.
 *
 * <p>Closed positions and final orders are not kept: they are in the events (and the database).
 *
 * @param profile account settings
 * @param balance minor units of the account currency
 * @param credit minor units, {@code >= 0}
 * @param positions open positions by id (iterated in id order)
 * @param orders pending orders by id (iterated in id order, i.e. time priority)
 * @param marginCallActive whether a margin call has been raised and not cleared
 * @param version increases by one per accepted command that changed something
 * @param lpOrders A-Book orders at a liquidity provider (SENT_TO_LP), by id; they reserve margin
 */
public record AccountState(AccountProfile profile, long balance, long credit, Map<Long, Position> positions,
                           Map<Long, Order> orders, boolean marginCallActive, long version, Map<Long, Order> lpOrders) {

  public AccountState {
    Objects.requireNonNull(profile, "profile");
    if (credit < 0) {
      throw new IllegalArgumentException("credit must be >= 0, got " + credit);
    }
    // Sorted views: copying a SortedMap into a TreeMap (here and in AccountTxn) is linear, not n log n.
    positions = Collections.unmodifiableSortedMap(new TreeMap<>(positions));
    orders = Collections.unmodifiableSortedMap(new TreeMap<>(orders));
    lpOrders = Collections.unmodifiableSortedMap(new TreeMap<>(lpOrders));
    for (Map.Entry<Long, Order> e : lpOrders.entrySet()) {
      Order o = e.getValue();
      if (e.getKey() != o.id() || o.accountId() != profile.accountId() || o.status() != OrderStatus.SENT_TO_LP) {
        throw new IllegalArgumentException("LP order " + o.id() + " is misfiled or not SENT_TO_LP");
      }
    }
    Set<String> nettingSymbols = new HashSet<>();
    for (Map.Entry<Long, Position> e : positions.entrySet()) {
      Position p = e.getValue();
      if (e.getKey() != p.id() || p.accountId() != profile.accountId()) {
        throw new IllegalArgumentException("position " + p.id() + " is misfiled");
      }
      if (profile.mode() == AccountMode.NETTING && !nettingSymbols.add(p.symbol())) {
        throw new IllegalArgumentException("netting account holds two positions of " + p.symbol());
      }
    }
    for (Map.Entry<Long, Order> e : orders.entrySet()) {
      Order o = e.getValue();
      if (e.getKey() != o.id() || o.accountId() != profile.accountId() || o.status() != OrderStatus.PENDING) {
        throw new IllegalArgumentException("order " + o.id() + " is misfiled or not pending");
      }
    }
  }

  /** A state without orders at liquidity providers (B-Book only). */
  public AccountState(AccountProfile profile, long balance, long credit, Map<Long, Position> positions,
                      Map<Long, Order> orders, boolean marginCallActive, long version) {
    this(profile, balance, credit, positions, orders, marginCallActive, version, Map.of());
  }

  /** A new account with no money, positions or orders, version 0. */
  public static AccountState open(AccountProfile profile) {
    return new AccountState(profile, 0, 0, Map.of(), Map.of(), false, 0);
  }

  public Optional<Order> lpOrder(long orderId) {
    return Optional.ofNullable(lpOrders.get(orderId));
  }

  public long accountId() {
    return profile.accountId();
  }

  public Optional<Position> position(long positionId) {
    return Optional.ofNullable(positions.get(positionId));
  }

  public Optional<Order> order(long orderId) {
    return Optional.ofNullable(orders.get(orderId));
  }

  /**
   * Applies {@code command} at {@code ctx}: the new state and its events, or a rejection with a
   * stable reason code. Never throws for a business reason; an exception means a bug or
   * inconsistent input (e.g. a position on a symbol missing from the catalog).
   */
  public Result apply(Command command, DealingContext ctx) {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(ctx, "ctx");
    if (!ctx.group().name().equals(profile.group())) {
      throw new IllegalArgumentException("account " + accountId() + " is in group " + profile.group()
        + ", not " + ctx.group().name());
    }
    return CommandRouter.route(this, command, ctx);
  }

  /** Balance, credit, floating P&amp;L, equity, margin and level at the context's quotes. */
  public MarginSnapshot snapshot(DealingContext ctx) {
    return new AccountTxn(this, ctx).snapshot();
  }

  /** The daily equity snapshot value at a roll-over (the caller passes quotes of that instant). */
  public EquitySnapshot equitySnapshot(Rollover rollover, DealingContext ctx) {
    return new EquitySnapshot(accountId(), rollover.tradeDate(), rollover.at(), snapshot(ctx));
  }
}
