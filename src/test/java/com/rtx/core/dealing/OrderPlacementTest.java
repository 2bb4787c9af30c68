package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.AccountStatus;
import com.rtx.core.account.ExecutionMode;
import com.rtx.core.account.GroupLimits;
import com.rtx.core.account.HedgedMarginMode;
import com.rtx.core.commission.CommissionPolicy;
import com.rtx.core.market.AssetClass;
import com.rtx.core.money.Money;
import com.rtx.core.pricing.QuoteStatus;
import com.rtx.core.testkit.Desk;
import com.rtx.core.testkit.Fixtures;
import com.rtx.core.trading.DealEntry;
import com.rtx.core.trading.DealReason;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderStatus;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.rtx.core.dealing.Command.PlaceOrder.market;
import static com.rtx.core.dealing.Command.PlaceOrder.pending;
import static org.assertj.core.api.Assertions.assertThat;

/** Market and pending order placement; one test per rejection reason. EURUSD is 1.10000/1.10010. */
class OrderPlacementTest {

  private static Desk funded(AccountMode mode, long balance) {
    Desk desk = new Desk(mode);
    desk.deposit(balance);
    return desk;
  }

  private static Desk funded() {
    return funded(AccountMode.HEDGING, 1_000_000); // 10,000.00 USD
  }

  private static Command.PlaceOrder buyMarket(long volume) {
    return market("c-1", "EURUSD", Side.BUY, volume);
  }

  @Test
  void marketBuyFillsAtTheAskAndRecordsTheQuoteItFilledOn() {
    Desk desk = funded();

    List<AccountEvent> events = desk.apply(buyMarket(10));

    AccountEvent.OrderFilled filled = Desk.only(events, AccountEvent.OrderFilled.class);
    assertThat(filled.order().status()).isEqualTo(OrderStatus.FILLED);
    assertThat(filled.order().clientOrderId()).isEqualTo("c-1");
    AccountEvent.DealExecuted deal = Desk.only(events, AccountEvent.DealExecuted.class);
    assertThat(deal.deal().price()).isEqualTo(110_010);
    assertThat(deal.deal().entry()).isEqualTo(DealEntry.IN);
    assertThat(deal.deal().reason()).isEqualTo(DealReason.CLIENT);
    assertThat(deal.deal().quote().sequence()).isEqualTo(1);
    assertThat(deal.deal().quote().askLp()).isEqualTo("LP2");
    Position p = desk.onlyPosition();
    assertThat(p.openPrice()).isEqualByComparingTo("1.10010");
    assertThat(p.volume()).isEqualTo(10);
    // margin of 0.10 lot at 1:100: 100 EUR x 1.10010 = 110.01 USD; floating: 0.10 lot x -10 points = -1.00 USD
    assertThat(desk.snapshot().margin()).isEqualTo(11_001);
    assertThat(desk.snapshot().floatingPnl()).isEqualTo(-100);
    assertThat(desk.exposure().of("EURUSD")).isEqualTo(-10);
  }

  @Test
  void marketSellFillsAtTheBid() {
    Desk desk = funded();
    desk.apply(market(null, "EURUSD", Side.SELL, 10));
    assertThat(desk.deals().get(0).price()).isEqualTo(110_000);
    assertThat(desk.exposure().of("EURUSD")).isEqualTo(10);
  }

  @Test
  void commissionIsChargedPerSideAsItsOwnLedgerEntry() {
    Desk desk = new Desk(AccountMode.HEDGING, Fixtures.group(new CommissionPolicy.PerLot(
      Money.of("USD", "3.50")), GroupLimits.NONE, ExecutionMode.B_BOOK, HedgedMarginMode.LARGER_LEG));
    desk.deposit(1_000_000);
    desk.apply(buyMarket(100));
    long positionId = desk.onlyPosition().id();
    desk.apply(new Command.ClosePosition(positionId, 0, null, 0, 0));
    // two sides of 3.50 each, and a realized loss of the spread: 1 lot x -10 points = -10.00
    assertThat(desk.deals()).extracting(d -> d.commission()).containsExactly(350L, 350L);
    assertThat(desk.state().balance()).isEqualTo(1_000_000 - 350 - 350 - 1_000);
  }

  @Test
  void maxDeviationRefusesAWorsePriceButNeverAnImprovement() {
    Desk desk = funded();
    Command.PlaceOrder at110000 = new Command.PlaceOrder("c", "EURUSD", Side.BUY, OrderType.MARKET, 10, 110_000, 0, 0, 0,
      0, null, null, 5);
    // the ask 1.10010 is 10 points worse than the requested 1.10000, 5 allowed
    assertThat(desk.reject(at110000)).isEqualTo(RejectReason.DEVIATION_EXCEEDED);
    desk.apply(new Command.PlaceOrder("c", "EURUSD", Side.BUY, OrderType.MARKET, 10, 110_000, 0, 0, 0, 0, null, null, 10));
    // requested 1.10050, filled 1.10010: better for the client, always accepted even with 0 deviation
    desk.apply(new Command.PlaceOrder("c", "EURUSD", Side.BUY, OrderType.MARKET, 10, 110_050, 0, 0, 0, 0, null, null, 0));
  }

  @Test
  void restingOrdersAreAcceptedWithTheirExpiry() {
    Desk desk = funded();
    List<AccountEvent> events = desk.apply(pending("p-1", "EURUSD", Side.BUY, OrderType.LIMIT, 10, 109_500)
      .withTimeInForce(TimeInForce.DAY, null));
    Order o = Desk.only(events, AccountEvent.OrderAccepted.class).order();
    assertThat(o.status()).isEqualTo(OrderStatus.PENDING);
    // DAY = until the next roll-over: Wednesday 15 Jan 2025 17:00 New York
    assertThat(o.expireAt()).isEqualTo(Instant.parse("2025-01-15T22:00:00Z"));
    assertThat(desk.state().orders()).containsKey(o.id());
    assertThat(desk.state().positions()).isEmpty();
    assertThat(desk.snapshot().margin()).isZero(); // resting orders hold no margin
  }

  @Test
  void aMarketableIocLimitFillsAtTheMarketAndAnUnmarketableOneIsRefused() {
    Desk desk = funded();
    desk.apply(pending("i-1", "EURUSD", Side.BUY, OrderType.LIMIT, 10, 110_020).withTimeInForce(TimeInForce.IOC, null));
    assertThat(desk.deals().get(0).price()).isEqualTo(110_010);
    assertThat(desk.reject(pending("i-2", "EURUSD", Side.BUY, OrderType.LIMIT, 10, 110_000)
      .withTimeInForce(TimeInForce.FOK, null))).isEqualTo(RejectReason.LIMIT_NOT_MARKETABLE);
  }

  @Test
  void volumeChecks() {
    Desk desk = funded();
    assertThat(desk.reject(buyMarket(0))).isEqualTo(RejectReason.VOLUME_BELOW_MIN);
    assertThat(desk.reject(buyMarket(10_001))).isEqualTo(RejectReason.VOLUME_ABOVE_MAX);
    // US500 steps by 0.1 lot
    assertThat(desk.reject(market(null, "US500", Side.BUY, 15))).isEqualTo(RejectReason.VOLUME_NOT_ON_STEP);
    desk.group(Fixtures.group(CommissionPolicy.none(), new GroupLimits(500, 0, 0, 0, Map.of()), ExecutionMode.B_BOOK,
      HedgedMarginMode.LARGER_LEG));
    assertThat(desk.reject(buyMarket(501))).isEqualTo(RejectReason.MAX_VOLUME_EXCEEDED);
  }

  @Test
  void priceFieldChecks() {
    Desk desk = funded();
    assertThat(desk.reject(pending(null, "EURUSD", Side.BUY, OrderType.LIMIT, 10, 0))).isEqualTo(RejectReason.INVALID_PRICE);
    assertThat(desk.reject(pending(null, "EURUSD", Side.BUY, OrderType.STOP_LIMIT, 10, 110_100)))
      .isEqualTo(RejectReason.INVALID_PRICE);
    // US500 trades in 0.25 steps: 4999.10 is off the tick, 4999.00 and 4998.75 are on it
    assertThat(desk.reject(pending(null, "US500", Side.BUY, OrderType.LIMIT, 10, 499_910)))
      .isEqualTo(RejectReason.PRICE_NOT_ON_TICK);
    desk.apply(pending(null, "US500", Side.BUY, OrderType.LIMIT, 10, 499_875));
  }

  @Test
  void pendingPriceMustBeOnTheRightSideOfTheMarket() {
    Desk desk = funded();
    assertThat(desk.reject(pending(null, "EURUSD", Side.BUY, OrderType.LIMIT, 10, 110_010)))
      .isEqualTo(RejectReason.INVALID_PENDING_PRICE); // a buy limit at the ask would fill at once
    assertThat(desk.reject(pending(null, "EURUSD", Side.BUY, OrderType.STOP, 10, 110_000)))
      .isEqualTo(RejectReason.INVALID_PENDING_PRICE);
    assertThat(desk.reject(pending(null, "EURUSD", Side.SELL, OrderType.LIMIT, 10, 109_990)))
      .isEqualTo(RejectReason.INVALID_PENDING_PRICE);
    assertThat(desk.reject(pending(null, "EURUSD", Side.SELL, OrderType.STOP, 10, 110_005)))
      .isEqualTo(RejectReason.INVALID_PENDING_PRICE);
    // a buy stop-limit's limit must not be above its stop
    assertThat(desk.reject(new Command.PlaceOrder(null, "EURUSD", Side.BUY, OrderType.STOP_LIMIT, 10, 110_100, 110_150,
      0, 0, 0, null, null, 0))).isEqualTo(RejectReason.INVALID_PENDING_PRICE);
  }

  @Test
  void stopsLevelKeepsPendingPricesAndStopsAwayFromTheMarket() {
    Desk desk = funded();
    // GBPUSD 1.25000/1.25020, stops level 50 points
    assertThat(desk.reject(pending(null, "GBPUSD", Side.BUY, OrderType.LIMIT, 10, 124_980)))
      .isEqualTo(RejectReason.STOPS_TOO_CLOSE); // 40 points under the ask
    desk.apply(pending(null, "GBPUSD", Side.BUY, OrderType.LIMIT, 10, 124_970)); // exactly 50
    assertThat(desk.reject(market(null, "GBPUSD", Side.BUY, 10).withStops(124_960, 0)))
      .isEqualTo(RejectReason.STOPS_TOO_CLOSE); // SL 40 points under the bid
    desk.apply(market(null, "GBPUSD", Side.BUY, 10).withStops(124_950, 125_050));
  }

  @Test
  void stopsOnTheWrongSideAreInvalid() {
    Desk desk = funded();
    assertThat(desk.reject(buyMarket(10).withStops(110_005, 0))).isEqualTo(RejectReason.INVALID_STOPS);
    assertThat(desk.reject(buyMarket(10).withStops(0, 109_990))).isEqualTo(RejectReason.INVALID_STOPS);
    assertThat(desk.reject(market(null, "EURUSD", Side.SELL, 10).withStops(109_000, 0)))
      .isEqualTo(RejectReason.INVALID_STOPS);
    // on a pending order, stops are judged against the order's price
    assertThat(desk.reject(pending(null, "EURUSD", Side.BUY, OrderType.LIMIT, 10, 109_000).withStops(109_100, 0)))
      .isEqualTo(RejectReason.INVALID_STOPS);
  }

  @Test
  void trailingDistanceMustReachTheStopsLevel() {
    Desk desk = funded();
    assertThat(desk.reject(new Command.PlaceOrder(null, "GBPUSD", Side.BUY, OrderType.MARKET, 10, 0, 0, 0, 0, 20, null,
      null, 0))).isEqualTo(RejectReason.INVALID_TRAILING);
  }

  @Test
  void collarRefusesPendingPricesTooFarFromTheMarket() {
    Desk desk = funded();
    desk.group(Fixtures.group(CommissionPolicy.none(), new GroupLimits(0, 0, 0, 100, Map.of()), ExecutionMode.B_BOOK,
      HedgedMarginMode.LARGER_LEG));
    // 1% of 1.10010 is 1,100.1 points: 1.08900 is 1,110 away, 1.09000 is 1,010 away
    assertThat(desk.reject(pending(null, "EURUSD", Side.BUY, OrderType.LIMIT, 10, 108_900)))
      .isEqualTo(RejectReason.PRICE_OUTSIDE_COLLAR);
    desk.apply(pending(null, "EURUSD", Side.BUY, OrderType.LIMIT, 10, 109_000));
  }

  @Test
  void timeInForceAndExpiryChecks() {
    Desk desk = funded();
    assertThat(desk.reject(buyMarket(10).withTimeInForce(TimeInForce.GTC, null))).isEqualTo(RejectReason.INVALID_TIME_IN_FORCE);
    assertThat(desk.reject(pending(null, "EURUSD", Side.BUY, OrderType.STOP, 10, 110_100)
      .withTimeInForce(TimeInForce.IOC, null))).isEqualTo(RejectReason.INVALID_TIME_IN_FORCE);
    assertThat(desk.reject(pending(null, "EURUSD", Side.BUY, OrderType.STOP, 10, 110_100)
      .withTimeInForce(TimeInForce.GTD, Desk.T0))).isEqualTo(RejectReason.INVALID_EXPIRATION);
    assertThat(desk.reject(pending(null, "EURUSD", Side.BUY, OrderType.STOP, 10, 110_100)
      .withTimeInForce(TimeInForce.GTC, Desk.T0.plusSeconds(60)))).isEqualTo(RejectReason.INVALID_EXPIRATION);
    desk.apply(pending(null, "EURUSD", Side.BUY, OrderType.STOP, 10, 110_100)
      .withTimeInForce(TimeInForce.GTD, Desk.T0.plusSeconds(60)));
  }

  @Test
  void symbolChecks() {
    Desk desk = funded();
    assertThat(desk.reject(market(null, "FOOBAR", Side.BUY, 10))).isEqualTo(RejectReason.UNKNOWN_SYMBOL);
    assertThat(desk.reject(market(null, "USDTRY", Side.BUY, 10))).isEqualTo(RejectReason.SYMBOL_DISABLED);
    assertThat(desk.reject(market(null, "AUDUSD", Side.BUY, 10))).isEqualTo(RejectReason.NO_QUOTE);
    assertThat(desk.reject(market(null, "NZDCAD", Side.BUY, 10))).isEqualTo(RejectReason.NO_CONVERSION_RATE);
    desk.setQuote(Fixtures.quote("EURUSD", 110_000, 110_010, 2, QuoteStatus.STALE));
    assertThat(desk.reject(buyMarket(10))).isEqualTo(RejectReason.SYMBOL_STALE);
    desk.setQuote(Fixtures.quote("EURUSD", 110_000, 110_010, 3, QuoteStatus.CLOSED));
    assertThat(desk.reject(buyMarket(10))).isEqualTo(RejectReason.SYMBOL_CLOSED);
  }

  @Test
  void accountStatusAndRouting() {
    Desk desk = funded();
    desk.apply(new Command.ChangeStatus(AccountStatus.CLOSE_ONLY));
    assertThat(desk.reject(buyMarket(10))).isEqualTo(RejectReason.ACCOUNT_CLOSE_ONLY);
    desk.apply(new Command.ChangeStatus(AccountStatus.DISABLED));
    assertThat(desk.reject(buyMarket(10))).isEqualTo(RejectReason.ACCOUNT_DISABLED);
    desk.apply(new Command.ChangeStatus(AccountStatus.ACTIVE));
    // Routing is the shard's decision (its RoutingPolicy): a plain PlaceOrder of an A-Book group's
    // account is one the policy kept in the B-Book.
    desk.group(Fixtures.group(CommissionPolicy.none(), GroupLimits.NONE, ExecutionMode.A_BOOK, HedgedMarginMode.LARGER_LEG));
    desk.apply(buyMarket(10));
    assertThat(desk.onlyPosition().volume()).isEqualTo(10);
  }

  @Test
  void closeOnlyNettingAccountMayStillReduce() {
    Desk desk = funded(AccountMode.NETTING, 1_000_000);
    desk.apply(buyMarket(30));
    desk.apply(new Command.ChangeStatus(AccountStatus.CLOSE_ONLY));
    assertThat(desk.reject(buyMarket(10))).isEqualTo(RejectReason.ACCOUNT_CLOSE_ONLY);
    assertThat(desk.reject(market(null, "EURUSD", Side.SELL, 40))).isEqualTo(RejectReason.ACCOUNT_CLOSE_ONLY);
    desk.apply(market(null, "EURUSD", Side.SELL, 20));
    assertThat(desk.onlyPosition().volume()).isEqualTo(10);
  }

  @Test
  void groupNotionalLimit() {
    Desk desk = funded(AccountMode.HEDGING, 5_000_000);
    desk.group(Fixtures.group(CommissionPolicy.none(), new GroupLimits(0, 10_000_000, 0, 0, Map.of()),
      ExecutionMode.B_BOOK, HedgedMarginMode.LARGER_LEG));
    // 1 lot at 1.10010 is 110,010.00 USD of notional, above 100,000.00; 0.90 lot is 99,009.00
    assertThat(desk.reject(buyMarket(100))).isEqualTo(RejectReason.MAX_NOTIONAL_EXCEEDED);
    desk.apply(buyMarket(90));
  }

  @Test
  void groupPositionCountCountsRestingOrdersWhenPlacingThem() {
    Desk desk = funded();
    desk.group(Fixtures.group(CommissionPolicy.none(), new GroupLimits(0, 0, 2, 0, Map.of()), ExecutionMode.B_BOOK,
      HedgedMarginMode.LARGER_LEG));
    desk.apply(buyMarket(10));
    desk.apply(pending(null, "EURUSD", Side.BUY, OrderType.LIMIT, 10, 109_000));
    // one position and one resting order: no room for another resting order...
    assertThat(desk.reject(pending(null, "EURUSD", Side.BUY, OrderType.LIMIT, 10, 109_100)))
      .isEqualTo(RejectReason.MAX_POSITIONS_EXCEEDED);
    // ...but a fill counts positions only
    desk.apply(buyMarket(10));
    assertThat(desk.reject(buyMarket(10))).isEqualTo(RejectReason.MAX_POSITIONS_EXCEEDED);
  }

  @Test
  void refusesAnOrderThatWouldLeaveNegativeFreeMargin() {
    Desk desk = funded(AccountMode.HEDGING, 100_000); // 1,000.00 USD
    // 1 lot needs 1,100.10 USD of margin
    assertThat(desk.reject(buyMarket(100))).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    desk.apply(buyMarket(80)); // 880.08 margin, equity 992.00
  }

  @Test
  void namesTheLeverageCapWhenItIsWhatMakesMarginShort() {
    Desk desk = funded(AccountMode.HEDGING, 200_000); // 2,000.00 USD
    desk.group(Fixtures.group(CommissionPolicy.none(), new GroupLimits(0, 0, 0, 0, Map.of(AssetClass.FX, 30)),
      ExecutionMode.B_BOOK, HedgedMarginMode.LARGER_LEG));
    // 1 lot at the 1:30 cap needs 3,667.00 USD; at the account's 1:100 it would need 1,100.10
    assertThat(desk.reject(buyMarket(100))).isEqualTo(RejectReason.INSUFFICIENT_MARGIN_LEVERAGE_CAP);
    // 3 lots would fail even at 1:100
    assertThat(desk.reject(buyMarket(300))).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
  }

  @Test
  void aHedgeThatDoesNotRaiseTheMarginIsAllowedEvenWithLittleFreeMargin() {
    Desk desk = funded(AccountMode.HEDGING, 120_000); // 1,200.00 USD
    desk.apply(buyMarket(100));
    desk.quote("EURUSD", 109_500, 109_510);
    // long 1 lot from 1.10010 at bid 1.09500: -510.00; equity 690.00; margin 1,000 EUR x 1.09510 = 1,095.10;
    // level 63% (a margin call, above the 50% stop-out); free margin -405.10
    assertThat(desk.snapshot().freeMargin()).isEqualTo(-40_510);
    assertThat(desk.reject(buyMarket(10))).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    desk.apply(market(null, "EURUSD", Side.SELL, 100)); // larger leg: the margin stays 1,095.10
    assertThat(desk.snapshot().margin()).isEqualTo(109_510);
  }
}
