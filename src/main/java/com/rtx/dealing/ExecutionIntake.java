package com.rtx.dealing;

import com.rtx.core.dealing.AccountEvent;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.dealing.Command;
import com.rtx.core.market.Lots;
import com.rtx.core.market.Prices;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.pricing.MarkupRule;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Side;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest.LpExecution;
import com.rtx.bus.DealingRequests;
import com.rtx.bus.InvalidRequest;
import io.vertx.core.json.JsonArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Turns an LP execution report from the router ({@code op: execution}, see
 * {@link com.rtx.bus.DealingAddresses}) into the command that applies it, or into nothing:
 * an acknowledgement, a duplicate ExecID, a report for an order no longer at an LP, or a reject
 * that moves the order on to the next LP of its route. Each applied report is stored with its
 * ExecID in the same transaction (the idempotency key), and marked seen only after that commit.
 *
 * <p>Reconciliation ({@code ORDER_STATUS}, answering a status request after silence or a
 * reconnect) books whatever the LP says filled beyond what is booked here — the LP is the record
 * of what it executed — and ends the order if the LP says it is rejected or cancelled.
 */
final class ExecutionIntake {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionIntake.class);

  private static final Set<String> FILLS = Set.of("PARTIAL_FILL", "FILL", "TRADE");

  private ExecutionIntake() {
  }

  /** The command for {@code report}, or null when it changes no account state. */
  static Command command(LpExecution report, AccountState account, LpOrderDesk desk, LpBoard board, DealingRefData data,
                         ShardWrites writes, List<Runnable> afterCommit, Instant now) {
    long orderId = report.orderId();
    String lp = report.lp();
    String execId = report.execId();
    String execType = report.execType();
    Order order = account.lpOrder(orderId).orElse(null);
    LpOrderDesk.Tracked tracked = desk.get(orderId);
    if (order == null || (tracked != null && tracked.execIds.contains(lp + "/" + execId))) {
      return null;
    }
    if (report.symbol() != null && !report.symbol().equals(order.symbol())) {
      // Its quantities were scaled for another instrument: booking them could turn a partial fill into a
      // full one. Left unbooked; the order's status request asks the LP again, and its silence is alerted.
      LOG.error("LP {} report {} on order {} names {}, the order is {}: not booked", lp, execId, orderId,
        report.symbol(), order.symbol());
      return null;
    }
    if ("STATUS_REFUSED".equals(execType)) {
      // Not a word about the order: its LP will not say where it stands. Silence keeps counting.
      if (tracked != null && lp.equals(tracked.lp)) {
        afterCommit.add(() -> desk.statusRefused(tracked, report.text()));
      }
      return null;
    }
    SymbolTerms terms = data.symbols().get(order.symbol());
    String ordStatus = report.ordStatus() == null ? "" : report.ordStatus();
    String text = report.text();
    long volume;
    BigDecimal lpPriceValue;
    String priceField;
    if (FILLS.contains(execType)) {
      volume = lots(report.lastQty(), "lastQty");
      lpPriceValue = report.lastPx();
      priceField = "lastPx";
    } else if ("ORDER_STATUS".equals(execType) && (ordStatus.equals("FILLED") || ordStatus.equals("PARTIALLY_FILLED"))) {
      volume = order.volume() - (ordStatus.equals("FILLED") ? 0 : lots(report.leavesQty(), "leavesQty"));
      lpPriceValue = report.avgPx();
      priceField = "avgPx";
    } else if ("REJECTED".equals(execType) || ("ORDER_STATUS".equals(execType) && ordStatus.equals("REJECTED"))) {
      if (tracked != null && !lp.equals(tracked.lp)) {
        return null; // a late word from an LP the order has already moved on from
      }
      record(report, account, orderId, writes, afterCommit, tracked, now);
      boolean untouched = tracked != null && order.volume() == tracked.order.volume();
      String next = untouched ? desk.next(tracked, board) : null;
      if (next != null) {
        writes.lpAttempt(orderId, next, tracked.clOrdId);
        afterCommit.add(() -> desk.send(tracked, data.symbols()));
        return null;
      }
      return new Command.ApplyExecution(orderId, Command.LpExecType.REJECTED, 0, 0, 0, lp, execId, text);
    } else if (Set.of("CANCELED", "EXPIRED").contains(execType)
      || ("ORDER_STATUS".equals(execType) && Set.of("CANCELED", "EXPIRED").contains(ordStatus))) {
      record(report, account, orderId, writes, afterCommit, tracked, now);
      return new Command.ApplyExecution(orderId, Command.LpExecType.CANCELLED, 0, 0, 0, lp, execId, text);
    } else {
      if (tracked != null) {
        afterCommit.add(() -> {
          tracked.lastReportAt = now.toEpochMilli();
          if (tracked.firstReportAt == 0 && lp.equals(tracked.lp)) {
            tracked.firstReportAt = now.toEpochMilli(); // the LP acknowledged: written with the report that settles it
          }
        });
      }
      return null; // NEW, PENDING_NEW, or a status with nothing new
    }
    if (volume <= 0) {
      return null;
    }
    long filled = Math.min(volume, order.volume());
    long lpPrice = price(lpPriceValue, priceField, terms);
    MarkupRule rule = data.markup(account.profile().group()).ruleFor(order.symbol());
    long clientPrice = order.side() == Side.BUY ? lpPrice + rule.askPoints() : lpPrice - rule.bidPoints();
    record(report, account, orderId, writes, afterCommit, tracked, now);
    return new Command.ApplyExecution(orderId, filled == order.volume() ? Command.LpExecType.FILL
      : Command.LpExecType.PARTIAL_FILL, filled, lpPrice, clientPrice, lp, execId, text);
  }

  /** After the command applied: a final order answers its held client and updates its stored result. */
  static void settled(LpExecution report, List<AccountEvent> events, JsonArray eventsJson, LpOrderDesk desk,
                      ShardWrites writes, List<Runnable> afterCommit, Instant now) {
    long orderId = report.orderId();
    LpOrderDesk.Tracked tracked = desk.get(orderId);
    DealingReply.Status status = null;
    Order finalOrder = null;
    for (AccountEvent e : events) {
      if (e instanceof AccountEvent.OrderFilled f && f.order().id() == orderId) {
        status = DealingReply.Status.FILLED;
        finalOrder = f.order();
      } else if (e instanceof AccountEvent.OrderRejected r && r.order().id() == orderId) {
        status = DealingReply.Status.REJECTED;
        finalOrder = r.order();
      } else if (e instanceof AccountEvent.OrderCancelled c && c.order().id() == orderId) {
        status = DealingReply.Status.CANCELLED;
        finalOrder = c.order();
      }
    }
    if (tracked != null) {
      afterCommit.add(() -> {
        tracked.events.addAll(eventsJson);
        tracked.lastReportAt = now.toEpochMilli();
      });
    }
    if (status == null) {
      return;
    }
    JsonArray all = new JsonArray();
    if (tracked != null) {
      all.addAll(tracked.events);
    }
    all.addAll(eventsJson);
    DealingReply outcome = (status == DealingReply.Status.REJECTED
      ? DealingReply.rejected(RejectReason.LP_REJECTED, report.text()) : DealingReply.outcome(status, null, null))
      .withOrderId(orderId).withEvents(all);
    if (finalOrder.clientOrderId() != null) {
      outcome = outcome.withClientOrderId(finalOrder.clientOrderId());
      writes.updateRequest(finalOrder.accountId(), finalOrder.clientOrderId(), outcome.toJson());
    }
    DealingReply result = outcome;
    afterCommit.add(() -> desk.finished(orderId, result));
  }

  private static void record(LpExecution report, AccountState account, long orderId, ShardWrites writes,
                             List<Runnable> afterCommit, LpOrderDesk.Tracked tracked, Instant now) {
    String lp = report.lp();
    String execId = report.execId();
    writes.execution(lp, execId, account.accountId(), orderId, DealingRequests.toJson(report), now);
    if (tracked != null) {
      // The stage times of the order's execution record, written with this report (no write of their own).
      boolean fromLp = !execId.startsWith("unsent-") && !execId.startsWith("manual-");
      Instant ack = tracked.firstReportAt != 0 ? Instant.ofEpochMilli(tracked.firstReportAt) : fromLp ? now : null;
      writes.lpTimes(orderId, tracked.firstSentAt == 0 ? null : Instant.ofEpochMilli(tracked.firstSentAt), ack);
      afterCommit.add(() -> tracked.execIds.add(lp + "/" + execId));
    }
  }

  /** Lots as the router reports them; a fraction below 0.01 lot cannot be booked and is left to reconciliation. */
  private static long lots(BigDecimal value, String field) {
    try {
      return value == null ? 0 : Lots.of(value.setScale(Lots.DIGITS, java.math.RoundingMode.DOWN));
    } catch (ArithmeticException e) {
      throw new InvalidRequest(field, field + " must be a lot quantity, got " + value);
    }
  }

  private static long price(BigDecimal value, String field, SymbolTerms terms) {
    try {
      return Prices.fromBigDecimal(value, terms.digits(), java.math.RoundingMode.HALF_EVEN);
    } catch (RuntimeException e) {
      throw new InvalidRequest(field, field + " must be a price of " + terms.symbol() + ", got " + value);
    }
  }
}
