package com.rtx.lpsim;

import com.rtx.lpsim.FixTestClient.Received;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MsgType;
import quickfix.field.Text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator over real FIX on loopback: a QuickFIX/J initiator (the role the pricing side will
 * play) against the deployed {@link LpSimVerticle}. Orderings are established with FIX itself, never
 * with time: a fault switch has taken effect when its HTTP call returns, and a snapshot-only request
 * sent afterwards is answered after every quote sent before the switch (one session, one ordered
 * stream). So "nothing after the switch" means "nothing after that barrier snapshot".
 */
@Timeout(90)
class LpSimulatorIT {

  /** Far beyond what the walk moves during a test (a few points), far below the start price. */
  private static final long SPIKE_POINTS = 5_000;

  private SimulatorFixture simulator;
  private FixTestClient client;

  @BeforeEach
  void start() throws Exception {
    simulator = SimulatorFixture.started();
    client = FixTestClient.start(simulator.fixPort, "LP1", "LP2");
    client.awaitEvent("LP1", "logon");
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test
  void snapshotThenIncrementalsWithTheInstrumentsDigits() throws Exception {
    client.subscribe("LP1", "md-1", "EURUSD", "USDJPY");

    ReceivedQuote eurusd = quote(client.next());
    ReceivedQuote usdjpy = quote(client.next());
    assertThat(List.of(eurusd.type(), usdjpy.type())).containsOnly(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH);
    assertThat(List.of(eurusd.symbol(), usdjpy.symbol())).containsExactly("EURUSD", "USDJPY");
    assertWellFormed(eurusd, "md-1", 5);
    assertWellFormed(usdjpy, "md-1", 3);
    assertThat(eurusd.bidSize()).isEqualByComparingTo("1000000");
    // Realistic levels: the walk starts at 1.08500 and 151.500 and moves a few points per tick.
    assertThat(eurusd.bid()).isBetween(new BigDecimal("1.07500"), new BigDecimal("1.09500"));
    assertThat(usdjpy.bid()).isBetween(new BigDecimal("150.500"), new BigDecimal("152.500"));

    int eurusdUpdates = 0;
    int usdjpyUpdates = 0;
    while (eurusdUpdates < 5 || usdjpyUpdates < 5) {
      ReceivedQuote update = quote(client.next());
      assertThat(update.incremental()).isTrue();
      assertWellFormed(update, "md-1", update.symbol().equals("EURUSD") ? 5 : 3);
      assertThat(update.sendingTime()).isAfterOrEqualTo(update.quoteTime());
      if (update.symbol().equals("EURUSD")) {
        eurusdUpdates++;
      } else {
        assertThat(update.symbol()).isEqualTo("USDJPY");
        usdjpyUpdates++;
      }
    }
  }

  @Test
  void widerSpreadAndLatencyOfTheSecondLp() throws Exception {
    client.awaitEvent("LP2", "logon");
    client.subscribe("LP2", "md-2", "EURUSD");

    ReceivedQuote snapshot = quote(client.next());
    assertThat(snapshot.lp()).isEqualTo("LP2");
    for (int i = 0; i < 5; i++) {
      ReceivedQuote update = quote(client.next());
      assertWellFormed(update, "md-2", 5);
      // Base spread 8 points times LP2's factor 1.4, rounded: 11 points.
      assertThat(update.ask().subtract(update.bid())).isEqualByComparingTo("0.00011");
      // 273 is when the LP made the quote, 52 when it left after the simulated latency.
      assertThat(update.sendingTime()).isAfterOrEqualTo(update.quoteTime());
    }
  }

  @Test
  void unknownSymbolDuplicateRequestAndUnknownUnsubscribeAreRejected() throws Exception {
    client.subscribe("LP1", "md-bad", "EURUSD", "NOSUCH");

    Received reject = client.next();
    assertThat(reject.type()).isEqualTo(MsgType.MARKET_DATA_REQUEST_REJECT);
    assertThat(reject.message().getString(MDReqID.FIELD)).isEqualTo("md-bad");
    assertThat(reject.message().getChar(MDReqRejReason.FIELD)).isEqualTo(MDReqRejReason.UNKNOWN_SYMBOL);
    assertThat(reject.message().getString(Text.FIELD)).contains("NOSUCH");
    // The request was refused as a whole: the next message answers the next request.
    client.snapshot("LP1", "barrier", "GBPUSD");
    ReceivedQuote barrier = quote(client.next());
    assertThat(barrier.mdReqId()).isEqualTo("barrier");
    assertThat(barrier.incremental()).isFalse();

    client.subscribe("LP1", "md-1", "EURUSD");
    client.next(r -> r.type().equals(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH));
    client.subscribe("LP1", "md-1", "USDJPY");
    Received duplicate = client.next(r -> r.type().equals(MsgType.MARKET_DATA_REQUEST_REJECT));
    assertThat(duplicate.message().getChar(MDReqRejReason.FIELD)).isEqualTo(MDReqRejReason.DUPLICATE_MDREQID);

    client.unsubscribe("LP1", "md-never", "EURUSD");
    Received unknown = client.next(r -> r.type().equals(MsgType.MARKET_DATA_REQUEST_REJECT));
    assertThat(unknown.message().getString(MDReqID.FIELD)).isEqualTo("md-never");
    assertThat(unknown.message().isSetField(MDReqRejReason.FIELD)).isFalse();
  }

  @Test
  void unsubscribeStopsUpdates() throws Exception {
    client.subscribe("LP1", "md-1", "EURUSD");
    awaitUpdates("EURUSD", 3);

    client.unsubscribe("LP1", "md-1", "EURUSD");
    client.subscribe("LP1", "md-2", "USDJPY");
    Window window = untilBarrierThen("md-2", q -> q.symbol().equals("USDJPY"), 20);

    assertThat(window.afterBarrier()).filteredOn(q -> q.symbol().equals("EURUSD")).isEmpty();
  }

  @Test
  void staleSymbolStopsOnlyThatSymbolUntilResumed() throws Exception {
    client.subscribe("LP1", "md-1", "EURUSD", "USDJPY");
    awaitUpdates("EURUSD", 3);

    JsonObject ack = simulator.switchOn("/lps/LP1/symbols/EURUSD/stale", null);
    assertThat(ack.getBoolean("stale")).isTrue();
    client.snapshot("LP1", "barrier", "GBPUSD");
    Window window = untilBarrierThen("barrier", q -> q.symbol().equals("USDJPY"), 20);

    assertThat(window.afterBarrier()).filteredOn(q -> q.symbol().equals("EURUSD")).isEmpty();
    JsonObject lp1 = lp("LP1");
    assertThat(lp1.getJsonArray("staleSymbols")).isEqualTo(new JsonArray().add("EURUSD"));
    assertThat(lp1.getJsonArray("subscribedSymbols")).isEqualTo(new JsonArray().add("EURUSD").add("USDJPY"));

    simulator.switchOn("/lps/LP1/symbols/EURUSD/resume", null);
    ReceivedQuote resumed = quote(client.next(r -> ReceivedQuote.isQuote(r) && quote(r).symbol().equals("EURUSD")));
    assertThat(resumed.incremental()).isTrue();
  }

  @Test
  void spikeWithoutPersistSendsExactlyOneOutlier() throws Exception {
    client.subscribe("LP1", "md-1", "EURUSD");
    ReceivedQuote before = awaitUpdates("EURUSD", 3);

    JsonObject ack = simulator.switchOn("/lps/LP1/symbols/EURUSD/spike", new JsonObject().put("points", SPIKE_POINTS));
    assertThat(ack.getInteger("subscriptions")).isEqualTo(1);
    assertThat(ack.getBoolean("persist")).isFalse();
    client.snapshot("LP1", "barrier", "GBPUSD");
    Window window = untilBarrierThen("barrier", q -> q.symbol().equals("EURUSD"), 20);

    List<ReceivedQuote> outliers = window.all().stream()
      .filter(q -> Math.abs(q.midUnits() - before.midUnits()) > SPIKE_POINTS / 2)
      .toList();
    assertThat(outliers).hasSize(1);
    assertThat(outliers.get(0).bid().toPlainString()).isEqualTo(ack.getString("bid"));
    assertThat(outliers.get(0).ask().toPlainString()).isEqualTo(ack.getString("ask"));
    assertThat(outliers.get(0).midUnits() - before.midUnits()).isBetween(SPIKE_POINTS - 100, SPIKE_POINTS + 100);
    // Then the normal walk again: the last quotes are back near the level before the spike.
    assertThat(window.afterBarrier()).allSatisfy(q ->
      assertThat(Math.abs(q.midUnits() - before.midUnits())).isLessThan(SPIKE_POINTS / 2));
  }

  @Test
  void persistentSpikeMovesEveryLaterQuote() throws Exception {
    client.subscribe("LP1", "md-1", "EURUSD");
    ReceivedQuote before = awaitUpdates("EURUSD", 3);

    JsonObject ack = simulator.switchOn("/lps/LP1/symbols/EURUSD/spike",
      new JsonObject().put("points", SPIKE_POINTS).put("persist", true));
    assertThat(ack.getBoolean("persist")).isTrue();
    client.snapshot("LP1", "barrier", "GBPUSD");
    Window window = untilBarrierThen("barrier", q -> q.symbol().equals("EURUSD"), 20);

    assertThat(window.afterBarrier()).allSatisfy(q ->
      assertThat(Math.abs(q.midUnits() - (before.midUnits() + SPIKE_POINTS))).isLessThan(SPIKE_POINTS / 2));
    assertThat(window.beforeBarrier()).anySatisfy(q -> assertThat(q.bid().toPlainString()).isEqualTo(ack.getString("bid")));
  }

  @Test
  void crossedSendsOneCrossedQuote() throws Exception {
    client.subscribe("LP1", "md-1", "EURUSD");
    awaitUpdates("EURUSD", 3);

    JsonObject ack = simulator.switchOn("/lps/LP1/symbols/EURUSD/crossed", null);
    assertThat(ack.getBoolean("crossed")).isTrue();
    assertThat(new BigDecimal(ack.getString("bid"))).isGreaterThan(new BigDecimal(ack.getString("ask")));
    client.snapshot("LP1", "barrier", "GBPUSD");
    Window window = untilBarrierThen("barrier", q -> q.symbol().equals("EURUSD"), 20);

    List<ReceivedQuote> crossed = window.all().stream().filter(ReceivedQuote::crossed).toList();
    assertThat(crossed).hasSize(1);
    assertThat(crossed.get(0).bid().toPlainString()).isEqualTo(ack.getString("bid"));
    assertThat(crossed.get(0).ask().toPlainString()).isEqualTo(ack.getString("ask"));
  }

  @Test
  void disconnectDropsTheSessionAndTheClientLogsOnAgain() throws Exception {
    client.subscribe("LP1", "md-1", "EURUSD");
    awaitUpdates("EURUSD", 1);

    assertThat(simulator.switchOn("/lps/LP1/disconnect", null).getBoolean("disconnected")).isTrue();

    client.awaitEvent("LP1", "logout");
    client.awaitEvent("LP1", "logon");
    // The old subscription died with the session: the same MDReqID is accepted again.
    client.subscribe("LP1", "md-1", "EURUSD");
    ReceivedQuote snapshot = quote(client.next(r -> ReceivedQuote.isQuote(r) && !quote(r).incremental()));
    assertThat(snapshot.mdReqId()).isEqualTo("md-1");
    awaitUpdates("EURUSD", 3);
    assertThat(lp("LP1").getLong("logons")).isEqualTo(2);
  }

  @Test
  void refusedLogonIsAnsweredWithLogoutTextUntilSwitchedOff() throws Exception {
    JsonObject ack = simulator.switchOn("/lps/LP1/refuse-logon", new JsonObject().put("refuse", true));
    assertThat(ack.getBoolean("refuseLogon")).isTrue();
    simulator.switchOn("/lps/LP1/disconnect", null);
    client.awaitEvent("LP1", "logout");

    FixTestClient.Event refused = client.awaitEvent(e -> e.lp().equals("LP1") && e.kind().equals("logout-message"),
      "LP1 Logout answering a Logon");
    assertThat(refused.text()).isEqualTo("logon refused by simulator");
    assertThat(lp("LP1").getBoolean("loggedOn")).isFalse();
    assertThat(lp("LP1").getBoolean("refuseLogon")).isTrue();

    simulator.switchOn("/lps/LP1/refuse-logon", new JsonObject().put("refuse", false));
    client.awaitEvent("LP1", "logon");
    assertThat(lp("LP1").getBoolean("loggedOn")).isTrue();
  }

  // ---------------------------------------------------------------------------------------------

  private static ReceivedQuote quote(Received received) {
    return ReceivedQuote.of(received);
  }

  private static void assertWellFormed(ReceivedQuote quote, String mdReqId, int digits) {
    assertThat(quote.mdReqId()).isEqualTo(mdReqId);
    assertThat(quote.bid().scale()).as("decimals of 270").isEqualTo(digits);
    assertThat(quote.ask().scale()).as("decimals of 270").isEqualTo(digits);
    assertThat(quote.bid()).isLessThan(quote.ask());
    assertThat(quote.bid().signum()).isPositive();
  }

  /** Reads until {@code count} incremental updates of {@code symbol}; returns the last. */
  private ReceivedQuote awaitUpdates(String symbol, int count) throws InterruptedException {
    ReceivedQuote last = null;
    for (int seen = 0; seen < count; ) {
      Received received = client.next();
      if (ReceivedQuote.isQuote(received)) {
        ReceivedQuote quote = quote(received);
        if (quote.incremental() && quote.symbol().equals(symbol)) {
          last = quote;
          seen++;
        }
      }
    }
    return last;
  }

  /** The quotes read before the barrier snapshot and after it (the barrier itself left out). */
  private record Window(List<ReceivedQuote> beforeBarrier, List<ReceivedQuote> afterBarrier) {
    List<ReceivedQuote> all() {
      List<ReceivedQuote> all = new ArrayList<>(beforeBarrier);
      all.addAll(afterBarrier);
      return all;
    }
  }

  /**
   * Reads every quote until the snapshot answering {@code barrierId}, then until {@code count}
   * more quotes matching {@code counted}.
   */
  private Window untilBarrierThen(String barrierId, Predicate<ReceivedQuote> counted, int count)
    throws InterruptedException {
    List<ReceivedQuote> before = new ArrayList<>();
    while (true) {
      ReceivedQuote quote = quote(client.next());
      if (quote.mdReqId().equals(barrierId) && !quote.incremental()) {
        break;
      }
      before.add(quote);
    }
    List<ReceivedQuote> after = new ArrayList<>();
    for (int matched = 0; matched < count; ) {
      ReceivedQuote quote = quote(client.next());
      after.add(quote);
      if (counted.test(quote)) {
        matched++;
      }
    }
    return new Window(before, after);
  }

  private JsonObject lp(String name) {
    JsonArray lps = com.rtx.support.Http.json(simulator.get("/lps")).getJsonArray("lps");
    return lps.stream().map(JsonObject.class::cast).filter(o -> o.getString("name").equals(name)).findFirst()
      .orElseThrow();
  }
}
