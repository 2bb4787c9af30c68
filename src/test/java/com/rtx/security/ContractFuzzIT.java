package com.rtx.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract fuzzer's short run inside {@code ./mvnw verify} (the 100,000-request run is
 * {@code scripts/security/fuzz}): an engine with dealing, admin and gateway in this JVM, at least
 * 5,000 requests over every operation of both contracts, no answer of 500 or more, and the
 * ledgers, margin control and audit chain intact afterwards. The seed is printed; set
 * {@code -Drtx.fuzz.seed=S} to repeat a run, {@code -Drtx.fuzz.requests=N} to make it longer.
 */
@Timeout(600)
class ContractFuzzIT {

  @Test
  void noRequestAnswers5xxAndTheInvariantsHold() {
    long requests = Long.getLong("rtx.fuzz.requests", 5_000);
    long seed = Long.getLong("rtx.fuzz.seed", new java.util.Random().nextLong());
    ContractFuzzer.Report report = ContractFuzzer.inProcess(requests, seed, 4, false);
    System.out.print(report.summary());
    assertThat(report.requests()).isGreaterThanOrEqualTo(5_000);
    assertThat(report.findings()).as("requests answered >= 500 (seed " + seed + ")").isEmpty();
    assertThat(report.findingCount()).as("5xx answers, housekeeping included (seed " + seed + ")").isZero();
    assertThat(report.invariants()).as("invariants after the run (seed " + seed + ")").allMatch(FuzzInvariants.Check::ok);
  }
}
