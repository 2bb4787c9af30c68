package com.rtx.dealing;

import com.rtx.bus.DealingReply;
import com.rtx.core.dealing.AccountEvent;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.dealing.Command;
import com.rtx.core.dealing.DealingContext;
import com.rtx.core.dealing.Result;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.routing.RoutingAction;
import com.rtx.core.account.Group;
import com.rtx.core.routing.RoutingDecision;
import com.rtx.core.routing.RoutingRequest;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.OrderType;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a client order into what the routing decision asks for: the order itself (B-Book), the
 * order sent to the first connected LP of the route's preference list (A-Book), or a B-Book part
 * followed by an A-Book part (SPLIT). Only immediate orders (MARKET, IOC/FOK LIMIT) and closes go
 * to an LP; resting orders rest at the broker and fill B-Book when triggered.
 */
final class OrderRouting {

  /** The route needs an LP and none is connected. */
  static final class Unroutable extends RuntimeException {
    Unroutable(String message) {
      super(message, null, false, false);
    }
  }

  private OrderRouting() {
  }

  static List<Command> steps(Command command, RoutingDecision route, LpBoard board) {
    if (route == null || route.action() == RoutingAction.B_BOOK
      || (command instanceof Command.PlaceOrder c && !immediate(c))) {
      return List.of(command);
    }
    List<String> lps = board.candidates(route.lps());
    if (lps.isEmpty()) {
      throw new Unroutable("no liquidity provider " + (route.lps().isEmpty() ? "" : route.lps() + " ")
        + "is connected (" + route.reason() + ")");
    }
    String lp = lps.get(0);
    if (route.action() == RoutingAction.SPLIT && command instanceof Command.PlaceOrder c) {
      return List.of(withVolume(c, route.bBookVolume()), new Command.SendToLp(withVolume(c, route.aBookVolume()), lp));
    }
    return List.of(new Command.SendToLp(command, lp));
  }

  /** Applies the steps in order; when a second (A-Book) step is refused, the first stands alone. */
  static Result apply(AccountState before, List<Command> steps, DealingContext ctx) {
    Result first = before.apply(steps.get(0), ctx);
    if (steps.size() == 1 || !(first instanceof Result.Accepted a)) {
      return first;
    }
    Result second = a.state().apply(steps.get(1), ctx);
    if (!(second instanceof Result.Accepted b)) {
      return first;
    }
    List<AccountEvent> events = new ArrayList<>(a.events());
    events.addAll(b.events());
    return new Result.Accepted(b.state(), events);
  }

  /** Records on each order the command created which rule (at which version) routed it and why. */
  static void recordRoute(List<AccountEvent> events, RoutingDecision route, ShardWrites writes) {
    for (AccountEvent e : events) {
      long orderId = e instanceof AccountEvent.OrderFilled f ? f.order().id()
        : e instanceof AccountEvent.OrderAccepted a ? a.order().id()
        : e instanceof AccountEvent.OrderSentToLp s ? s.order().id() : 0;
      if (orderId != 0) {
        writes.route(orderId, route.ruleId(), route.ruleVersion(), route.action() + ": " + route.reason());
      }
    }
  }

  /**
   * For each order the command sent to an LP: records its first attempt (durable with the order)
   * and, after the commit, sends it and holds the client's reply until it is final.
   *
   * @return whether any order went to an LP
   */
  static boolean sentToLp(List<AccountEvent> events, long accountId, RoutingDecision route, Promise<DealingReply> reply,
                          JsonArray eventsJson, LpOrderDesk desk, ShardWrites writes, List<Runnable> afterCommit,
                          SymbolCatalog symbols, LpBoard board) {
    boolean any = false;
    for (AccountEvent e : events) {
      if (e instanceof AccountEvent.OrderSentToLp s) {
        List<String> untried = new ArrayList<>(route == null ? List.of() : board.candidates(route.lps()));
        untried.remove(s.lp());
        LpOrderDesk.Tracked t = new LpOrderDesk.Tracked(accountId, s.order(), s.lp(), 1, untried);
        writes.lpAttempt(s.order().id(), s.lp(), t.clOrdId);
        afterCommit.add(() -> desk.sent(t, reply, eventsJson, symbols));
        any = true;
      }
    }
    return any;
  }

  private static boolean immediate(Command.PlaceOrder c) {
    return c.type() == OrderType.MARKET || (c.timeInForce() != null && c.timeInForce().isImmediate());
  }

  private static Command.PlaceOrder withVolume(Command.PlaceOrder c, long volume) {
    return new Command.PlaceOrder(c.clientOrderId(), c.symbol(), c.side(), c.type(), volume, c.price(),
      c.stopLimitPrice(), c.sl(), c.tp(), c.trailingPoints(), c.timeInForce(), c.expireAt(), c.maxDeviationPoints());
  }

  /** Where {@code command} goes: the routing policy's decision for its symbol and volume. */
  static RoutingDecision decide(Command command, AccountState account, Group group, DealingRefData data) {
    String symbol;
    long volume;
    if (command instanceof Command.PlaceOrder c) {
      symbol = c.symbol();
      volume = c.volume();
    } else {
      Command.ClosePosition c = (Command.ClosePosition) command;
      Position position = account.position(c.positionId()).orElse(null);
      if (position == null) {
        return null;
      }
      symbol = position.symbol();
      volume = c.volume() == 0 ? position.volume() : c.volume();
    }
    long step = data.symbols().find(symbol).map(t -> t.volumeStep()).orElse(1L);
    return data.routing().route(new RoutingRequest(group.name(), account.accountId(), symbol, volume,
      data.toxicity(account.accountId())), group.execution(), step);
  }
}
