package com.rtx.dealing;

import com.rtx.bus.DealingFailure;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.bus.InvalidRequest;
import com.rtx.core.account.Group;
import com.rtx.core.conversion.PriceUnavailableException;
import com.rtx.core.conversion.Quotes;
import com.rtx.core.dealing.AccountEvent;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.dealing.Command;
import com.rtx.core.dealing.DealingContext;
import com.rtx.core.dealing.QuoteGuard;
import com.rtx.core.dealing.Result;
import com.rtx.core.routing.RoutingDecision;
import com.rtx.core.swap.RolloverSchedule;
import com.rtx.core.trading.RejectReason;
import io.vertx.core.json.JsonArray;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Applies one batch of a dealing shard: account states, the batch's inputs and the time in; the
 * rows to write, the replies, the new states and the events out. Nothing here touches the
 * database, the bus or the shard's memory: the sequencer ({@link DealingShard}) writes the rows in
 * one transaction and only then installs the states, publishes the events, runs
 * {@link AppliedBatch#afterCommit()} and answers. Each input is applied to the state the inputs
 * before it left; a failure of one input answers that input only.
 */
final class BatchApplier {

  private static final Logger LOG = LoggerFactory.getLogger(BatchApplier.class);

  /** What one input answers once its batch is settled: a reply, or the failure it is failed with. */
  record Outcome(ShardInput input, DealingReply reply, DealingFailure failure) {

    static Outcome of(ShardInput input, DealingReply reply) {
      return new Outcome(input, reply, null);
    }

    static Outcome failed(ShardInput input, ApiErrorCode code, String message, String field) {
      return new Outcome(input, null, DealingReplies.failure(code, message, field));
    }
  }

  /**
   * A batch applied in memory, not yet written: {@code working} holds each changed account's new
   * state, {@code published} each account's events as published after the commit, and
   * {@code commands} the number of inputs that wrote something (the batch row's count).
   */
  record AppliedBatch(ShardWrites writes, List<Outcome> outcomes, Map<Long, AccountState> working,
                      Map<Long, LocalDate> workingRollover, List<AccountEvent> events, Map<Long, JsonArray> published,
                      List<Runnable> afterCommit, int commands) {
  }

  private final int shard;
  private final DealingQuotes quotes;
  private final RolloverSchedule rollovers;
  private final ShardIds ids;
  private final ProcessingFaults faults;
  private final LpOrderDesk desk;
  private final LpBoard board;
  private final QuoteGuard guard;

  /**
   * @param guard the shard's quote bands: a quote inside an account's band skips its processing
   *              (the band is tied to the state object memory holds, so any change retires it)
   */
  BatchApplier(int shard, DealingQuotes quotes, RolloverSchedule rollovers, ShardIds ids, ProcessingFaults faults,
               LpOrderDesk desk, LpBoard board, QuoteGuard guard) {
    this.guard = guard;
    this.shard = shard;
    this.quotes = quotes;
    this.rollovers = rollovers;
    this.ids = ids;
    this.faults = faults;
    this.desk = desk;
    this.board = board;
  }

  /**
   * Applies {@code batch} in order. {@code accounts} and {@code lastRollover} read the shard's
   * committed memory; {@code known} holds stored results of client order ids seen before.
   */
  AppliedBatch apply(List<ShardInput> batch, LongFunction<AccountState> accounts, LongFunction<LocalDate> lastRollover,
                     Map<String, JsonObject> known, DealingRefData data, Instant now) {
    DealingJson json = new DealingJson(data.symbols());
    Map<String, Quotes> byGroup = new HashMap<>();
    Map<Long, AccountState> working = new HashMap<>();
    Map<Long, LocalDate> workingRollover = new HashMap<>();
    Map<String, DealingReply> results = new HashMap<>();
    List<Outcome> outcomes = new ArrayList<>();
    List<AccountEvent> allEvents = new ArrayList<>();
    Map<Long, JsonArray> published = new HashMap<>();
    ShardWrites writes = new ShardWrites();
    List<Runnable> afterCommit = new ArrayList<>();
    int commands = 0;
    for (ShardInput p : batch) {
      AccountState before = working.getOrDefault(p.accountId(), accounts.apply(p.accountId()));
      if (before == null) {
        outcomes.add(Outcome.failed(p, ApiErrorCode.ACCOUNT_NOT_FOUND, "no account " + p.accountId(), "accountId"));
        continue;
      }
      if (p.command() instanceof Command.ApplyRollover r) {
        LocalDate done = workingRollover.getOrDefault(p.accountId(), lastRollover.apply(p.accountId()));
        if (done != null && !r.rollover().tradeDate().isAfter(done)) {
          continue; // charged already: swap is charged once per trade date whatever was queued
        }
      }
      String clientOrderId = p.clientOrderId();
      String key = clientOrderId == null ? null : DealingStore.requestKey(p.accountId(), clientOrderId);
      if (key != null && results.containsKey(key)) {
        outcomes.add(Outcome.of(p, results.get(key).asReplay()));
        continue;
      }
      if (key != null && known.containsKey(key)) {
        outcomes.add(replay(p, known.get(key)));
        continue;
      }
      Group group = data.group(before.profile().group()).orElse(null);
      if (group == null) {
        outcomes.add(Outcome.failed(p, ApiErrorCode.GROUP_UNAVAILABLE, "group " + before.profile().group()
          + " is not loaded", null));
        continue;
      }
      DealingRequest.LpExecution execution = p.request() instanceof DealingRequest.LpExecution e ? e : null;
      boolean fromLp = execution != null;
      if (p.request() instanceof DealingRequest.SettleLpOrder settle) {
        if (!desk.settleable(settle.orderId())) {
          outcomes.add(Outcome.failed(p, ApiErrorCode.ORDER_NOT_UNKNOWN, "order " + settle.orderId()
            + " is not UNKNOWN at an LP of account " + p.accountId(), "orderId"));
          continue;
        }
        execution = ManualSettlement.execution(settle, desk.get(settle.orderId()));
      }
      Command command;
      RoutingDecision route = null;
      List<Command> steps;
      try {
        command = p.command() != null ? p.command()
          : execution != null ? ExecutionIntake.command(execution, before, desk, board, data, writes, afterCommit, now)
          : CommandCodec.decode(p.request(), before, data.symbols());
        if (command instanceof Command.PlaceOrder || command instanceof Command.ClosePosition) {
          route = OrderRouting.decide(command, before, group, data);
          steps = OrderRouting.steps(command, route, board);
        } else {
          steps = command == null ? List.of() : List.of(command);
        }
      } catch (InvalidRequest e) {
        outcomes.add(Outcome.failed(p, ApiErrorCode.VALIDATION_INVALID_VALUE, e.getMessage(), e.field()));
        continue;
      } catch (OrderRouting.Unroutable e) {
        DealingReply refused = DealingReply.rejected(RejectReason.ROUTING_UNAVAILABLE, e.getMessage());
        if (clientOrderId != null) {
          refused = refused.withClientOrderId(clientOrderId);
          writes.request(p.accountId(), clientOrderId, refused.toJson(), now);
          results.put(key, refused);
          commands++;
        }
        outcomes.add(Outcome.of(p, refused));
        continue;
      } catch (RuntimeException e) {
        // A bug reading one request answers that request only: the batch holds other traders' commands.
        LOG.error("shard {}: account {}: request {} could not be read", shard, p.accountId(),
          p.request() == null ? null : p.request().op(), e);
        outcomes.add(Outcome.failed(p, ApiErrorCode.INTERNAL_ERROR, "the command could not be run", null));
        continue;
      }
      if (steps.isEmpty()) {
        // An execution report that changes nothing here (an ack, a duplicate, a resend to the next LP).
        if (p.reply() != null) {
          outcomes.add(Outcome.of(p, DealingReply.ok()));
        }
        continue;
      }
      DealingContext ctx = context(group, data, byGroup, now);
      boolean quote = command instanceof Command.ProcessQuote;
      if (quote) {
        if (!guard.mustProcess(before, ctx)) {
          continue; // every quote the account reads is inside its band: processing would change nothing
        }
        guard.invalidate(p.accountId()); // a band again only once this processing has succeeded
      }
      Result result;
      try {
        result = OrderRouting.apply(before, steps, ctx);
      } catch (PriceUnavailableException e) {
        // A price the shard has not had since it started: for a trader's close or modification that is the
        // market's state, not an internal error (nothing was applied); for the shard's own quote processing
        // it is a fault to alert on, since margin control cannot value the account until the price comes.
        if (p.reply() == null) {
          faults.command(shard, p.accountId(), command, e);
        } else {
          outcomes.add(Outcome.of(p, DealingReply.rejected(
            e.conversion() ? RejectReason.NO_CONVERSION_RATE : RejectReason.NO_QUOTE, e.getMessage())));
        }
        continue;
      } catch (RuntimeException e) {
        faults.command(shard, p.accountId(), command, e);
        outcomes.add(Outcome.failed(p, ApiErrorCode.INTERNAL_ERROR, "the command could not be applied", null));
        continue;
      }
      DealingReply reply;
      boolean held = false;
      if (result instanceof Result.Rejected r && p.reply() == null) {
        // The shard's own commands (roll-over, expiry) are retried on the next tick; say why not now.
        LOG.warn("shard {}: account {}: {} refused: {} {}", shard, p.accountId(), command, r.reason(),
          r.rejection().detail());
      }
      if (result instanceof Result.Rejected r) {
        reply = DealingReply.rejected(r.reason(), r.rejection().detail());
      } else {
        Result.Accepted a = (Result.Accepted) result;
        a.faults().forEach(f -> faults.isolated(shard, f));
        if (quote) {
          guard.processed(a, ctx);
        }
        boolean rollover = command instanceof Command.ApplyRollover;
        if (rollover) {
          workingRollover.put(p.accountId(), ((Command.ApplyRollover) command).rollover().tradeDate());
        }
        JsonArray eventsJson = new JsonArray();
        a.events().forEach(e -> eventsJson.add(json.event(e, before.profile().currency())));
        if (!a.events().isEmpty() || rollover) {
          writes.accepted(before, a.state(), workingRollover.getOrDefault(p.accountId(),
            lastRollover.apply(p.accountId())), a.events(), eventsJson, now);
          working.put(p.accountId(), a.state());
          allEvents.addAll(a.events());
          published.computeIfAbsent(p.accountId(), k -> new JsonArray()).addAll(eventsJson);
          commands++;
        }
        reply = DealingReplies.accepted(a.events(), eventsJson);
        JsonObject audit = p.request() == null ? null : p.request().audit();
        if (audit != null && !a.events().isEmpty()) {
          writes.audit(audit, a.state());
          reply = reply.asAudited();
        }
        if (route != null) {
          OrderRouting.recordRoute(a.events(), route, writes);
        }
        if (OrderRouting.sentToLp(a.events(), p.accountId(), route, p.reply(), eventsJson, desk, writes, afterCommit,
          data.symbols(), board)) {
          held = p.reply() != null;
        }
        if (command instanceof Command.ApplyExecution fill && fill.lpPrice() > 0) {
          LpMarkup.record(fill, a.events(), ctx, before.profile().currency(), writes);
        }
        if (execution != null) {
          ExecutionIntake.settled(execution, a.events(), eventsJson, desk, writes, afterCommit, now);
        }
      }
      if (clientOrderId != null) {
        reply = reply.withClientOrderId(clientOrderId);
        writes.request(p.accountId(), clientOrderId, reply.toJson(), now);
        results.put(key, reply);
        commands += result instanceof Result.Rejected ? 1 : 0;
      }
      if (fromLp && p.reply() != null) {
        reply = DealingReply.ok();
      }
      if (p.reply() != null && !held) {
        outcomes.add(Outcome.of(p, reply));
      }
    }
    return new AppliedBatch(writes, outcomes, working, workingRollover, allEvents, published, afterCommit, commands);
  }

  /**
   * A repeat answered from its stored result. One this version cannot read (a status or reason
   * written by a newer version before a rollback) fails that request alone, never its batch.
   */
  private Outcome replay(ShardInput p, JsonObject stored) {
    try {
      return Outcome.of(p, DealingReply.fromJson(stored).asReplay());
    } catch (RuntimeException e) {
      LOG.error("shard {}: account {}: the stored result of clientOrderId {} cannot be read: {}", shard, p.accountId(),
        p.clientOrderId(), e.toString());
      return Outcome.failed(p, ApiErrorCode.INTERNAL_ERROR, "the stored result of this clientOrderId cannot be read; "
        + "the order was not placed again", "clientOrderId");
    }
  }

  /** The dealing context of an account of {@code group}; {@code byGroup} reuses client quotes within a batch. */
  DealingContext context(Group group, DealingRefData data, Map<String, Quotes> byGroup, Instant now) {
    Quotes q = byGroup.computeIfAbsent(group.name(), g -> quotes.forProfile(data.markup(g), now.toEpochMilli()));
    return new DealingContext(group, data.symbols(), q, rollovers, now, ids);
  }
}
