package com.rtx.lpsim;

import com.rtx.lpsim.FixTradeClient.Received;
import com.rtx.support.Eventually;
import com.rtx.support.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrigClOrdID;
import quickfix.field.Side;
import quickfix.field.Text;
import quickfix.field.TimeInForce;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's trading half over real FIX trade sessions on loopback. The LPs tick once a
 * minute, so the book an order meets is the snapshot the test reads first on the market-data
 * session: LP1 plain, LP2 always fills in two parts, LP3 always rejects (last look), LP4 slips up
 * to 5 points.
 */
@Timeout(120)
class LpTradingIT {

  private SimulatorFixture simulator;
  private FixTestClient marketData;
  private FixTradeClient trade;
  private int ids;

  @BeforeEach
  void start() throws Exception {
    simulator = SimulatorFixture.started(new JsonArray()
      .add(lp("LP1"))
      .add(lp("LP2").put("partial-fill-probability", "1"))
      .add(lp("LP3").put("reject-probability", "1"))
      .add(lp("LP4").put("slippage-points", 5)));
    marketData = FixTestClient.start(simulator.fixPort, "LP1", "LP4");
    marketData.awaitEvent("LP1", "logon");
    marketData.awaitEvent("LP4", "logon");
    trade = FixTradeClient.start(simulator.fixPort, "LP1", "LP2", "LP3", "LP4");
    for (int i = 0; i < 4; i++) {
      trade.next();
    }
  }

  private static JsonObject lp(String name) {
    return new JsonObject().put("name", name).put("spread-factor", "1.0").put("tick-interval-ms", 60_000)
      .put("latency-ms", 0);
  }

  @AfterEach
  void stop() throws Exception {
    if (trade != null) {
      trade.close();
    }
    if (marketData != null) {
      marketData.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  private String id() {
    return "c-" + (++ids);
  }

  private ReceivedQuote book(String lp, String symbol) throws Exception {
    marketData.snapshot(lp, "snap-" + (++ids), symbol);
    return ReceivedQuote.of(marketData.next(r -> ReceivedQuote.isQuote(r) && r.lp().equals(lp)));
  }

  private static void assertReport(Received r, char execType, char ordStatus, String cum, String leaves) {
    assertThat(r.type()).isEqualTo(MsgType.EXECUTION_REPORT);
    assertThat(r.get(ExecType.FIELD)).as("ExecType of " + r.message()).isEqualTo(String.valueOf(execType));
    assertThat(r.get(OrdStatus.FIELD)).as("OrdStatus of " + r.message()).isEqualTo(String.valueOf(ordStatus));
    assertThat(new BigDecimal(r.get(CumQty.FIELD))).isEqualByComparingTo(cum);
    assertThat(new BigDecimal(r.get(LeavesQty.FIELD))).isEqualByComparingTo(leaves);
  }

  @Test
  void marketOrdersFillAtTheLpsOwnQuoteBuyAtAskSellAtBid() throws Exception {
    ReceivedQuote quote = book("LP1", "EURUSD");

    trade.market("LP1", "b-1", "EURUSD", Side.BUY, "10000", TimeInForce.IMMEDIATE_OR_CANCEL);
    Received ack = trade.nextMessage();
    Received fill = trade.nextMessage();
    trade.market("LP1", "s-1", "EURUSD", Side.SELL, "25000", TimeInForce.FILL_OR_KILL);
    trade.nextMessage();
    Received sold = trade.nextMessage();

    assertReport(ack, ExecType.NEW, OrdStatus.NEW, "0", "10000");
    assertThat(ack.get(ClOrdID.FIELD)).isEqualTo("b-1");
    assertReport(fill, ExecType.TRADE, OrdStatus.FILLED, "10000", "0");
    assertThat(new BigDecimal(fill.get(LastPx.FIELD))).isEqualByComparingTo(quote.ask());
    assertThat(new BigDecimal(fill.get(AvgPx.FIELD))).isEqualByComparingTo(quote.ask());
    assertThat(new BigDecimal(fill.get(LastQty.FIELD))).isEqualByComparingTo("10000");
    assertThat(new BigDecimal(sold.get(LastPx.FIELD))).isEqualByComparingTo(quote.bid());
    assertThat(Set.of(ack.get(ExecID.FIELD), fill.get(ExecID.FIELD), sold.get(ExecID.FIELD))).hasSize(3);
  }

  @Test
  void partialFillsThenTheRestOrTheRestCancelledForIocOrNothingForFok() throws Exception {
    trade.market("LP2", "gtc", "GBPUSD", Side.BUY, "10001", TimeInForce.GOOD_TILL_CANCEL);
    assertReport(trade.nextMessage(), ExecType.NEW, OrdStatus.NEW, "0", "10001");
    Received first = trade.nextMessage();
    Received second = trade.nextMessage();
    trade.market("LP2", "ioc", "GBPUSD", Side.SELL, "20000", TimeInForce.IMMEDIATE_OR_CANCEL);
    trade.nextMessage();
    Received iocPart = trade.nextMessage();
    Received iocRest = trade.nextMessage();
    trade.market("LP2", "fok", "GBPUSD", Side.SELL, "20000", TimeInForce.FILL_OR_KILL);
    trade.nextMessage();
    Received killed = trade.nextMessage();

    assertReport(first, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, "5000", "5001");
    assertThat(first.get(LastQty.FIELD)).isEqualTo("5000");
    assertReport(second, ExecType.TRADE, OrdStatus.FILLED, "10001", "0");
    assertThat(second.get(LastQty.FIELD)).isEqualTo("5001");
    assertReport(iocPart, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, "10000", "10000");
    assertReport(iocRest, ExecType.CANCELED, OrdStatus.CANCELED, "10000", "0");
    assertReport(killed, ExecType.CANCELED, OrdStatus.CANCELED, "0", "0");
  }

  @Test
  void lastLookRejects() throws Exception {
    trade.market("LP3", "r-1", "EURUSD", Side.BUY, "10000", TimeInForce.IMMEDIATE_OR_CANCEL);

    Received reject = trade.nextMessage();

    assertReport(reject, ExecType.REJECTED, OrdStatus.REJECTED, "0", "0");
    assertThat(reject.get(Text.FIELD)).contains("last look");
  }

  @Test
  void slippageIsAgainstTheClientAndWithinItsLimit() throws Exception {
    ReceivedQuote quote = book("LP4", "EURUSD");
    BigDecimal point = new BigDecimal("0.00001");
    for (int i = 0; i < 5; i++) {
      trade.market("LP4", id(), "EURUSD", Side.BUY, "1000", TimeInForce.IMMEDIATE_OR_CANCEL);
      trade.nextMessage();
      BigDecimal px = new BigDecimal(trade.nextMessage().get(LastPx.FIELD));
      assertThat(px).isBetween(quote.ask(), quote.ask().add(point.multiply(BigDecimal.valueOf(5))));
    }
  }

  @Test
  void limitOrdersRestUntilMarketableAnswerStatusAndCancel() throws Exception {
    ReceivedQuote quote = book("LP1", "EURUSD");
    String below = quote.ask().subtract(new BigDecimal("0.00100")).toPlainString();

    trade.limit("LP1", "rest", "EURUSD", Side.BUY, "10000", below, TimeInForce.GOOD_TILL_CANCEL);
    assertReport(trade.nextMessage(), ExecType.NEW, OrdStatus.NEW, "0", "10000");
    trade.limit("LP1", "ioc", "EURUSD", Side.BUY, "10000", below, TimeInForce.IMMEDIATE_OR_CANCEL);
    trade.nextMessage();
    Received iocCancelled = trade.nextMessage();
    trade.limit("LP1", "better", "EURUSD", Side.BUY, "10000", quote.ask().add(new BigDecimal("0.00050")).toPlainString(),
      TimeInForce.GOOD_TILL_CANCEL);
    trade.nextMessage();
    Received improved = trade.nextMessage();
    trade.status("LP1", "rest", "EURUSD", Side.BUY);
    Received status = trade.nextMessage();
    trade.cancel("LP1", "rest-x", "rest", "EURUSD", Side.BUY);
    Received cancelled = trade.nextMessage();
    trade.cancel("LP1", "rest-y", "rest", "EURUSD", Side.BUY);
    Received tooLate = trade.nextMessage();
    trade.status("LP1", "nobody", "EURUSD", Side.BUY);
    Received unknown = trade.nextMessage();

    assertReport(iocCancelled, ExecType.CANCELED, OrdStatus.CANCELED, "0", "0");
    assertReport(improved, ExecType.TRADE, OrdStatus.FILLED, "10000", "0");
    assertThat(new BigDecimal(improved.get(LastPx.FIELD))).isEqualByComparingTo(quote.ask());
    assertReport(status, ExecType.ORDER_STATUS, OrdStatus.NEW, "0", "10000");
    assertReport(cancelled, ExecType.CANCELED, OrdStatus.CANCELED, "0", "0");
    assertThat(cancelled.get(ClOrdID.FIELD)).isEqualTo("rest-x");
    assertThat(cancelled.get(OrigClOrdID.FIELD)).isEqualTo("rest");
    assertThat(tooLate.type()).isEqualTo(MsgType.ORDER_CANCEL_REJECT);
    assertThat(tooLate.get(CxlRejReason.FIELD)).isEqualTo(String.valueOf(CxlRejReason.TOO_LATE_TO_CANCEL));
    assertReport(unknown, ExecType.ORDER_STATUS, OrdStatus.REJECTED, "0", "0");
    assertThat(unknown.get(OrdRejReason.FIELD)).isEqualTo(String.valueOf(OrdRejReason.UNKNOWN_ORDER));
  }

  @Test
  void aRestingLimitFillsWhenAQuoteReachesIt() throws Exception {
    ReceivedQuote quote = book("LP1", "EURUSD");
    String limit = quote.ask().subtract(new BigDecimal("0.00100")).toPlainString();
    trade.limit("LP1", "rest", "EURUSD", Side.BUY, "10000", limit, TimeInForce.GOOD_TILL_CANCEL);
    trade.nextMessage();

    JsonObject spike = simulator.switchOn("/lps/LP1/symbols/EURUSD/spike",
      new JsonObject().put("points", -500).put("persist", true));
    Received fill = trade.nextMessage();

    assertReport(fill, ExecType.TRADE, OrdStatus.FILLED, "10000", "0");
    assertThat(new BigDecimal(fill.get(LastPx.FIELD))).isEqualByComparingTo(spike.getString("ask"));
  }

  /**
   * With quote ids on, every quote carries a QuoteEntryID per side; a previously quoted order trades
   * only against one the LP issued for its symbol and side at that price, filled at that price;
   * anything else is rejected "quote expired", and with quoted-only on a market order gets a session
   * Reject.
   */
  @Test
  void previouslyQuotedOrdersTradeOnlyAgainstAQuoteIdTheLpIssued() throws Exception {
    simulator.switchOn("/lps/LP1/quote-ids", new JsonObject().put("on", true).put("validityMs", 60_000));
    simulator.switchOn("/lps/LP1/orders/quoted-only", null);
    JsonObject spike = simulator.switchOn("/lps/LP1/symbols/EURUSD/spike", new JsonObject().put("points", 1));
    marketData.snapshot("LP1", "snap-" + (++ids), "EURUSD");
    List<quickfix.Group> entries = marketData.next(r -> ReceivedQuote.isQuote(r) && r.lp().equals("LP1")).message()
      .getGroups(quickfix.field.NoMDEntries.FIELD);
    String bidId = entries.get(0).getString(quickfix.field.QuoteEntryID.FIELD);
    String askId = entries.get(1).getString(quickfix.field.QuoteEntryID.FIELD);
    assertThat(entries.get(1).getDecimal(quickfix.field.MDEntryPx.FIELD)).isEqualByComparingTo(spike.getString("ask"));
    assertThat(askId).startsWith("LP1-Q").endsWith("A").isNotEqualTo(bidId);

    trade.market("LP1", "mkt", "EURUSD", Side.BUY, "10000", TimeInForce.FILL_OR_KILL);
    Received refused = trade.nextMessage();
    trade.quoted("LP1", "q-ok", "EURUSD", Side.BUY, "10000", spike.getString("ask"), TimeInForce.FILL_OR_KILL, askId);
    Received ack = trade.nextMessage();
    Received fill = trade.nextMessage();
    trade.quoted("LP1", "q-side", "EURUSD", Side.BUY, "10000", spike.getString("bid"), TimeInForce.FILL_OR_KILL, bidId);
    Received wrongSide = trade.nextMessage();
    trade.quoted("LP1", "q-made-up", "EURUSD", Side.SELL, "10000", spike.getString("bid"), TimeInForce.FILL_OR_KILL,
      "LP1-Q0-1B");
    Received unknown = trade.nextMessage();

    assertThat(refused.type()).as("a session Reject (35=3) of the market order").isEqualTo(MsgType.REJECT);
    assertThat(refused.get(quickfix.field.RefTagID.FIELD)).isEqualTo("40");
    assertReport(ack, ExecType.NEW, OrdStatus.NEW, "0", "10000");
    assertReport(fill, ExecType.TRADE, OrdStatus.FILLED, "10000", "0");
    assertThat(new BigDecimal(fill.get(LastPx.FIELD))).isEqualByComparingTo(spike.getString("ask"));
    for (Received rejected : List.of(wrongSide, unknown)) {
      assertReport(rejected, ExecType.REJECTED, OrdStatus.REJECTED, "0", "0");
      assertThat(rejected.get(Text.FIELD)).isEqualTo("quote expired");
    }
    assertThat(unknown.get(ClOrdID.FIELD)).isEqualTo("q-made-up");
  }

  @Test
  void rejectAllRejectsEveryOrderUntilResumed() throws Exception {
    simulator.switchOn("/lps/LP1/orders/reject-all", null);
    trade.market("LP1", "x", "EURUSD", Side.BUY, "1000", TimeInForce.IMMEDIATE_OR_CANCEL);
    Received rejected = trade.nextMessage();
    simulator.switchOn("/lps/LP1/orders/resume", null);
    trade.market("LP1", "y", "EURUSD", Side.BUY, "1000", TimeInForce.IMMEDIATE_OR_CANCEL);

    assertReport(rejected, ExecType.REJECTED, OrdStatus.REJECTED, "0", "0");
    assertThat(rejected.get(Text.FIELD)).contains("reject-all");
    assertReport(trade.nextMessage(), ExecType.NEW, OrdStatus.NEW, "0", "1000");
  }

  @Test
  void hangHoldsEveryRequestUnansweredUntilResumed() throws Exception {
    simulator.switchOn("/lps/LP1/orders/hang", null);
    trade.market("LP1", "h-1", "EURUSD", Side.BUY, "1000", TimeInForce.IMMEDIATE_OR_CANCEL);
    trade.status("LP1", "h-1", "EURUSD", Side.BUY);
    Eventually.await("both requests held", Duration.ofSeconds(30), () -> lp1().getInteger("heldRequests") == 2);
    assertThat(trade.pending()).isZero();

    simulator.switchOn("/lps/LP1/orders/resume", null);

    assertReport(trade.nextMessage(), ExecType.NEW, OrdStatus.NEW, "0", "1000");
    assertReport(trade.nextMessage(), ExecType.TRADE, OrdStatus.FILLED, "1000", "0");
    assertReport(trade.nextMessage(), ExecType.ORDER_STATUS, OrdStatus.FILLED, "1000", "0");
  }

  @Test
  void duplicateReportsRepeatTheExecIdWithPossDup() throws Exception {
    simulator.switchOn("/lps/LP1/orders/duplicate-reports", null);
    trade.market("LP1", "d-1", "EURUSD", Side.BUY, "1000", TimeInForce.IMMEDIATE_OR_CANCEL);

    List<Received> four = List.of(trade.nextMessage(), trade.nextMessage(), trade.nextMessage(), trade.nextMessage());

    assertThat(four.get(0).possDup()).isFalse();
    assertThat(four.get(1).possDup()).isTrue();
    assertThat(four.get(1).get(ExecID.FIELD)).isEqualTo(four.get(0).get(ExecID.FIELD));
    assertThat(four.get(2).possDup()).isFalse();
    assertThat(four.get(3).possDup()).isTrue();
    assertThat(four.get(3).get(ExecID.FIELD)).isEqualTo(four.get(2).get(ExecID.FIELD));
    assertThat(four.get(2).get(ExecID.FIELD)).isNotEqualTo(four.get(0).get(ExecID.FIELD));
  }

  @Test
  void outOfOrderSendsTheFillBeforeTheNew() throws Exception {
    simulator.switchOn("/lps/LP1/orders/out-of-order", null);
    trade.market("LP1", "o-1", "EURUSD", Side.BUY, "1000", TimeInForce.IMMEDIATE_OR_CANCEL);

    assertReport(trade.nextMessage(), ExecType.TRADE, OrdStatus.FILLED, "1000", "0");
    assertReport(trade.nextMessage(), ExecType.NEW, OrdStatus.NEW, "0", "1000");
  }

  @Test
  void disconnectMidOrderDeliversTheReportsByResendAfterReconnect() throws Exception {
    simulator.switchOn("/lps/LP1/orders/disconnect-mid-order", null);
    trade.market("LP1", "m-1", "EURUSD", Side.BUY, "1000", TimeInForce.IMMEDIATE_OR_CANCEL);

    trade.awaitEvent("LP1", "logout");
    trade.awaitEvent("LP1", "logon");
    List<Received> resent = new ArrayList<>(List.of(trade.nextMessage(), trade.nextMessage()));

    assertReport(resent.get(0), ExecType.NEW, OrdStatus.NEW, "0", "1000");
    assertReport(resent.get(1), ExecType.TRADE, OrdStatus.FILLED, "1000", "0");
    assertThat(resent).allSatisfy(r -> assertThat(r.possDup()).isTrue());
    Set<String> execIds = new HashSet<>();
    resent.forEach(r -> execIds.add(r.get(ExecID.FIELD)));
    assertThat(execIds).hasSize(2);
    assertThat(lp1().getJsonArray("orderFaults")).isEmpty();
  }

  @Test
  void tradeDisconnectDropsOnlyTheTradeSession() throws Exception {
    simulator.switchOn("/lps/LP1/trade/disconnect", null);

    trade.awaitEvent("LP1", "logout");
    trade.awaitEvent("LP1", "logon");
    assertThat(lp1().getBoolean("loggedOn")).isTrue();
  }

  private JsonObject lp1() {
    return Http.json(simulator.get("/lps")).getJsonArray("lps").getJsonObject(0);
  }
}
