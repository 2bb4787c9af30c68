package com.rtx.routing;

import com.rtx.core.market.LpDialect;
import com.rtx.core.routing.ExecutionProfile;
import org.junit.jupiter.api.Test;
import quickfix.FieldNotFound;
import quickfix.field.Account;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.fix44.NewOrderSingle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reconciliation repair goes out the way its LP takes orders: profile and dialect, like a client's order. */
class OrderCommandsRepairTest {

  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private static final BigDecimal EURUSD_SIZE = new BigDecimal("100000");

  private static ExecutionProfile profile(Map<String, Object> json) {
    return ExecutionProfile.parse(json);
  }

  @Test
  void aDefaultLpGetsAMarketIocInUnits() throws FieldNotFound {
    NewOrderSingle order = OrderCommands.repair("RCN-1", "LP1", "EURUSD", false, new BigDecimal("0.3"), null,
      EURUSD_SIZE, LpDialect.STANDARD, ExecutionProfile.DEFAULT, 5, NOW);
    assertThat(order.getChar(OrdType.FIELD)).isEqualTo(OrdType.MARKET);
    assertThat(order.isSetField(Price.FIELD)).isFalse();
    assertThat(order.getChar(TimeInForce.FIELD)).isEqualTo(TimeInForce.IMMEDIATE_OR_CANCEL);
    assertThat(order.getChar(Side.FIELD)).isEqualTo(Side.SELL);
    assertThat(order.getString(OrderQty.FIELD)).isEqualTo("30000");
    assertThat(order.getString(Symbol.FIELD)).isEqualTo("EURUSD");
    assertThat(order.isSetField(Account.FIELD)).isFalse();
  }

  @Test
  void aLimitOnlyLpGetsALimitAtTheQuotePlusItsDeviationWithItsAccountTagsNamesAndUnit() throws FieldNotFound {
    ExecutionProfile limits = profile(Map.of("orderStyle", "LIMIT_IOC", "maxDeviationPoints", 20,
      "timesInForce", List.of("IOC", "FOK"), "account", "HOUSE-7", "handlInst", "1",
      "fixedTags", Map.of("5001", "desk-a")));
    LpDialect dialect = new LpDialect(LpDialect.QuantityUnit.LOTS, Map.of("EURUSD", "EUR/USD"));
    NewOrderSingle buy = OrderCommands.repair("RCN-2", "LP2", "EURUSD", true, new BigDecimal("0.3"),
      new BigDecimal("1.10003"), EURUSD_SIZE, dialect, limits, 5, NOW);
    assertThat(buy.getChar(OrdType.FIELD)).isEqualTo(OrdType.LIMIT);
    assertThat(buy.getString(Price.FIELD)).as("ask + 20 points").isEqualTo("1.10023");
    assertThat(buy.getChar(TimeInForce.FIELD)).isEqualTo(TimeInForce.IMMEDIATE_OR_CANCEL);
    assertThat(buy.getString(Symbol.FIELD)).isEqualTo("EUR/USD");
    assertThat(buy.getString(OrderQty.FIELD)).as("in lots").isEqualTo("0.3");
    assertThat(buy.getString(Account.FIELD)).isEqualTo("HOUSE-7");
    assertThat(buy.getString(21)).isEqualTo("1");
    assertThat(buy.getString(5001)).isEqualTo("desk-a");

    NewOrderSingle sell = OrderCommands.repair("RCN-3", "LP2", "EURUSD", false, new BigDecimal("0.3"),
      new BigDecimal("1.10001"), EURUSD_SIZE, dialect, limits, 5, NOW);
    assertThat(sell.getString(Price.FIELD)).as("bid - 20 points").isEqualTo("1.09981");
  }

  @Test
  void anLpThatTakesFokButNotIocGetsFok() throws FieldNotFound {
    ExecutionProfile fokOnly = profile(Map.of("orderStyle", "LIMIT_FOK", "maxDeviationPoints", 5,
      "timesInForce", List.of("FOK")));
    NewOrderSingle order = OrderCommands.repair("RCN-4", "LP2", "EURUSD", true, new BigDecimal("0.1"),
      new BigDecimal("1.1"), EURUSD_SIZE, LpDialect.STANDARD, fokOnly, 5, NOW);
    assertThat(order.getChar(OrdType.FIELD)).isEqualTo(OrdType.LIMIT);
    assertThat(order.getChar(TimeInForce.FIELD)).isEqualTo(TimeInForce.FILL_OR_KILL);
    ExecutionProfile marketFok = profile(Map.of("timesInForce", List.of("FOK", "GTC")));
    assertThat(OrderCommands.repair("RCN-5", "LP2", "EURUSD", true, new BigDecimal("0.1"), null, EURUSD_SIZE,
      LpDialect.STANDARD, marketFok, 5, NOW).getChar(TimeInForce.FIELD)).isEqualTo(TimeInForce.FILL_OR_KILL);
  }

  @Test
  void aLimitOnlyLpWithoutAQuoteOrAnyImmediateTifCannotBeRepaired() {
    ExecutionProfile limits = profile(Map.of("orderStyle", "LIMIT_IOC", "maxDeviationPoints", 20));
    assertThatThrownBy(() -> OrderCommands.repair("RCN-6", "LP2", "EURUSD", true, new BigDecimal("0.1"), null,
      EURUSD_SIZE, LpDialect.STANDARD, limits, 5, NOW)).isInstanceOf(OrderCommands.Unsupported.class)
      .hasMessageContaining("no quote");
    ExecutionProfile gtcOnly = profile(Map.of("timesInForce", List.of("GTC", "DAY")));
    assertThatThrownBy(() -> OrderCommands.repair("RCN-7", "LP2", "EURUSD", true, new BigDecimal("0.1"), null,
      EURUSD_SIZE, LpDialect.STANDARD, gtcOnly, 5, NOW)).isInstanceOf(OrderCommands.Unsupported.class);
  }
}
