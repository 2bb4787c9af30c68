package com.rtx.dealing;

import com.rtx.dealing.BatchApplier.AppliedBatch;
import com.rtx.bus.DealingAddresses;
import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.core.dealing.AccountEvent;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.dealing.Command;
import com.rtx.core.dealing.QuoteGuard;
import com.rtx.core.swap.Rollover;
import com.rtx.core.swap.RolloverSchedule;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One dealing shard's sequencer: the only writer of its accounts. It queues inputs
 * ({@link ShardInput}), applies each batch with {@link BatchApplier}, writes it through
 * {@link DealingStore}, and only then changes {@link ShardMemory}, publishes and answers
 * ({@link ShardViews} shows the memory).
 *
 * <p>Commands queue here and run in batches: while one batch's transaction is in flight, new
 * commands wait, and the next batch takes up to {@code maxBatch} of them into one transaction
 * (group commit). Each command is applied to the state left by the commands before it; nothing
 * reaches memory, the bus or the client until its transaction has committed. A batch that fails
 * on a data error is retried in halves until the failing command stands alone, so one bad command
 * never sinks the others; a lost connection or an unknown commit outcome answers 503 and leaves
 * memory as it was (what the database holds).
 *
 * <p>Runs on its verticle's event loop only; no locking.
 */
final class DealingShard {

  private static final Logger LOG = LoggerFactory.getLogger(DealingShard.class);

  private final int shard;
  private final Vertx vertx;
  private final DealingStore store;
  private final Supplier<DealingRefData> refdata;
  private final RolloverSchedule rollovers;
  private final Clock clock;
  private final int maxBatch;
  private final Runnable lost;
  private final LpBoard board;
  private final LpOrderDesk desk;
  private final BatchApplier applier;
  private final QuoteGuard guard = new QuoteGuard();
  private final RecentRequests recent;
  private final ShardMemory memory;
  private final ShardViews views;
  /** Accounts with roll-overs / an expiry queued and not yet run (the timer queues each once). */
  private final Set<Long> rolloversQueued = new HashSet<>();
  private final Set<Long> expiriesQueued = new HashSet<>();
  private final ArrayDeque<ShardInput> queue = new ArrayDeque<>();
  private final Set<String> movedSymbols = new LinkedHashSet<>();
  private final AccountReloads reloads = new AccountReloads();
  private boolean busy;
  /**
   * Batches answered and not yet stamped ({@code (batchId, time)}, {@code dealing_batch.replied_at}):
   * carried by the next batch's transaction, or written on a tick with no batch since the last one.
   */
  private final List<Tuple> unstampedReplies = new ArrayList<>();
  private int batchesSinceTick;
  /** Waiters for the batch in flight to finish ({@link #idle}). */
  private Promise<Void> idle;
  private boolean serving = true;
  private int batchLimit;
  /** Commands still to run in smaller batches after a data error, until the bad one stands alone. */
  private int retryingLeft;

  DealingShard(int shard, ShardServices services, DealingStore store, ShardIds ids,
               Map<Long, DealingStore.StoredAccount> loaded, RecentRequests recent, Runnable lost) {
    this.shard = shard;
    this.vertx = services.vertx();
    this.store = store;
    this.refdata = services.refdata();
    this.rollovers = services.rollovers();
    this.clock = services.clock();
    this.maxBatch = services.maxBatch();
    this.batchLimit = maxBatch;
    this.lost = lost;
    this.board = services.board();
    this.recent = recent;
    this.desk = new LpOrderDesk(vertx, clock, services.lpTimeoutMs(), report -> {
      queue.add(new ShardInput.DeskReport(report.accountId(), report));
      drain();
    }, (accountId, orderId, note) -> store.noteLpOrder(orderId, note)
      .onFailure(e -> LOG.warn("note on order {} of account {} not stored: {}", orderId, accountId, e.toString())),
      services.quotes()::raw);
    this.applier = new BatchApplier(shard, services.quotes(), rollovers, ids, services.faults(), desk, board, guard);
    this.memory = new ShardMemory(rollovers, clock);
    loaded.forEach((id, stored) -> memory.install(stored));
    loaded.forEach((id, stored) -> stored.state().lpOrders().values().forEach(o -> {
      DealingStore.LpRoute route = stored.lpRoutes().getOrDefault(o.id(), DealingStore.LpRoute.UNKNOWN);
      desk.recovered(id, o, route);
    }));
    this.views = new ShardViews(shard, vertx, refdata, clock, applier, memory.bBookExposure(refdata.get()));
  }

  int shard() {
    return shard;
  }

  int accountCount() {
    return memory.size();
  }

  /** Completes once no batch is in flight (stop first, so none starts). */
  Future<Void> idle() {
    if (!busy) {
      return Future.succeededFuture();
    }
    if (idle == null) {
      idle = Promise.promise();
    }
    return idle.future();
  }

  /** Stops taking commands: everything queued is answered 503 (the caller may retry elsewhere). */
  void stop() {
    serving = false;
    while (!queue.isEmpty()) {
      ShardInput p = queue.poll();
      if (p.reply() != null) {
        p.reply().tryFail(DealingReplies.unavailable());
      }
    }
    reloads.stop(DealingReplies.unavailable());
  }

  /** A dealing request from the bus; the future fails with a {@code DealingFailure} when it cannot be served. */
  Future<DealingReply> request(DealingRequest req) {
    if (!serving) {
      return Future.failedFuture(DealingReplies.unavailable());
    }
    long accountId = req.accountId();
    if (req instanceof DealingRequest.ReadAccount) {
      return read(accountId);
    }
    if (req instanceof DealingRequest.Reload) {
      Future<DealingReply> reloaded = reloads.request(accountId);
      drain();
      return reloaded;
    }
    DealingReply halted = KillSwitch.rejection(vertx, req);
    if (halted != null) {
      return Future.succeededFuture(halted);
    }
    Promise<DealingReply> reply = Promise.promise();
    queue.add(new ShardInput.Request(accountId, req, reply));
    drain();
    return reply.future();
  }

  /** A new LP quote of {@code symbol} arrived: its accounts are re-evaluated in the next batch. */
  void quoteMoved(String symbol) {
    if (!memory.holding(symbol).isEmpty()) {
      movedSymbols.add(symbol);
      drain();
    }
  }

  /** Timer: expire due orders and run due roll-overs. */
  void tick() {
    stampQuietReplies();
    desk.tick(board);
    Instant now = clock.instant();
    List<Rollover> due = rollovers.due(LocalDate.ofInstant(now, RolloverSchedule.NEW_YORK).minusDays(10), now);
    LocalDate latest = due.isEmpty() ? null : due.get(due.size() - 1).tradeDate();
    for (AccountState a : memory.all()) {
      LocalDate last = memory.lastRollover(a.accountId());
      // Once per account until the queued commands have run: a tick during a slow commit must not queue them again.
      if (last != null && latest != null && last.isBefore(latest) && rolloversQueued.add(a.accountId())) {
        for (Rollover r : rollovers.due(last, now)) {
          queue.add(new ShardInput.Own(a.accountId(), new Command.ApplyRollover(r)));
        }
      }
      if (a.orders().values().stream().anyMatch(o -> o.expireAt() != null && !o.expireAt().isAfter(now))
        && expiriesQueued.add(a.accountId())) {
        queue.add(new ShardInput.Own(a.accountId(), new Command.ExpireOrders()));
      }
    }
    drain();
  }

  /** A shard with no batch since the last tick writes its answered batches' times on their own. */
  private void stampQuietReplies() {
    if (batchesSinceTick == 0 && !busy && !unstampedReplies.isEmpty()) {
      List<Tuple> rows = new ArrayList<>(unstampedReplies);
      unstampedReplies.clear();
      store.stampReplies(rows).onFailure(e -> LOG.debug("shard {}: reply times of {} batch(es) not written: {}", shard,
        rows.size(), e.toString()));
    }
    batchesSinceTick = 0;
  }

  /** An LP's trade session came (back) up: ask it about every order of this shard it holds. */
  void lpUp(String lp) {
    desk.reconcile(lp);
  }

  /** Orders at an LP with no report for three timeouts (health, metrics). */
  long unknownLpOrders() {
    return desk.unknownCount();
  }

  /** Quote re-valuations this shard left out (every price inside the account's band) and ran, so far. */
  long[] quoteRevaluations() {
    return new long[] {guard.skips(), guard.runs()};
  }

  /** Gateways say which of this shard's accounts clients are watching (see DealingAddresses). */
  void watched(Iterable<Long> accountIds) {
    for (Long id : accountIds) {
      if (memory.contains(id)) {
        views.watched(id);
      }
    }
  }

  /** Timer: publish account summaries whose equity moved, and the exposure if it changed. */
  void publishSummaries() {
    if (serving) {
      views.publish(memory);
    }
  }

  /** An account loaded after the start (new, or evicted while idle): its orders at an LP are tracked again. */
  private void installIfAbsent(DealingStore.StoredAccount stored) {
    long id = stored.state().accountId();
    if (memory.contains(id)) {
      return;
    }
    memory.installIfAbsent(stored);
    stored.state().lpOrders().values().stream().filter(o -> desk.get(o.id()) == null).forEach(o ->
      desk.recovered(id, o, stored.lpRoutes().getOrDefault(o.id(), DealingStore.LpRoute.UNKNOWN)));
  }

  private Future<DealingReply> read(long accountId) {
    Future<AccountState> found = memory.contains(accountId) ? Future.succeededFuture(memory.get(accountId))
      : store.loadAccounts(List.of(accountId)).map(loaded -> {
        loaded.values().forEach(this::installIfAbsent);
        return memory.get(accountId);
      });
    return found.compose(state -> state == null
      ? Future.failedFuture(DealingReplies.failure(ApiErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId, "accountId"))
      : Future.succeededFuture(views.account(state)));
  }

  private void drain() {
    if (!busy && serving) {
      reloads.run(memory::get, this::evict);
    }
    if (busy || !serving || (queue.isEmpty() && movedSymbols.isEmpty())) {
      return;
    }
    busy = true;
    List<ShardInput> batch = new ArrayList<>();
    for (String symbol : movedSymbols) {
      for (Long id : memory.holding(symbol)) {
        batch.add(new ShardInput.Own(id, new Command.ProcessQuote(symbol)));
        views.dirty(id);
      }
    }
    movedSymbols.clear();
    int clientCommands = 0;
    int limit = retryingLeft > 0 ? batchLimit : maxBatch;
    while (!queue.isEmpty() && clientCommands < limit) {
      ShardInput next = queue.poll();
      // Taken: the timer may queue the account's next roll-over or expiry again from now on.
      if (next.command() instanceof Command.ExpireOrders) {
        expiriesQueued.remove(next.accountId());
      } else if (next.command() instanceof Command.ApplyRollover) {
        rolloversQueued.remove(next.accountId());
      }
      batch.add(next);
      clientCommands++;
    }
    int taken = clientCommands;
    prepare(batch)
      .compose(known -> run(batch, known))
      .onSuccess(v -> retryingLeft = Math.max(0, retryingLeft - taken))
      .onFailure(e -> {
        // Reading (accounts, earlier results) failed, or a bug: nothing was written; answer, never hang.
        LOG.warn("shard {}: batch of {} not run: {}", shard, batch.size(), e.toString());
        batch.stream().filter(p -> p.reply() != null).forEach(p -> p.reply().tryFail(
          e instanceof RuntimeException && !(e instanceof io.vertx.core.VertxException) && !(e instanceof PgException)
            ? DealingReplies.failure(ApiErrorCode.INTERNAL_ERROR, "the command could not be run", null)
            : DealingReplies.unavailable()));
      })
      .onComplete(ar -> {
        busy = false;
        if (idle != null) {
          idle.complete();
          idle = null;
        }
        vertx.runOnContext(v -> drain());
      });
  }

  /**
   * Loads accounts not in memory yet, and the stored results of the batch's client order ids that
   * the window of recent ids knows (repeats: rare, so most batches read nothing here).
   */
  private Future<Map<String, JsonObject>> prepare(List<ShardInput> batch) {
    Set<Long> missing = new HashSet<>();
    List<Long> requestAccounts = new ArrayList<>();
    List<String> requestIds = new ArrayList<>();
    for (ShardInput p : batch) {
      if (!memory.contains(p.accountId())) {
        missing.add(p.accountId());
      }
      String clientOrderId = p.clientOrderId();
      if (clientOrderId != null && recent.contains(DealingStore.requestKey(p.accountId(), clientOrderId))) {
        requestAccounts.add(p.accountId());
        requestIds.add(clientOrderId);
      }
    }
    Future<Void> loaded = missing.isEmpty() ? Future.succeededFuture()
      : store.loadAccounts(missing).map(found -> {
        found.values().forEach(this::installIfAbsent);
        return null;
      });
    return loaded.compose(v -> store.findRequests(requestAccounts, requestIds));
  }

  private Future<Void> run(List<ShardInput> batch, Map<String, JsonObject> known) {
    AppliedBatch applied = applier.apply(batch, memory::get, memory::lastRollover, known, refdata.get(), clock.instant());
    ShardWrites writes = applied.writes();
    if (writes.isEmpty()) {
      applied.afterCommit().forEach(Runnable::run);
      applied.outcomes().forEach(o -> answer(o, null));
      return Future.succeededFuture();
    }
    List<Tuple> carried = new ArrayList<>(unstampedReplies);
    unstampedReplies.clear();
    writes.replied(carried);
    return store.write(writes, Math.max(applied.commands(), 1))
      .recover(e -> e instanceof DealingStore.CommitOutcomeUnknown u
        ? store.batchCommitted(u.batchId).compose(yes -> yes ? Future.succeededFuture(u.batchId) : Future.failedFuture(e))
        : Future.failedFuture(e))
      .map(batchId -> {
        committed(applied);
        applied.afterCommit().forEach(Runnable::run);
        applied.outcomes().forEach(o -> answer(o, batchId));
        unstampedReplies.add(Tuple.of(batchId, ShardWrites.utc(clock.instant())));
        batchesSinceTick++;
        return (Void) null;
      })
      .recover(e -> {
        unstampedReplies.addAll(0, carried);
        failed(batch, e);
        return Future.succeededFuture();
      });
  }

  /** After the commit: memory takes the new states, then events go out, then replies. */
  private void committed(AppliedBatch applied) {
    memory.committed(applied.working(), applied.workingRollover());
    applied.working().keySet().forEach(views::dirty);
    applied.writes().requests().forEach(row -> recent.add(DealingStore.requestKey(row.getLong(0), row.getString(1))));
    for (AccountEvent e : applied.events()) {
      // A deal from an LP fill is the LP's risk, not the house's: only internal fills move exposure.
      if (e instanceof AccountEvent.DealExecuted d && desk.get(d.deal().orderId()) == null) {
        views.houseDeal(d.deal());
      }
    }
    applied.published().forEach((id, list) -> vertx.eventBus().publish(DealingAddresses.account(id),
      new JsonObject().put("accountId", id).put("version", memory.get(id).version()).put("events", list)));
  }

  private void failed(List<ShardInput> batch, Throwable e) {
    List<ShardInput> clients = batch.stream().filter(ShardInput::mustRetry).toList();
    // Held A-Book replies are not among the outcomes: answer every waiting client of the batch.
    List<Promise<DealingReply>> waiting = batch.stream().map(ShardInput::reply).filter(r -> r != null).toList();
    if (e instanceof DealingStore.VersionConflict || e instanceof DealingStore.CommitOutcomeUnknown) {
      // Another writer, or a commit we cannot confirm: memory may no longer be what the database
      // holds. Stop serving; the verticle gives the shard up and rebuilds it from the database.
      LOG.error("shard {}: {}; giving the shard up", shard, e.getMessage());
      waiting.forEach(r -> r.tryFail(DealingReplies.unavailable()));
      stop();
      lost.run();
    } else if (repeatedRequest(e) && recent.addAll(requestKeys(clients))) {
      // A client order id stored before the window of recent ids began: nothing was written; run the
      // batch again, now reading the stored results of its ids, so the repeat is answered as a replay.
      LOG.info("shard {}: a client order id of the batch was stored before; running the batch again", shard);
      requeue(clients);
    } else if (isDataError(e) && clients.size() > 1) {
      // A data error of one command: retry the batch in halves, in order, until it stands alone.
      batchLimit = Math.max(1, clients.size() / 2);
      retryingLeft = clients.size() + batchLimit;
      LOG.warn("shard {}: batch of {} failed ({}); retrying in batches of {}", shard, clients.size(), e.getMessage(),
        batchLimit);
      requeue(clients);
    } else {
      LOG.warn("shard {}: batch of {} not committed: {}", shard, batch.size(), e.toString());
      boolean dataError = isDataError(e);
      for (Promise<DealingReply> r : waiting) {
        r.tryFail(dataError
          ? DealingReplies.failure(ApiErrorCode.NOT_PERSISTED, "the command could not be stored", null)
          : DealingReplies.unavailable());
      }
    }
  }

  private void requeue(List<ShardInput> inputs) {
    for (int i = inputs.size() - 1; i >= 0; i--) {
      queue.addFirst(inputs.get(i));
    }
  }

  private static Set<String> requestKeys(List<ShardInput> inputs) {
    Set<String> keys = new HashSet<>();
    inputs.stream().filter(p -> p.clientOrderId() != null)
      .forEach(p -> keys.add(DealingStore.requestKey(p.accountId(), p.clientOrderId())));
    return keys;
  }

  /** The stored result of a client order id the window did not know (order_request's primary key). */
  private static boolean repeatedRequest(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState())
      && "order_request_pkey".equals(pg.getConstraint());
  }

  /**
   * Whether the database refused the data (constraint, value, raised exception), as opposed to the
   * connection, the server or contention failing (classes 08, 40, 53, 57...), where the same
   * commands would fail alike and the client should simply retry.
   */
  private static boolean isDataError(Throwable e) {
    if (!(e instanceof PgException pg) || pg.getSqlState() == null) {
      return false;
    }
    String sqlClass = pg.getSqlState().substring(0, 2);
    return sqlClass.equals("22") || sqlClass.equals("23") || sqlClass.equals("P0") || sqlClass.equals("42");
  }

  /** Answers an outcome's waiting sender: a served command with the account's summary after it. */
  private void answer(BatchApplier.Outcome outcome, Long batchId) {
    ShardInput p = outcome.input();
    if (p.reply() == null) {
      return;
    }
    if (outcome.failure() != null) {
      p.reply().tryFail(outcome.failure());
      return;
    }
    DealingReply reply = outcome.reply().withBatchId(batchId);
    AccountState state = memory.get(p.accountId());
    if (state != null && reply.account() == null && !reply.rejected()) {
      reply = views.summary(state).map(reply::withAccount).orElse(reply);
    }
    p.reply().tryComplete(reply);
  }

  /** Forgets an idle account ({@link AccountReloads}); the next command loads it again. */
  private void evict(long accountId) {
    memory.evict(accountId);
    views.forget(accountId);
    guard.invalidate(accountId);
  }
}
