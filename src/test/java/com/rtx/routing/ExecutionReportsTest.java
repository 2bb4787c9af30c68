package com.rtx.routing;

import com.rtx.bus.RouterAddresses;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The report mapping of the router contract, with the quantities of real LPs (units) turned into lots. */
class ExecutionReportsTest {

  private static final BigDecimal FX = new BigDecimal("100000");

  private static ExecutionReports.Report report(char execType, char ordStatus, String lastQty, String cumQty,
                                                String leavesQty) {
    return new ExecutionReports.Report("LP1", "17-4242-1", "E-1", false, execType, ordStatus, "EURUSD", lastQty,
      lastQty == null ? null : "1.10003", cumQty, leavesQty, "1.10003", null);
  }

  @Test
  void aFix44TradeThatCompletesTheOrderIsAFillInLots() {
    JsonObject json = ExecutionReports.toShard(report('F', '2', "10000", "10000", "0"), FX).orElseThrow();

    assertThat(json).isEqualTo(new JsonObject().put("op", "execution").put("accountId", 17L).put("orderId", 4242L)
      .put("clOrdId", "17-4242-1").put("lp", "LP1").put("execId", "E-1").put("possDup", false)
      .put("execType", "FILL").put("ordStatus", "FILLED").put("lastQty", "0.10").put("lastPx", "1.10003")
      .put("cumQty", "0.10").put("leavesQty", "0.00").put("avgPx", "1.10003"));
  }

  @Test
  void aTradeThatLeavesQuantityIsAPartialFill() {
    JsonObject json = ExecutionReports.toShard(report('F', '1', "5000", "5000", "5001"), FX).orElseThrow();

    assertThat(json.getString("execType")).isEqualTo("PARTIAL_FILL");
    assertThat(json.getString("leavesQty")).isEqualTo("0.05001");
  }

  @Test
  void anAcknowledgementSentAsExecTypeFillWithOrdStatusNewIsANew() {
    // QuickFIX/J's example Executor acknowledges with ExecType 2 (2.3.1; F in later releases),
    // OrdStatus 0 and CumQty 0 before it fills: what filled decides, not the ExecType.
    for (char execType : new char[] {'2', 'F'}) {
      JsonObject json = ExecutionReports.toShard(report(execType, '0', null, "0", "10000"), FX).orElseThrow();

      assertThat(json.getString("execType")).isEqualTo("NEW");
      assertThat(json.getString("ordStatus")).isEqualTo("NEW");
      assertThat(json.containsKey("lastQty")).isFalse();
    }
  }

  @Test
  void unlistedExecTypesArriveAsOrderStatus() {
    assertThat(ExecutionReports.toShard(report('6', '6', null, "0", "10000"), FX).orElseThrow().getString("execType"))
      .isEqualTo("ORDER_STATUS");
    assertThat(ExecutionReports.toShard(report('I', '8', null, "0", "0"), FX).orElseThrow().getString("ordStatus"))
      .isEqualTo("REJECTED");
  }

  @Test
  void metalsAndIndicesConvertWithTheirOwnContractSize() {
    assertThat(ExecutionReports.lots("1", new BigDecimal("100"))).isEqualTo("0.01");
    assertThat(ExecutionReports.lots("250", BigDecimal.ONE)).isEqualTo("250.00");
  }

  @Test
  void anLpCountingLotsOfItsOwnSizeIsReadBackInOurLots() {
    // Its gold lot is 1000 oz, ours 100: 0.01 of its lots filled is 0.10 of ours.
    var dialect = new com.rtx.core.market.LpDialect(com.rtx.core.market.LpDialect.QuantityUnit.LOTS,
      java.util.Map.of(), java.util.Map.of("XAUUSD", new BigDecimal("1000")));
    var gold = new ExecutionReports.Report("LP1", "17-4242-1", "E-3", false, 'F', '2', "XAUUSD", "0.01", "2650.10",
      "0.01", "0", "2650.10", null);
    JsonObject json = ExecutionReports.toShard(gold, "XAUUSD", new BigDecimal("100"), dialect).orElseThrow();

    assertThat(json.getString("lastQty")).isEqualTo("0.10");
    assertThat(json.getString("cumQty")).isEqualTo("0.10");
    assertThat(json.getString("leavesQty")).isEqualTo("0.00");
    // Another symbol of the same LP counts our lots.
    assertThat(ExecutionReports.lots("0.1", "EURUSD", FX, dialect)).isEqualTo("0.10");
  }

  @Test
  void aReportWhoseClOrdIdIsNotOursCannotBeRouted() {
    var foreign = new ExecutionReports.Report("LP1", "ABC", "E-2", false, 'F', '2', "EURUSD", "1", "1", "1", "0", "1",
      null);

    assertThat(ExecutionReports.toShard(foreign, FX)).isEmpty();
    assertThat(RouterAddresses.parse("17-4242-c1")).contains(new RouterAddresses.OrderRef(17, 4242));
  }
}
