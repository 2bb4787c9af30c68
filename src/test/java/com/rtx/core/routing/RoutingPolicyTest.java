package com.rtx.core.routing;

import com.rtx.core.account.ExecutionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Table-driven: which rule routes which order. Volumes in hundredths of a lot. */
class RoutingPolicyTest {

  private static final RoutingPolicy POLICY = new RoutingPolicy(List.of(
    // toxic clients of any group go to the LP
    new RoutingRule(1, 10, null, null, null, null, null, new BigDecimal("0.7"), null, RoutingAction.A_BOOK, 100,
      List.of("LP2", "LP1")),
    // large EURUSD tickets in retail-hedging: 60 % to an LP
    new RoutingRule(2, 20, "retail-hedging", null, "EURUSD", 500L, null, null, null, RoutingAction.SPLIT, 60,
      List.of("LP1")),
    // one account always internal
    new RoutingRule(3, 5, null, 100009L, null, null, null, null, null, RoutingAction.B_BOOK, 0, List.of())));

  @ParameterizedTest(name = "{0} {1} {2} {3} lots x100, toxicity {4} -> {5} via rule {6}, A {7} / B {8}")
  @CsvSource({
    "retail-hedging, 100001, EURUSD, 10,  0.1, B_BOOK, ,  0,   10",
    "retail-hedging, 100001, EURUSD, 500, 0.1, SPLIT,  2, 300, 200",
    "retail-hedging, 100001, EURUSD, 499, 0.1, B_BOOK, ,  0,   499",
    "retail-hedging, 100001, GBPUSD, 900, 0.1, B_BOOK, ,  0,   900",
    "retail-hedging, 100001, EURUSD, 10,  0.7, A_BOOK, 1, 10,  0",
    "retail-hedging, 100009, EURUSD, 10,  0.9, B_BOOK, 3, 0,   10",
    "pro-abook,      100003, EURUSD, 10,  0.0, A_BOOK, ,  10,  0",
    "retail-hedging, 100001, EURUSD, 501, 0.1, SPLIT,  2, 300, 201",
  })
  void routes(String group, long account, String symbol, long volume, String toxicity, RoutingAction action,
              Long rule, long aBook, long bBook) {
    ExecutionMode groupDefault = group.equals("pro-abook") ? ExecutionMode.A_BOOK : ExecutionMode.B_BOOK;
    RoutingDecision d = POLICY.route(new RoutingRequest(group, account, symbol, volume, new BigDecimal(toxicity)),
      groupDefault, 1);
    assertThat(d.action()).isEqualTo(action);
    assertThat(d.ruleId()).isEqualTo(rule);
    assertThat(d.aBookVolume()).isEqualTo(aBook);
    assertThat(d.bBookVolume()).isEqualTo(bBook);
    assertThat(d.reason()).isNotBlank();
  }

  @ParameterizedTest
  @CsvSource({"1, B_BOOK", "100, B_BOOK", "199, B_BOOK", "200, SPLIT", "300, SPLIT"})
  void aSplitShareIsRoundedDownToTheVolumeStep(long volume, RoutingAction action) {
    RoutingPolicy half = new RoutingPolicy(List.of(new RoutingRule(1, 1, null, null, null, null, null, null, null,
      RoutingAction.SPLIT, 50, List.of())));
    RoutingDecision d = half.route(new RoutingRequest("g", 1, "EURUSD", volume, BigDecimal.ZERO), ExecutionMode.B_BOOK, 100);
    assertThat(d.action()).isEqualTo(action);
    assertThat(d.aBookVolume() % 100).isZero();
  }

  /** The execution record names the rule's version: the decision carries it, whatever the rule decided. */
  @Test
  void aDecisionCarriesItsRulesVersionAndTheGroupDefaultNone() {
    RoutingPolicy versioned = new RoutingPolicy(List.of(new RoutingRule(7, 1, null, 100003L, null, null, null, null, null,
      RoutingAction.SPLIT, 50, List.of(), 3)));
    RoutingDecision split = versioned.route(new RoutingRequest("g", 100003, "EURUSD", 200, BigDecimal.ZERO),
      ExecutionMode.B_BOOK, 1);
    assertThat(split.ruleId()).isEqualTo(7L);
    assertThat(split.ruleVersion()).isEqualTo(3L);
    RoutingDecision roundedToBBook = versioned.route(new RoutingRequest("g", 100003, "EURUSD", 1, BigDecimal.ZERO),
      ExecutionMode.B_BOOK, 1);
    assertThat(roundedToBBook.action()).isEqualTo(RoutingAction.B_BOOK);
    assertThat(roundedToBBook.ruleVersion()).isEqualTo(3L);
    RoutingDecision byDefault = versioned.route(new RoutingRequest("g", 100001, "EURUSD", 200, BigDecimal.ZERO),
      ExecutionMode.A_BOOK, 1);
    assertThat(byDefault.ruleId()).isNull();
    assertThat(byDefault.ruleVersion()).isNull();
  }
}
