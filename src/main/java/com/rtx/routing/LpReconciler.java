package com.rtx.routing;

import com.rtx.core.market.LpDialect;
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
import quickfix.field.OrderQty;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reconciles the house position at each LP with the platform's record, per symbol: every
 * {@code router.reconcile-interval-ms} and after every logon of a trade session held here it sends
 * a RequestForPositions (35=AN), gathers the RequestForPositionsAck (AO) and PositionReports (AP),
 * and compares them ({@link LpPositionCheck}) with what the platform recorded before and after the
 * request ({@link ReconciliationStore}); a symbol whose record moved in between, or with orders
 * still at the LP, is IN_FLIGHT. Every run is stored with its lines.
 *
 * <p>Run outcomes: OK, DIFFERENCE, UNSUPPORTED (the LP refused AN with 35=3 or 35=j, or answered
 * PosReqResult 4), NO_ANSWER (no complete answer within {@code router.reconcile-timeout-ms}),
 * FAILED (anything else: a refusing ack, a database error).
 *
 * <p>A difference of at most {@code router.reconcile-repair-max-lots} (0: none) is repaired with a
 * MARKET IOC order that brings the LP to the platform's number (ClOrdID {@code RCN-<id>}), stored
 * in {@code lp_position_repair} with the evidence and audited; one repair per LP and symbol at a
 * time, and a difference whose repair failed is not repaired again (alerted). A larger one is
 * alerted: logged and counted in {@code rtx_lp_reconciliation_unresolved{lp}}.
 *
 * <p>Runs on the router verticle's context only.
 */
final class LpReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(LpReconciler.class);
  static final String REPAIR_PREFIX = "RCN-";

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
  private record Repair(String lp, String symbol, BigDecimal difference) {
  }

  private final Vertx vertx;
  private final ReconciliationStore store;
  private final MeterRegistry metrics;
  private final Clock clock;
  private final long timeoutMs;
  private final BigDecimal repairMaxLots;
  private final BiFunction<String, quickfix.Message, Future<Boolean>> send;
  private final Supplier<Map<String, BigDecimal>> contractSizes;
  /** How each LP names symbols and counts quantities: PositionReports and repairs speak the LP's way. */
  private final Function<String, LpDialect> dialects;
  private final Map<String, Run> runs = new HashMap<>();
  private final Set<String> starting = new HashSet<>();
  private final Map<String, Repair> repairs = new HashMap<>();
  /** LP/symbol → the difference whose repair failed: alerted, not repaired again. */
  private final Map<String, BigDecimal> failedRepairs = new HashMap<>();
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
   * @param dialects      each LP's symbol names and quantity unit
   */
  LpReconciler(Vertx vertx, ReconciliationStore store, MeterRegistry metrics, Clock clock, long timeoutMs,
               BigDecimal repairMaxLots, BiFunction<String, quickfix.Message, Future<Boolean>> send,
               Supplier<Map<String, BigDecimal>> contractSizes, Function<String, LpDialect> dialects) {
    this.dialects = dialects;
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

  /** Starts a run for {@code lp} unless one is in progress; nothing happens when its session is not logged on. */
  void reconcile(String lp) {
    if (runs.values().stream().anyMatch(r -> r.lp.equals(lp)) || !starting.add(lp)) {
      return;
    }
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
      String symbol = dialects.apply(run.lp).symbol(report.symbol())
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
      repairFinal(refusal.clOrdId(), "REJECTED", null, null, refusal.text());
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
      repairFinal(report.clOrdId(), status, decimal(report.cumQty()), decimal(report.avgPx()), report.text());
    }
    return true;
  }

  private void repairFinal(String clOrdId, String status, BigDecimal filled, BigDecimal avgPx, String text) {
    boolean done = !"PARTIALLY_FILLED".equals(status);
    Repair repair = done ? repairs.remove(clOrdId) : repairs.get(clOrdId);
    if (repair != null && done) {
      if ("FILLED".equals(status)) {
        LOG.info("LP {} repair {} of {} filled", repair.lp, clOrdId, repair.symbol);
      } else {
        failedRepairs.put(repair.lp + "/" + repair.symbol, repair.difference);
        LOG.error("LP {} repair {} of {} ended {}: {} — the difference is alerted, not repaired again", repair.lp,
          clOrdId, repair.symbol, status, text);
      }
      count(repair.lp, status, "rtx.lp.position.repairs");
    }
    store.repairAnswered(clOrdId, status, filled, avgPx, text == null ? null : LpRefusals.printable(text),
        clock.instant())
      .onFailure(e -> LOG.error("repair {}: cannot record {}: {}", clOrdId, status, e.getMessage()));
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
    store.saveRun(run.lp, run.posReqId, run.started, clock.instant(), outcome, LpRefusals.printable(detail), List.of(),
        Map.of())
      .onFailure(e -> LOG.error("LP {} reconciliation run not recorded: {}", run.lp, e.getMessage()));
  }

  private void end(Run run) {
    runs.remove(run.posReqId);
    vertx.cancelTimer(run.timer);
  }

  /** Every answer is in: compare with the platform's record read now, store, repair or alert. */
  private void complete(Run run) {
    end(run);
    store.recorded(run.lp).compose(after -> {
      Map<String, BigDecimal> sizes = contractSizes.get();
      Map<String, BigDecimal> atLp = new HashMap<>();
      compared.getOrDefault(run.lp, Set.of()).forEach(symbol -> atLp.put(symbol, BigDecimal.ZERO));
      for (String symbol : run.unreadable) {
        atLp.put(symbol, null);
      }
      LpDialect dialect = dialects.apply(run.lp);
      run.units.forEach((symbol, quantity) -> {
        if (!run.unreadable.contains(symbol)) {
          // The LP's quantity in units (lots of its own size where it has one), then platform lots.
          BigDecimal size = sizes.get(symbol);
          BigDecimal units = size != null ? dialect.toUnits(symbol, quantity, size) : quantity;
          atLp.put(symbol, LpPositionCheck.lots(units, size).orElse(null));
        }
      });
      Set<String> inFlight = new HashSet<>(run.before.inFlight());
      inFlight.addAll(after.inFlight());
      Set<String> moved = new HashSet<>(run.before.lots().keySet());
      moved.addAll(after.lots().keySet());
      moved.removeIf(s -> equal(run.before.lots().get(s), after.lots().get(s)));
      inFlight.addAll(moved);
      repairs.values().stream().filter(r -> r.lp.equals(run.lp)).forEach(r -> inFlight.add(r.symbol));
      List<LpPositionCheck.Line> lines = LpPositionCheck.compare(atLp, after.lots(), inFlight);
      Set<String> seen = new HashSet<>();
      lines.stream().filter(l -> l.outcome() != LpPositionCheck.Outcome.MATCH || l.atLp().signum() != 0)
        .forEach(l -> seen.add(l.symbol()));
      compared.put(run.lp, seen);
      Map<String, String> actions = actions(run.lp, lines, sizes);
      boolean differs = lines.stream().anyMatch(l -> l.isDifference() || l.outcome() == LpPositionCheck.Outcome.UNREADABLE);
      String outcome = differs ? "DIFFERENCE" : "OK";
      publish(run.lp, lines, actions);
      count(run.lp, outcome);
      return store.saveRun(run.lp, run.posReqId, run.started, clock.instant(), outcome, null, lines, actions)
        .compose(runId -> repairAll(runId, run, lines, actions, sizes));
    }).onFailure(e -> {
      LOG.error("LP {} reconciliation failed: {}", run.lp, e.getMessage());
      count(run.lp, "FAILED");
    });
  }

  /**
   * NONE, REPAIR or ALERT per symbol. A difference the LP's lots cannot say exactly (its own lot
   * size) is alerted: a repair of another amount would leave a new difference.
   */
  private Map<String, String> actions(String lp, List<LpPositionCheck.Line> lines, Map<String, BigDecimal> sizes) {
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
        && expressible(lp, line, sizes.get(line.symbol()));
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
      dialects.apply(lp).toLp(line.symbol(), line.difference().abs(), contractSize);
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

  private Future<Void> repairAll(long runId, Run run, List<LpPositionCheck.Line> lines, Map<String, String> actions,
                                 Map<String, BigDecimal> sizes) {
    Future<Void> all = Future.succeededFuture();
    for (LpPositionCheck.Line line : lines) {
      if ("REPAIR".equals(actions.get(line.symbol())) && sizes.get(line.symbol()) != null) {
        all = all.compose(v -> repair(runId, run, line, sizes.get(line.symbol())));
      }
    }
    return all;
  }

  /** Sends the order that brings the LP to the platform's number: the difference, the other way. */
  private Future<Void> repair(long runId, Run run, LpPositionCheck.Line line, BigDecimal contractSize) {
    BigDecimal lots = line.difference().abs();
    String side = line.difference().signum() > 0 ? "SELL" : "BUY";
    BigDecimal units = lots.multiply(contractSize).stripTrailingZeros();
    LpDialect dialect = dialects.apply(run.lp);
    String quantity;
    try {
      // Checked by actions(); a dialect reloaded since then may say otherwise: nothing is stored or sent.
      quantity = dialect.toLp(line.symbol(), lots, contractSize).toPlainString();
    } catch (LpDialect.InexactQuantity e) {
      return Future.failedFuture(e);
    }
    JsonObject evidence = new JsonObject().put("runId", runId).put("posReqId", run.posReqId).put("lp", run.lp)
      .put("symbol", line.symbol()).put("outcome", line.outcome().name())
      .put("lpLots", line.atLp().toPlainString()).put("platformLots", line.platform().toPlainString())
      .put("differenceLots", line.difference().toPlainString()).put("contractSize", contractSize.toPlainString())
      .put("positionReport", run.raw.get(line.symbol())).put("maxLots", repairMaxLots.toPlainString());
    Instant now = clock.instant();
    return store.saveRepair(runId, run.lp, line.symbol(), side, lots, units, evidence, now).compose(clOrdId -> {
      repairs.put(clOrdId, new Repair(run.lp, line.symbol(), line.difference()));
      NewOrderSingle order = new NewOrderSingle(new ClOrdID(clOrdId), new Side("BUY".equals(side) ? Side.BUY : Side.SELL),
        new TransactTime(LocalDateTime.ofInstant(now, ZoneOffset.UTC)), new OrdType(OrdType.MARKET));
      order.set(new Symbol(dialect.lpSymbol(line.symbol())));
      order.setString(OrderQty.FIELD, quantity);
      order.set(new TimeInForce(TimeInForce.IMMEDIATE_OR_CANCEL));
      LOG.warn("LP {} {} {}: repairing with {} {} lots ({} units), {}", run.lp, line.symbol(), line.outcome(), side,
        lots.toPlainString(), units.toPlainString(), clOrdId);
      return send.apply(run.lp, order).map(sent -> {
        if (!sent) {
          repairFinal(clOrdId, "NOT_SENT", null, null, "the trade session is not logged on");
        }
        return (Void) null;
      });
    });
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
