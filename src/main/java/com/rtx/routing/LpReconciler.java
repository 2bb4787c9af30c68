package com.rtx.routing;

import com.rtx.core.market.LpDialect;
import com.rtx.core.routing.ExecutionProfile;
import com.rtx.core.routing.LpOrderStyle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.field.ClOrdID;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.TimeInForce;
import quickfix.field.OrderQty;
import quickfix.fix44.NewOrderSingle;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Reconciles the house position at each LP with the platform's record, per symbol: every
 * {@code router.reconcile-interval-ms} and after every logon of a trade session held here it sends
 * a RequestForPositions (35=AN), gathers the RequestForPositionsAck (AO) and PositionReports (AP),
 * and compares them ({@link LpPositionCheck}) with what the platform recorded before and after the
 * request ({@link ReconciliationStore}); a symbol whose record moved in between, or with orders
 * still at the LP, is IN_FLIGHT. Every run is stored with its lines.
 *
 * <p>An LP that does not answer AN — its execution profile says {@code positionRequests: false}, or it
 * refused one (35=3, 35=j, PosReqResult 4: that run is stored UNSUPPORTED) — is reconciled from its own
 * fills instead (source FILLS, {@link LpFills}): what it reported executing on our orders and repairs,
 * read with the platform's record in one snapshot ({@link ReconciliationStore#fills}), compared and
 * repaired exactly like AN. A symbol with orders still SENT_TO_LP is IN_FLIGHT there too (their fills
 * may not have been reported yet, so they are never called a missing hedge); where the LP answers
 * status requests, each run asks it about such orders sent longer than the timeout ago, and its answer
 * goes to the order's shard like any status answer, which books a fill the platform never received
 * (compared on the next run). An LP that refused AN is asked again every {@value #AN_RETRY_RUNS} runs.
 *
 * <p>Run outcomes: OK, DIFFERENCE, UNSUPPORTED (the LP refused AN with 35=3 or 35=j, or answered
 * PosReqResult 4), NO_ANSWER (no complete answer within {@code router.reconcile-timeout-ms}),
 * FAILED (anything else: a refusing ack, a database error).
 *
 * <p>A difference of at most {@code router.reconcile-repair-max-lots} (0: none) is repaired with an
 * order that brings the LP to the platform's number (ClOrdID {@code RCN-<id>}), built like a client's
 * market order under the LP's execution profile and dialect ({@link OrderCommands#repair}: a limit at
 * the quote ± its deviation for a limit-only LP, IOC or else FOK, its Account and fixed tags), stored
 * in {@code lp_position_repair} with the evidence and audited; one repair per LP and symbol at a
 * time, and a difference whose repair failed or could not be built is not repaired again (alerted). A larger one is
 * alerted: logged and counted in {@code rtx_lp_reconciliation_unresolved{lp}}.
 *
 * <p>Runs on the router verticle's context only.
 */
final class LpReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(LpReconciler.class);
  static final String REPAIR_PREFIX = "RCN-";
  /** An LP that refused AN is reconciled from its fills; every this many runs AN is tried again. */
  static final int AN_RETRY_RUNS = 20;
  /** Status requests a FILLS run sends at most (oldest open orders first). */
  static final int STATUS_REQUESTS_PER_RUN = 20;

  /** What the reconciler needs to know of each LP, read when needed (settings change at runtime). */
  interface Counterparties {
    /** How the LP names symbols and counts quantities: PositionReports and repairs speak the LP's way. */
    LpDialect dialect(String lp);

    /** The LP's execution profile; empty when it cannot be read (then no order is sent to it). */
    Optional<ExecutionProfile> profile(String lp);

    /** Whether the LP may be sent an OrderStatusRequest: its profile says so and it has not refused one. */
    boolean answersStatus(String lp);

    /** Price digits of {@code symbol} (points of a limit-only LP's deviation). */
    int digits(String symbol);

    /** The latest quote's price of {@code symbol} on a side (ask for a buy), or null when there is none. */
    Future<BigDecimal> quoted(String symbol, boolean buy);
  }

  /** One request in progress. */
  private static final class Run {
    final String lp;
    final String posReqId;
    final Instant started;
    final ReconciliationStore.Recorded before;
    final Map<String, BigDecimal> units = new HashMap<>();
    final Map<String, String> raw = new HashMap<>();
    final Set<String> unreadable = new HashSet<>();
    int expected = -1;
    int received;
    long timer;

    Run(String lp, String posReqId, Instant started, ReconciliationStore.Recorded before) {
      this.lp = lp;
      this.posReqId = posReqId;
      this.started = started;
      this.before = before;
    }
  }

  /** A repair order sent and not yet final. */
  /** A repair sent: {@code quantity} is its OrderQty in the LP's unit. */
  private record Repair(String lp, String symbol, BigDecimal difference, BigDecimal quantity) {
  }

  private final Vertx vertx;
  private final ReconciliationStore store;
  private final MeterRegistry metrics;
  private final Clock clock;
  private final long timeoutMs;
  private final BigDecimal repairMaxLots;
  private final BiFunction<String, quickfix.Message, Future<Boolean>> send;
  private final Supplier<Map<String, BigDecimal>> contractSizes;
  private final Counterparties lps;
  private final Map<String, Run> runs = new HashMap<>();
  private final Set<String> starting = new HashSet<>();
  /** LPs with a FILLS run in progress. */
  private final Set<String> fillsRunning = new HashSet<>();
  /** LP → FILLS runs since it refused AN (present while it is reconciled from its fills). */
  private final Map<String, Integer> anRefused = new HashMap<>();
  private final Map<String, Repair> repairs = new HashMap<>();
  /**
   * Repairs answered whose answer is not yet stored: a FILLS run reads repair fills from the table, so
   * their symbols stay in flight until the row says what filled.
   */
  private final Map<String, Repair> settling = new HashMap<>();
  /** LP/symbol → the difference whose repair failed: alerted, not repaired again. */
  private final Map<String, BigDecimal> failedRepairs = new HashMap<>();
  /**
   * LP/symbol pairs whose LP filled a repair with another quantity than the one sent: repairing
   * again would chase its over- or under-fill back and forth, each time paying the spread, so this
   * node only alerts them until it restarts.
   */
  private final Set<String> misfilledRepairs = new HashSet<>();
  private final Map<String, Double> differences = new ConcurrentHashMap<>();
  private final Map<String, Integer> unresolved = new ConcurrentHashMap<>();
  /** LP/symbol → the difference last logged as an alert. */
  private final Map<String, BigDecimal> alerted = new HashMap<>();
  /** LP → symbols its latest run compared: one that is flat on both sides now still gets its line (a MATCH). */
  private final Map<String, Set<String>> compared = new HashMap<>();
  private long sequence;

  /**
   * @param send          sends a FIX message on the LP's session held here; false when not logged on
   * @param contractSizes units per lot of each symbol (PositionReport quantities are in the LP's unit)
   * @param lps           each LP's dialect, execution profile and status answers; quotes for limit repairs
   */
  LpReconciler(Vertx vertx, ReconciliationStore store, MeterRegistry metrics, Clock clock, long timeoutMs,
               BigDecimal repairMaxLots, BiFunction<String, quickfix.Message, Future<Boolean>> send,
               Supplier<Map<String, BigDecimal>> contractSizes, Counterparties lps) {
    this.lps = lps;
    this.vertx = vertx;
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
    this.timeoutMs = timeoutMs;
    this.repairMaxLots = repairMaxLots;
    this.send = send;
    this.contractSizes = contractSizes;
  }

  /** Registers the LP's gauge of unresolved differences (once per LP). */
  void register(String lp) {
    if (unresolved.putIfAbsent(lp, 0) == null) {
      Gauge.builder("rtx.lp.reconciliation.unresolved", unresolved, m -> m.getOrDefault(lp, 0)).tag("lp", lp)
        .description("Symbols whose house position at the LP differs from the platform's record and is not "
          + "being repaired, as of the latest reconciliation run").register(metrics);
    }
  }

  /**
   * Starts a run for {@code lp} unless one is in progress: AN, or FILLS for an LP that does not answer
   * AN; nothing happens when its session is not logged on (AN).
   */
  void reconcile(String lp) {
    if (runs.values().stream().anyMatch(r -> r.lp.equals(lp)) || starting.contains(lp) || fillsRunning.contains(lp)) {
      return;
    }
    boolean asks = lps.profile(lp).map(ExecutionProfile::positionRequests).orElse(true);
    Integer sinceRefusal = anRefused.get(lp);
    if (!asks || (sinceRefusal != null && sinceRefusal < AN_RETRY_RUNS)) {
      if (sinceRefusal != null) {
        anRefused.put(lp, sinceRefusal + 1);
      }
      reconcileFills(lp);
      return;
    }
    if (sinceRefusal != null) {
      anRefused.put(lp, 0); // AN tried again: a refusal starts the count anew
    }
    starting.add(lp);
    Instant started = clock.instant();
    String posReqId = "POS-" + Long.toString(started.toEpochMilli(), 36) + "-" + (++sequence);
    store.recorded(lp).compose(before -> {
      Run run = new Run(lp, posReqId, started, before);
      runs.put(posReqId, run);
      run.timer = vertx.setTimer(timeoutMs, id -> timedOut(posReqId));
      return send.apply(lp, PositionMessages.request(posReqId, started)).onComplete(sent -> {
        if (sent.failed() || !sent.result()) {
          // Not logged on (any more): no run, the next logon starts one.
          vertx.cancelTimer(run.timer);
          runs.remove(posReqId);
        }
      });
    }).onFailure(e -> {
      LOG.warn("LP {} reconciliation could not start: {}", lp, e.getMessage());
      count(lp, "FAILED");
    }).onComplete(v -> starting.remove(lp));
  }

  /** An AO or AP of the trade session; false when it answers no request in progress. */
  boolean onAnswer(PositionMessages.Answer answer) {
    Run run = answer.posReqId() == null ? null : runs.get(answer.posReqId());
    if (run == null || !run.lp.equals(answer.lp())) {
      LOG.warn("LP {} sent a position message for request {}, which is not in progress: ignored", answer.lp(),
        answer.posReqId());
      return false;
    }
    if (answer instanceof PositionMessages.Ack ack) {
      if (!ack.accepted()) {
        String text = "PosReqResult " + ack.result() + ", PosReqStatus " + ack.status()
          + (ack.text() == null ? "" : ": " + ack.text());
        finishWithout(run, ack.result() == quickfix.field.PosReqResult.REQUEST_FOR_POSITION_NOT_SUPPORTED
          ? "UNSUPPORTED" : "FAILED", text);
        return true;
      }
      run.expected = ack.result() == quickfix.field.PosReqResult.NO_POSITIONS_FOUND_THAT_MATCH_CRITERIA ? 0
        : Math.max(0, ack.reports());
    } else if (answer instanceof PositionMessages.Report report) {
      run.received++;
      // The LP's name back to ours; a name of nothing of ours stays visible (and unreadable) as "?<name>".
      String symbol = lps.dialect(run.lp).symbol(report.symbol())
        .orElse("?" + (report.symbol() == null ? "" : report.symbol()));
      run.raw.put(symbol, report.raw());
      if (report.netUnits() == null) {
        run.unreadable.add(symbol);
      } else {
        run.units.merge(symbol, report.netUnits(), BigDecimal::add);
      }
    }
    if (run.expected >= 0 && run.received >= run.expected) {
      complete(run);
    }
    return true;
  }

  /** A Reject or BusinessMessageReject of one of our AN or repair orders; false when it is not one. */
  boolean onRefused(LpRefusals.Refusal refusal) {
    if (quickfix.field.MsgType.REQUEST_FOR_POSITIONS.equals(refusal.msgType())) {
      Run run = runs.get(refusal.clOrdId());
      if (run != null) {
        finishWithout(run, "UNSUPPORTED", refusal.text());
      }
      return true;
    }
    if (refusal.clOrdId() != null && refusal.clOrdId().startsWith(REPAIR_PREFIX)) {
      repairFinal(refusal.lp(), refusal.clOrdId(), "REJECTED", null, null, refusal.text());
      return true;
    }
    return false;
  }

  /** An ExecutionReport of a repair order ({@code RCN-…}); false when it is not one. */
  boolean onExecution(ExecutionReports.Report report) {
    if (report.clOrdId() == null || !report.clOrdId().startsWith(REPAIR_PREFIX)) {
      return false;
    }
    String status = switch (report.ordStatus()) {
      case OrdStatus.FILLED -> "FILLED";
      case OrdStatus.PARTIALLY_FILLED -> "PARTIALLY_FILLED";
      case OrdStatus.CANCELED, OrdStatus.EXPIRED -> "CANCELED";
      case OrdStatus.REJECTED -> "REJECTED";
      default -> null;
    };
    if (status != null) {
      repairFinal(report.lp(), report.clOrdId(), status, decimal(report.cumQty()), decimal(report.avgPx()), report.text());
    }
    return true;
  }

  private void repairFinal(String lp, String clOrdId, String status, BigDecimal filled, BigDecimal avgPx, String text) {
    Repair known = repairs.get(clOrdId);
    if (known != null && !known.lp.equals(lp)) {
      // Repair ClOrdIDs are sequential: another LP naming one must not move this LP's record.
      LOG.error("LP {} reported on repair {}, which was sent to {}: ignored", lp, clOrdId, known.lp);
      return;
    }
    boolean done = !"PARTIALLY_FILLED".equals(status);
    Repair repair = done ? repairs.remove(clOrdId) : known;
    if (repair != null && done) {
      if ("FILLED".equals(status) && filled != null && repair.quantity != null
        && filled.compareTo(repair.quantity) != 0) {
        misfilledRepairs.add(repair.lp + "/" + repair.symbol);
        LOG.error("LP {} filled repair {} of {} with {} instead of {}: the next difference is alerted, not repaired",
          repair.lp, clOrdId, repair.symbol, filled.toPlainString(), repair.quantity.toPlainString());
      } else if ("FILLED".equals(status)) {
        LOG.info("LP {} repair {} of {} filled", repair.lp, clOrdId, repair.symbol);
      } else {
        failedRepairs.put(repair.lp + "/" + repair.symbol, repair.difference);
        LOG.error("LP {} repair {} of {} ended {}: {} — the difference is alerted, not repaired again", repair.lp,
          clOrdId, repair.symbol, status, text);
      }
      count(repair.lp, status, "rtx.lp.position.repairs");
    }
    if (repair != null && done) {
      settling.put(clOrdId, repair);
    }
    store.repairAnswered(lp, clOrdId, status, filled, avgPx, text == null ? null : LpRefusals.printable(text),
        clock.instant())
      .onFailure(e -> LOG.error("repair {}: cannot record {}: {}", clOrdId, status, e.getMessage()))
      .onComplete(v -> settling.remove(clOrdId));
  }

  private static BigDecimal quantity(NewOrderSingle order) {
    try {
      return new BigDecimal(order.getString(OrderQty.FIELD));
    } catch (quickfix.FieldNotFound | NumberFormatException e) {
      return null;
    }
  }

  /** Symbols of {@code lp} with a repair sent and not settled in the table. */
  private Set<String> repairing(String lp) {
    Set<String> symbols = new HashSet<>();
    repairs.values().stream().filter(r -> r.lp.equals(lp)).forEach(r -> symbols.add(r.symbol));
    settling.values().stream().filter(r -> r.lp.equals(lp)).forEach(r -> symbols.add(r.symbol));
    return symbols;
  }

  private void timedOut(String posReqId) {
    Run run = runs.get(posReqId);
    if (run != null) {
      finishWithout(run, "NO_ANSWER", run.expected < 0 ? "no RequestForPositionsAck within " + timeoutMs + " ms"
        : run.received + " of " + run.expected + " PositionReports within " + timeoutMs + " ms");
    }
  }

  /** A run with no comparison: stored and counted. */
  private void finishWithout(Run run, String outcome, String detail) {
    end(run);
    LOG.warn("LP {} reconciliation {}: {}", run.lp, outcome, detail);
    count(run.lp, outcome);
    store.saveRun(run.lp, run.posReqId, "AN", run.started, clock.instant(), outcome, LpRefusals.printable(detail),
        List.of(), Map.of())
      .onFailure(e -> LOG.error("LP {} reconciliation run not recorded: {}", run.lp, e.getMessage()));
    if ("UNSUPPORTED".equals(outcome)) {
      if (anRefused.put(run.lp, 0) == null) {
        LOG.warn("LP {} does not answer RequestForPositions: reconciled from its own fills from now on (AN is tried "
          + "again every {} runs)", run.lp, AN_RETRY_RUNS);
      }
      if (!fillsRunning.contains(run.lp)) {
        reconcileFills(run.lp);
      }
    }
  }

  /**
   * A FILLS run: asks the LP about its open orders where it answers status requests (their answers
   * go to the shards), then compares its own fills with the platform's record, one snapshot.
   */
  private void reconcileFills(String lp) {
    fillsRunning.add(lp);
    Instant started = clock.instant();
    String runRef = "FILLS-" + Long.toString(started.toEpochMilli(), 36) + "-" + (++sequence);
    askStatus(lp, started);
    Map<String, BigDecimal> sizes = contractSizes.get();
    // A repair answered while the snapshot is read may be missing from it: in flight for this run.
    Set<String> repairingAtStart = repairing(lp);
    store.fills(lp, sizes, lps.dialect(lp)).compose(snapshot -> {
      Map<String, BigDecimal> atLp = LpFills.positions(snapshot.executions());
      Map<String, String> raw = new HashMap<>();
      atLp.forEach((symbol, lots) -> raw.put(symbol, lots == null ? "unreadable" : lots.toPlainString() + " lots"));
      ReconciliationStore.Recorded recorded = snapshot.recorded();
      Set<String> inFlight = new HashSet<>(recorded.inFlight());
      inFlight.addAll(repairingAtStart);
      ReconciliationStore.Recorded record = new ReconciliationStore.Recorded(recorded.lots(), inFlight);
      return compareAndAct(lp, runRef, "FILLS", started, atLp, raw, record, record, snapshot.anRepaired(), sizes);
    }).onFailure(e -> {
      LOG.error("LP {} reconciliation from fills failed: {}", lp, e.getMessage());
      count(lp, "FAILED");
    }).onComplete(v -> fillsRunning.remove(lp));
  }

  /**
   * OrderStatusRequests for {@code lp}'s orders still SENT_TO_LP and sent more than the timeout ago
   * (a younger one is its shard's to ask about), where the LP answers them: the answer is delivered
   * to the order's shard like any, which books what the LP filled and the platform never heard of.
   */
  private void askStatus(String lp, Instant now) {
    if (!lps.answersStatus(lp)) {
      return;
    }
    ExecutionProfile profile = lps.profile(lp).orElse(ExecutionProfile.DEFAULT);
    store.openOrders(lp, now.minusMillis(timeoutMs), STATUS_REQUESTS_PER_RUN).onSuccess(open -> {
      for (ReconciliationStore.OpenOrder order : open) {
        JsonObject body = new JsonObject().put("type", "status").put("lp", lp).put("clOrdId", order.clOrdId())
          .put("accountId", order.accountId()).put("orderId", order.orderId()).put("symbol", order.symbol())
          .put("side", order.side());
        try {
          quickfix.Message request = OrderCommands.toFix(body, contractSizes.get(), lps.dialect(lp), profile, Map.of(),
            clock.instant());
          send.apply(lp, request).onFailure(e -> LOG.warn("LP {}: status request for {} not sent: {}", lp,
            order.clOrdId(), e.getMessage()));
        } catch (OrderCommands.Invalid | OrderCommands.Unsupported e) {
          LOG.warn("LP {}: no status request for open order {}: {}", lp, order.clOrdId(), e.getMessage());
        }
      }
    }).onFailure(e -> LOG.warn("LP {}: open orders not read: {}", lp, e.getMessage()));
  }

  private void end(Run run) {
    runs.remove(run.posReqId);
    vertx.cancelTimer(run.timer);
  }

  /** Every answer is in: compare with the platform's record read now, store, repair or alert. */
  private void complete(Run run) {
    end(run);
    if (anRefused.remove(run.lp) != null) {
      LOG.info("LP {} answers RequestForPositions again: reconciled from its PositionReports", run.lp);
    }
    store.recorded(run.lp).compose(after -> {
      Map<String, BigDecimal> sizes = contractSizes.get();
      Map<String, BigDecimal> atLp = new HashMap<>();
      for (String symbol : run.unreadable) {
        atLp.put(symbol, null);
      }
      LpDialect dialect = lps.dialect(run.lp);
      run.units.forEach((symbol, quantity) -> {
        if (!run.unreadable.contains(symbol)) {
          // The LP's quantity in units (lots of its own size where it has one), then platform lots.
          BigDecimal size = sizes.get(symbol);
          BigDecimal units = size != null ? dialect.toUnits(symbol, quantity, size) : quantity;
          atLp.put(symbol, LpPositionCheck.lots(units, size).orElse(null));
        }
      });
      return compareAndAct(run.lp, run.posReqId, "AN", run.started, atLp, run.raw, run.before, after, Set.of(), sizes);
    }).onFailure(e -> {
      LOG.error("LP {} reconciliation failed: {}", run.lp, e.getMessage());
      count(run.lp, "FAILED");
    });
  }

  /**
   * The comparison of either source: {@code reported} lots per symbol at the LP (a null value is
   * unreadable), the platform's record {@code before} and {@code after} the LP's number was taken (a
   * symbol whose record moved in between, with orders still at the LP or a repair in progress is
   * IN_FLIGHT); stores the run, publishes, repairs or alerts.
   *
   * @param runRef    the run's reference: the PosReqID (AN) or {@code FILLS-…}
   * @param raw       per symbol, what the LP's number came from (the evidence of a repair)
   * @param alertOnly symbols whose difference is alerted, never repaired: from fills, those an AN run
   *                  repaired — AN sees what fills cannot (a position the LP moved without a fill), so
   *                  after such a repair the two sources disagree and only a dealer can tell which is right
   */
  private Future<Void> compareAndAct(String lp, String runRef, String source, Instant started,
                                     Map<String, BigDecimal> reported, Map<String, String> raw,
                                     ReconciliationStore.Recorded before, ReconciliationStore.Recorded after,
                                     Set<String> alertOnly, Map<String, BigDecimal> sizes) {
    Map<String, BigDecimal> atLp = new HashMap<>();
    compared.getOrDefault(lp, Set.of()).forEach(symbol -> atLp.put(symbol, BigDecimal.ZERO));
    atLp.putAll(reported);
    Set<String> inFlight = new HashSet<>(before.inFlight());
    inFlight.addAll(after.inFlight());
    Set<String> moved = new HashSet<>(before.lots().keySet());
    moved.addAll(after.lots().keySet());
    moved.removeIf(s -> equal(before.lots().get(s), after.lots().get(s)));
    inFlight.addAll(moved);
    inFlight.addAll(repairing(lp));
    List<LpPositionCheck.Line> lines = LpPositionCheck.compare(atLp, after.lots(), inFlight);
    Set<String> seen = new HashSet<>();
    lines.stream().filter(l -> l.outcome() != LpPositionCheck.Outcome.MATCH || l.atLp().signum() != 0)
      .forEach(l -> seen.add(l.symbol()));
    compared.put(lp, seen);
    Map<String, String> actions = actions(lp, lines, alertOnly, sizes);
    boolean differs = lines.stream().anyMatch(l -> l.isDifference() || l.outcome() == LpPositionCheck.Outcome.UNREADABLE);
    String outcome = differs ? "DIFFERENCE" : "OK";
    publish(lp, lines, actions);
    count(lp, outcome);
    return store.saveRun(lp, runRef, source, started, clock.instant(), outcome, null, lines, actions)
      .compose(runId -> repairAll(runId, lp, runRef, source, raw, lines, actions, sizes));
  }

  /**
   * NONE, REPAIR or ALERT per symbol. A difference the LP's lots cannot say exactly (its own lot
   * size) is alerted: a repair of another amount would leave a new difference.
   */
  private Map<String, String> actions(String lp, List<LpPositionCheck.Line> lines, Set<String> alertOnly,
                                      Map<String, BigDecimal> sizes) {
    Map<String, String> actions = new HashMap<>();
    for (LpPositionCheck.Line line : lines) {
      String key = lp + "/" + line.symbol();
      if (!line.isDifference() && line.outcome() != LpPositionCheck.Outcome.UNREADABLE) {
        if (line.outcome() == LpPositionCheck.Outcome.MATCH) {
          failedRepairs.remove(key);
        }
        continue;
      }
      boolean failedBefore = line.difference() != null && failedRepairs.containsKey(key)
        && failedRepairs.get(key).compareTo(line.difference()) == 0;
      boolean repair = LpPositionCheck.repairable(line, repairMaxLots) && !failedBefore
        && !misfilledRepairs.contains(key) && !alertOnly.contains(line.symbol()) && expressible(lp, line, sizes.get(line.symbol()));
      actions.put(line.symbol(), repair ? "REPAIR" : "ALERT");
    }
    return actions;
  }

  /** Whether a repair of the line's difference can go to the LP as an exact quantity of its lots. */
  private boolean expressible(String lp, LpPositionCheck.Line line, BigDecimal contractSize) {
    if (contractSize == null) {
      return false;
    }
    try {
      lps.dialect(lp).toLp(line.symbol(), line.difference().abs(), contractSize);
      return true;
    } catch (LpDialect.InexactQuantity e) {
      LOG.error("LP {} {}: the difference cannot be repaired automatically: {}", lp, line.symbol(), e.getMessage());
      return false;
    }
  }

  private void publish(String lp, List<LpPositionCheck.Line> lines, Map<String, String> actions) {
    int alerts = 0;
    for (LpPositionCheck.Line line : lines) {
      String key = lp + "/" + line.symbol();
      if (differences.put(key, line.difference() == null ? Double.NaN : line.difference().doubleValue()) == null) {
        // A metric value, not money: the gauge reads the double of the exact difference.
        Gauge.builder("rtx.lp.position.difference", differences, m -> m.getOrDefault(key, 0.0))
          .tags("lp", lp, "symbol", line.symbol())
          .description("House position at the LP minus the platform's record, lots, as of the latest run")
          .register(metrics);
      }
      if (!"ALERT".equals(actions.get(line.symbol()))) {
        alerted.remove(key);
        continue;
      }
      alerts++;
      if (!equal(alerted.put(key, line.difference()), line.difference())) {
        // Logged when it appears or changes, not on every run; the gauge keeps it visible.
        LOG.error("LP {} position difference in {}: LP {} lots, platform {} lots ({}; beyond the automatic repair "
          + "of {} lots or its repair failed): a dealer must look", lp, line.symbol(), line.atLp(), line.platform(),
          line.outcome(), repairMaxLots.toPlainString());
      }
    }
    register(lp);
    unresolved.put(lp, alerts);
  }

  private Future<Void> repairAll(long runId, String lp, String runRef, String source, Map<String, String> raw,
                                 List<LpPositionCheck.Line> lines, Map<String, String> actions,
                                 Map<String, BigDecimal> sizes) {
    Future<Void> all = Future.succeededFuture();
    for (LpPositionCheck.Line line : lines) {
      if ("REPAIR".equals(actions.get(line.symbol())) && sizes.get(line.symbol()) != null) {
        all = all.compose(v -> repair(runId, lp, runRef, source, raw.get(line.symbol()), line,
          sizes.get(line.symbol())));
      }
    }
    return all;
  }

  /**
   * Sends the order that brings the LP to the platform's number: the difference, the other way, as
   * the LP takes orders ({@link OrderCommands#repair}). One that cannot be built (no quote to price a
   * limit-only LP's, a profile that takes neither IOC nor FOK) is not sent, and the difference is alerted.
   */
  private Future<Void> repair(long runId, String lp, String runRef, String source, String raw,
                              LpPositionCheck.Line line, BigDecimal contractSize) {
    BigDecimal lots = line.difference().abs();
    boolean buy = line.difference().signum() < 0;
    String side = buy ? "BUY" : "SELL";
    Optional<ExecutionProfile> profile = lps.profile(lp);
    if (profile.isEmpty()) {
      unrepairable(lp, line, "its execution profile cannot be read");
      return Future.succeededFuture();
    }
    Future<BigDecimal> quote = profile.get().orderStyle() == LpOrderStyle.MARKET ? Future.succeededFuture()
      : lps.quoted(line.symbol(), buy).otherwise((BigDecimal) null);
    return quote.compose(quoted -> {
      Instant now = clock.instant();
      NewOrderSingle order;
      try {
        order = OrderCommands.repair(REPAIR_PREFIX + "0", lp, line.symbol(), buy, lots, quoted, contractSize,
          lps.dialect(lp), profile.get(), lps.digits(line.symbol()), now);
      } catch (OrderCommands.Unsupported | OrderCommands.Invalid e) {
        unrepairable(lp, line, e.getMessage());
        return Future.succeededFuture();
      }
      BigDecimal units = lots.multiply(contractSize).stripTrailingZeros();
      JsonObject evidence = new JsonObject().put("runId", runId).put("posReqId", runRef).put("source", source)
        .put("lp", lp).put("symbol", line.symbol()).put("outcome", line.outcome().name())
        .put("lpLots", line.atLp().toPlainString()).put("platformLots", line.platform().toPlainString())
        .put("differenceLots", line.difference().toPlainString()).put("contractSize", contractSize.toPlainString())
        .put("AN".equals(source) ? "positionReport" : "lpFills", raw).put("maxLots", repairMaxLots.toPlainString());
      if (quoted != null) {
        evidence.put("quotedPrice", quoted.toPlainString());
      }
      BigDecimal lpQuantity = quantity(order);
      if (lpQuantity != null) {
        // The LP's answer (CumQty) is read against this, not against a dialect an admin may change later.
        evidence.put("lpOrderQty", lpQuantity.toPlainString());
      }
      JsonObject terms = terms(order);
      return store.saveRepair(runId, lp, line.symbol(), side, lots, units, evidence, terms, now).compose(clOrdId -> {
        repairs.put(clOrdId, new Repair(lp, line.symbol(), line.difference(), lpQuantity));
        order.set(new ClOrdID(clOrdId));
        LOG.warn("LP {} {} {}: repairing with {} {} lots ({} units) as {}, {}", lp, line.symbol(), line.outcome(), side,
          lots.toPlainString(), units.toPlainString(), terms.encode(), clOrdId);
        return send.apply(lp, order).map(sent -> {
          if (!sent) {
            repairFinal(lp, clOrdId, "NOT_SENT", null, null, "the trade session is not logged on");
          }
          return (Void) null;
        });
      });
    });
  }

  /** A repair that could not be built: alerted from the next run on, like one that failed. */
  private void unrepairable(String lp, LpPositionCheck.Line line, String why) {
    failedRepairs.put(lp + "/" + line.symbol(), line.difference());
    LOG.error("LP {} {}: the difference of {} lots cannot be repaired automatically ({}): a dealer must look", lp,
      line.symbol(), line.difference().toPlainString(), why);
    count(lp, "NOT_SENT", "rtx.lp.position.repairs");
  }

  /** What a repair order carries on the wire: ordType, timeInForce and (limits) price, as audited. */
  private static JsonObject terms(NewOrderSingle order) {
    JsonObject terms = new JsonObject();
    try {
      terms.put("ordType", order.getChar(OrdType.FIELD) == OrdType.LIMIT ? "LIMIT" : "MARKET");
      char tif = order.getChar(TimeInForce.FIELD);
      terms.put("timeInForce", tif == TimeInForce.IMMEDIATE_OR_CANCEL ? "IOC" : tif == TimeInForce.FILL_OR_KILL ? "FOK"
        : String.valueOf(tif));
      if (order.isSetField(quickfix.field.Price.FIELD)) {
        terms.put("price", order.getString(quickfix.field.Price.FIELD));
      }
    } catch (quickfix.FieldNotFound e) {
      throw new IllegalStateException("a repair order without OrdType or TimeInForce", e);
    }
    return terms;
  }

  private void count(String lp, String outcome) {
    count(lp, outcome, "rtx.lp.reconciliation.runs");
  }

  private void count(String lp, String outcome, String name) {
    Counter.builder(name).tags("lp", lp, "outcome", outcome)
      .description(name.endsWith("runs") ? "LP position reconciliation runs by outcome"
        : "Automatic LP position repairs by final status")
      .register(metrics).increment();
  }

  private static boolean equal(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  /** A FIX decimal the LP sent, or null when absent or not a plain number of sane size. */
  private static BigDecimal decimal(String text) {
    return text == null || text.length() > 40 || !text.matches("-?\\d{1,24}(\\.\\d{1,16})?") ? null
      : new BigDecimal(text);
  }
}
