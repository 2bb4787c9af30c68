package com.rtx.core.routing;

import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionProfileTest {

  @Test
  void noProfileIsMarketOrdersEveryTifAndStatusRequests() {
    ExecutionProfile p = ExecutionProfile.parse(null);
    assertThat(p).isEqualTo(ExecutionProfile.DEFAULT);
    assertThat(ExecutionProfile.parse(Map.of())).isEqualTo(ExecutionProfile.DEFAULT);
    assertThat(p.statusRequests()).isTrue();
    assertThat(p.positionRequests()).isTrue();
    assertThat(p.timesInForce()).containsExactlyInAnyOrder(TimeInForce.values());
  }

  @Test
  void aFullProfileReadsBackFromItsOwnMap() {
    Map<String, Object> json = Map.of("orderStyle", "LIMIT_FOK", "maxDeviationPoints", 15,
      "timesInForce", List.of("FOK", "IOC"), "statusRequests", false, "positionRequests", false,
      "account", "HOUSE 1", "handlInst", "1", "fixedTags", Map.of("5001", "desk-a", "7000", "x"));
    ExecutionProfile p = ExecutionProfile.parse(json);
    assertThat(p.orderStyle()).isEqualTo(LpOrderStyle.LIMIT_FOK);
    assertThat(p.maxDeviationPoints()).isEqualTo(15);
    assertThat(p.statusRequests()).isFalse();
    assertThat(p.positionRequests()).isFalse();
    assertThat(p.fixedTags()).containsEntry(5001, "desk-a").containsEntry(7000, "x");
    assertThat(ExecutionProfile.parse(p.toMap())).isEqualTo(p);
  }

  @Test
  void hostileValuesAreRefusedNamingTheField() {
    refused(Map.of("orderStyle", "QUOTED"), "executionProfile.orderStyle");
    refused(Map.of("orderStyle", "PREVIOUSLY_QUOTED", "timesInForce", List.of("GTC", "DAY")),
      "executionProfile.timesInForce");
    refused(Map.of("orderStyle", 3), "executionProfile.orderStyle");
    refused(Map.of("maxDeviationPoints", -1), "executionProfile.maxDeviationPoints");
    refused(Map.of("maxDeviationPoints", 100_001), "executionProfile.maxDeviationPoints");
    refused(Map.of("maxDeviationPoints", Long.MAX_VALUE), "executionProfile.maxDeviationPoints");
    refused(Map.of("maxDeviationPoints", 1e308), "executionProfile.maxDeviationPoints");
    refused(Map.of("maxDeviationPoints", "5"), "executionProfile.maxDeviationPoints");
    refused(Map.of("timesInForce", List.of()), "executionProfile.timesInForce");
    refused(Map.of("timesInForce", List.of("IOC", "IOC")), "executionProfile.timesInForce");
    refused(Map.of("timesInForce", List.of("NOW")), "executionProfile.timesInForce");
    refused(Map.of("timesInForce", "IOC"), "executionProfile.timesInForce");
    refused(Map.of("orderStyle", "LIMIT_IOC", "timesInForce", List.of("FOK")), "executionProfile.timesInForce");
    refused(Map.of("statusRequests", "no"), "executionProfile.statusRequests");
    refused(Map.of("positionRequests", "no"), "executionProfile.positionRequests");
    refused(Map.of("account", ""), "executionProfile.account");
    refused(Map.of("account", "A\u0001B"), "executionProfile.account");
    refused(Map.of("account", "NUL\u0000"), "executionProfile.account");
    refused(Map.of("account", "x".repeat(65)), "executionProfile.account");
    refused(Map.of("account", " padded"), "executionProfile.account");
    refused(Map.of("handlInst", "4"), "executionProfile.handlInst");
    refused(Map.of("fixedTags", Map.of("35", "D")), "executionProfile.fixedTags");
    refused(Map.of("fixedTags", Map.of("44", "0.1")), "executionProfile.fixedTags");
    refused(Map.of("fixedTags", Map.of("1", "ACC")), "executionProfile.fixedTags");
    refused(Map.of("fixedTags", Map.of("0", "x")), "executionProfile.fixedTags");
    refused(Map.of("fixedTags", Map.of("-5", "x")), "executionProfile.fixedTags");
    refused(Map.of("fixedTags", Map.of("100000", "x")), "executionProfile.fixedTags");
    refused(Map.of("fixedTags", Map.of("5001", "a\u0001b")), "executionProfile.fixedTags");
    refused(Map.of("fixedTags", Map.of("5001", 7)), "executionProfile.fixedTags");
    refused(Map.of("fixedTags", List.of("5001=x")), "executionProfile.fixedTags");
    Map<String, Object> many = new HashMap<>();
    for (int i = 0; i < 21; i++) {
      many.put(String.valueOf(6000 + i), "v");
    }
    refused(Map.of("fixedTags", many), "executionProfile.fixedTags");
    refused(Map.of("unknown", 1), "executionProfile.unknown");
  }

  @Test
  void aMarketOrderForALimitOnlyLpGoesAtTheQuoteMovedAgainstTheClientByTheDeviation() {
    ExecutionProfile ioc = ExecutionProfile.parse(Map.of("orderStyle", "LIMIT_IOC", "maxDeviationPoints", 3));
    LpOrderTerms.Terms buy = LpOrderTerms.of(ioc, Side.BUY, OrderType.MARKET, null, TimeInForce.IOC,
      new BigDecimal("1.10002"), 5, "LP");
    assertThat(buy).isEqualTo(new LpOrderTerms.Terms(OrderType.LIMIT, new BigDecimal("1.10005"), TimeInForce.IOC));
    LpOrderTerms.Terms sell = LpOrderTerms.of(ioc, Side.SELL, OrderType.MARKET, null, TimeInForce.IOC,
      new BigDecimal("1.10000"), 5, "LP");
    assertThat(sell.price()).isEqualByComparingTo("1.09997");
    assertThat(LpOrderTerms.of(ioc, Side.BUY, OrderType.MARKET, null, TimeInForce.IOC, new BigDecimal("150.125"), 3, "LP")
      .price()).isEqualByComparingTo("150.128");
  }

  @Test
  void aFillOrKillClientOrderIsNeverWeakenedToIoc() {
    ExecutionProfile iocOnly = ExecutionProfile.parse(Map.of("orderStyle", "LIMIT_IOC", "timesInForce", List.of("IOC")));
    assertThatThrownBy(() -> LpOrderTerms.of(iocOnly, Side.BUY, OrderType.MARKET, null, TimeInForce.FOK,
      new BigDecimal("1.1"), 5, "LPX")).isInstanceOf(LpOrderTerms.Unsendable.class).hasMessageContaining("fill-or-kill");
    ExecutionProfile both = ExecutionProfile.parse(Map.of("orderStyle", "LIMIT_IOC"));
    assertThat(LpOrderTerms.of(both, Side.BUY, OrderType.MARKET, null, TimeInForce.FOK, new BigDecimal("1.1"), 5, "LP")
      .timeInForce()).isEqualTo(TimeInForce.FOK);
    ExecutionProfile fok = ExecutionProfile.parse(Map.of("orderStyle", "LIMIT_FOK"));
    assertThat(LpOrderTerms.of(fok, Side.BUY, OrderType.MARKET, null, TimeInForce.IOC, new BigDecimal("1.1"), 5, "LP")
      .timeInForce()).isEqualTo(TimeInForce.FOK);
  }

  @Test
  void withoutAQuoteOrWithATifTheLpDoesNotTakeNothingIsSent() {
    ExecutionProfile limits = ExecutionProfile.parse(Map.of("orderStyle", "LIMIT_IOC", "timesInForce", List.of("IOC", "FOK")));
    assertThatThrownBy(() -> LpOrderTerms.of(limits, Side.BUY, OrderType.MARKET, null, TimeInForce.IOC, null, 5, "LPX"))
      .isInstanceOf(LpOrderTerms.Unsendable.class).hasMessageContaining("no quote");
    assertThatThrownBy(() -> LpOrderTerms.of(limits, Side.BUY, OrderType.LIMIT, new BigDecimal("1.1"), TimeInForce.GTC,
      null, 5, "LPX")).isInstanceOf(LpOrderTerms.Unsendable.class).hasMessageContaining("LPX does not take time in force GTC");
    ExecutionProfile wide = ExecutionProfile.parse(Map.of("orderStyle", "LIMIT_IOC", "maxDeviationPoints", 100_000));
    assertThatThrownBy(() -> LpOrderTerms.of(wide, Side.SELL, OrderType.MARKET, null, TimeInForce.IOC,
      new BigDecimal("0.50000"), 5, "LPX")).hasMessageContaining("no positive limit price");
    assertThatThrownBy(() -> LpOrderTerms.of(ExecutionProfile.DEFAULT, Side.BUY, OrderType.STOP, new BigDecimal("1"),
      TimeInForce.GTC, null, 5, "LPX")).isInstanceOf(LpOrderTerms.Unsendable.class);
  }

  @Test
  void aMarketOrderForAPreviouslyQuotedLpGoesAgainstItsOwnQuoteIdAtTheQuotedPrice() {
    ExecutionProfile quoted = ExecutionProfile.parse(Map.of("orderStyle", "PREVIOUSLY_QUOTED", "maxDeviationPoints", 7));
    assertThat(ExecutionProfile.parse(quoted.toMap())).isEqualTo(quoted);
    LpOrderTerms.Terms buy = LpOrderTerms.of(quoted, Side.BUY, OrderType.MARKET, null, TimeInForce.IOC,
      new BigDecimal("1.10020"), "Q-42A", "LP2", 5, "LP2");
    assertThat(buy).as("no deviation: the quote's own price, as formatted")
      .isEqualTo(new LpOrderTerms.Terms(OrderType.LIMIT, new BigDecimal("1.10020"), TimeInForce.IOC, "Q-42A"));
    assertThat(buy.previouslyQuoted()).isTrue();
    assertThat(buy.price().toPlainString()).isEqualTo("1.10020");
    LpOrderTerms.Terms sell = LpOrderTerms.of(quoted, Side.SELL, OrderType.MARKET, null, TimeInForce.FOK,
      new BigDecimal("1.10000"), "Q-42B", "LP2", 5, "LP2");
    assertThat(sell.timeInForce()).as("a fill-or-kill order stays FOK").isEqualTo(TimeInForce.FOK);
    assertThat(sell.quoteId()).isEqualTo("Q-42B");
    ExecutionProfile fokOnly = ExecutionProfile.parse(Map.of("orderStyle", "PREVIOUSLY_QUOTED", "timesInForce", List.of("FOK")));
    assertThat(LpOrderTerms.of(fokOnly, Side.BUY, OrderType.MARKET, null, TimeInForce.IOC, new BigDecimal("1.1"), "Q1",
      "LP2", 5, "LP2").timeInForce()).as("an LP taking FOK only gets FOK, never weaker than the client").isEqualTo(TimeInForce.FOK);
    ExecutionProfile iocOnly = ExecutionProfile.parse(Map.of("orderStyle", "PREVIOUSLY_QUOTED", "timesInForce", List.of("IOC")));
    assertThatThrownBy(() -> LpOrderTerms.of(iocOnly, Side.BUY, OrderType.MARKET, null, TimeInForce.FOK,
      new BigDecimal("1.1"), "Q1", "LP2", 5, "LP2")).isInstanceOf(LpOrderTerms.Unsendable.class)
      .hasMessageContaining("fill-or-kill");
    assertThat(LpOrderTerms.of(quoted, Side.BUY, OrderType.LIMIT, new BigDecimal("1.2"), TimeInForce.IOC, null, null, null,
      5, "LP2")).as("client limits go as limits").isEqualTo(new LpOrderTerms.Terms(OrderType.LIMIT, new BigDecimal("1.2"),
      TimeInForce.IOC));
  }

  @Test
  void aPreviouslyQuotedOrderIsNeverSentWithAnIdItsLpDidNotQuote() {
    ExecutionProfile quoted = ExecutionProfile.parse(Map.of("orderStyle", "PREVIOUSLY_QUOTED"));
    assertThatThrownBy(() -> LpOrderTerms.of(quoted, Side.BUY, OrderType.MARKET, null, TimeInForce.IOC,
      new BigDecimal("1.1"), "Q-1A", "LP2", 5, "LP1")).isInstanceOf(LpOrderTerms.Unsendable.class)
      .hasMessage("LP1 takes previously quoted orders only and the quoted ask is LP2's, not LP1's");
    assertThatThrownBy(() -> LpOrderTerms.of(quoted, Side.SELL, OrderType.MARKET, null, TimeInForce.IOC,
      new BigDecimal("1.1"), null, "LP1", 5, "LP1")).isInstanceOf(LpOrderTerms.Unsendable.class)
      .hasMessage("LP1 takes previously quoted orders only and its quoted bid carries no QuoteID");
    assertThatThrownBy(() -> LpOrderTerms.of(quoted, Side.SELL, OrderType.MARKET, null, TimeInForce.IOC,
      null, null, null, 5, "LP1")).isInstanceOf(LpOrderTerms.Unsendable.class).hasMessageContaining("no quote");
    assertThatThrownBy(() -> LpOrderTerms.of(quoted, Side.SELL, OrderType.MARKET, null, TimeInForce.IOC,
      new BigDecimal("1.1"), 5, "LP1")).as("the old call carries no id").isInstanceOf(LpOrderTerms.Unsendable.class);
  }

  @Test
  void theDefaultProfileSendsOrdersAsTheClientPlacedThem() {
    assertThat(LpOrderTerms.of(ExecutionProfile.DEFAULT, Side.BUY, OrderType.MARKET, null, TimeInForce.FOK,
      new BigDecimal("1.1"), 5, "LP")).isEqualTo(new LpOrderTerms.Terms(OrderType.MARKET, null, TimeInForce.FOK));
    assertThat(LpOrderTerms.of(ExecutionProfile.DEFAULT, Side.SELL, OrderType.LIMIT, new BigDecimal("1.2"), TimeInForce.GTC,
      null, 5, "LP")).isEqualTo(new LpOrderTerms.Terms(OrderType.LIMIT, new BigDecimal("1.2"), TimeInForce.GTC));
  }

  private static void refused(Map<String, Object> json, String field) {
    assertThatThrownBy(() -> ExecutionProfile.parse(json)).as(json.toString())
      .isInstanceOfSatisfying(ExecutionProfile.Invalid.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
