package com.rtx.dealing;

import com.rtx.core.dealing.ProcessingFault;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts, alerts and logs the failures of automatic processing that the domain isolated (a
 * {@link ProcessingFault}: one broken trailing stop, trigger or stop-out close) and the commands
 * that failed as a whole, so that a poisoned item is seen without flooding the log on every tick.
 *
 * <p>Metrics: {@code rtx_dealing_processing_faults_total{stage}} counts every occurrence;
 * {@code rtx_dealing_faulted_items} is the number of distinct items that failed within the last
 * {@link #ACTIVE} (the alert {@code RtxDealingProcessingFault} fires on it). An item is logged at
 * ERROR the first time it fails and again only after it has been quiet for {@link #ACTIVE}.
 *
 * <p>Threading: called on the dealing event loop; the gauge is read by the metrics scrape.
 */
final class ProcessingFaults {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessingFaults.class);
  /** How long a failed item counts as still failing after its last failure. */
  static final Duration ACTIVE = Duration.ofMinutes(10);
  /** The stage of a command that failed as a whole (not isolated inside the domain). */
  static final String COMMAND = "COMMAND";

  private final Clock clock;
  private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
  private final Map<ProcessingFault.Stage, Counter> byStage = new EnumMap<>(ProcessingFault.Stage.class);
  private final Counter commands;

  ProcessingFaults(MeterRegistry registry, Clock clock) {
    this.clock = clock;
    for (ProcessingFault.Stage stage : ProcessingFault.Stage.values()) {
      byStage.put(stage, counter(registry, stage.name()));
    }
    commands = counter(registry, COMMAND);
    Gauge.builder("rtx_dealing_faulted_items", this, ProcessingFaults::active)
      .description("Distinct accounts' items (positions, orders, commands) whose automatic processing failed "
        + "within the last " + ACTIVE.toMinutes() + " minutes; the rest of each account kept being processed")
      .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String stage) {
    return Counter.builder("rtx_dealing_processing_faults_total").tag("stage", stage)
      .description("Failures of one step of automatic account processing, isolated so the rest went on")
      .register(registry);
  }

  /** A step the domain isolated and rolled back. */
  void isolated(int shard, ProcessingFault fault) {
    byStage.get(fault.stage()).increment();
    if (firstInWhile(fault.key())) {
      LOG.error("shard {}: account {}: {} of item {} failed and was skipped; the account's margin control kept "
        + "running: {} (logged again only after {} min without this failure)", shard, fault.accountId(),
        fault.stage(), fault.itemId(), fault.error(), ACTIVE.toMinutes());
    }
  }

  /** A whole command that threw: logged with its stack trace once per account and command kind. */
  void command(int shard, long accountId, Object command, RuntimeException e) {
    commands.increment();
    String kind = command == null ? "request" : command.getClass().getSimpleName();
    if (firstInWhile(accountId + "/" + COMMAND + "/" + kind)) {
      LOG.error("shard {}: account {} could not apply {} (logged again only after {} min without this failure)",
        shard, accountId, command, ACTIVE.toMinutes(), e);
    }
  }

  /** Distinct items that failed within {@link #ACTIVE}; forgets older ones. */
  long active() {
    Instant horizon = clock.instant().minus(ACTIVE);
    lastSeen.values().removeIf(t -> t.isBefore(horizon));
    return lastSeen.size();
  }

  private boolean firstInWhile(String key) {
    Instant now = clock.instant();
    Instant before = lastSeen.put(key, now);
    return before == null || before.isBefore(now.minus(ACTIVE));
  }
}
