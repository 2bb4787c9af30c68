package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.pricing.QuoteStatus;
import com.rtx.core.testkit.Desk;
import com.rtx.core.testkit.Fixtures;
import com.rtx.core.trading.DealReason;
import com.rtx.core.trading.OrderStatus;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.rtx.core.dealing.Command.PlaceOrder.market;
import static com.rtx.core.dealing.Command.PlaceOrder.pending;
import static org.assertj.core.api.Assertions.assertThat;

/** Quotes driving pending orders, SL, TP and trailing stops through a whole account. */
class QuoteProcessingTest {

  private static Desk funded() {
    Desk desk = new Desk(AccountMode.HEDGING);
    desk.deposit(1_000_000);
    return desk;
  }

  @Test
  void aBuyLimitFillsWhenTheAskReachesItAtTheAsk() {
    Desk desk = funded();
    desk.apply(pending("L", "EURUSD", Side.BUY, OrderType.LIMIT, 10, 109_500));
    assertThat(desk.quote("EURUSD", 109_495, 109_505)).isEmpty();
    List<AccountEvent> events = desk.quote("EURUSD", 109_480, 109_490); // gapped 10 points through
    AccountEvent.OrderFilled filled = Desk.only(events, AccountEvent.OrderFilled.class);
    assertThat(filled.order().clientOrderId()).isEqualTo("L");
    assertThat(desk.deals().get(0).price()).isEqualTo(109_490); // the better market price
    assertThat(desk.deals().get(0).reason()).isEqualTo(DealReason.PENDING_ORDER);
    assertThat(desk.state().orders()).isEmpty();
  }

  @Test
  void aSellStopGapsToTheWorseMarketPrice() {
    Desk desk = funded();
    desk.apply(pending(null, "EURUSD", Side.SELL, OrderType.STOP, 10, 109_000));
    desk.quote("EURUSD", 108_800, 108_810);
    assertThat(desk.deals().get(0).price()).isEqualTo(108_800);
    assertThat(desk.onlyPosition().side()).isEqualTo(Side.SELL);
  }

  @Test
  void stopLimitBecomesALimitAndFillsWhenTheMarketComesBack() {
    Desk desk = funded();
    desk.apply(new Command.PlaceOrder(null, "EURUSD", Side.BUY, OrderType.STOP_LIMIT, 10, 110_100, 110_050, 0, 0, 0,
      null, null, 0));
    List<AccountEvent> first = desk.quote("EURUSD", 110_110, 110_120);
    assertThat(Desk.only(first, AccountEvent.OrderTriggered.class).order().triggered()).isTrue();
    assertThat(desk.deals()).isEmpty();
    desk.quote("EURUSD", 110_030, 110_040);
    assertThat(desk.deals().get(0).price()).isEqualTo(110_040);
  }

  @Test
  void stopLimitFillsOnTheTriggeringQuoteWhenItsLimitIsMarketable() {
    Desk desk = funded();
    desk.apply(new Command.PlaceOrder(null, "EURUSD", Side.BUY, OrderType.STOP_LIMIT, 10, 110_100, 110_100, 0, 0, 0,
      null, null, 0));
    desk.quote("EURUSD", 110_090, 110_100);
    assertThat(desk.deals()).hasSize(1);
  }

  @Test
  void stopLossAndTakeProfitCloseAtTheClosingSide() {
    Desk desk = funded();
    desk.apply(market(null, "EURUSD", Side.BUY, 10).withStops(109_500, 110_500));
    desk.apply(market(null, "EURUSD", Side.SELL, 10).withStops(110_500, 109_500));
    // ask 1.10505: the short's SL (ask >= 1.10500); the long's TP needs bid >= 1.10500, bid is 1.10495
    desk.quote("EURUSD", 110_495, 110_505);
    assertThat(desk.deals()).hasSize(3);
    assertThat(desk.deals().get(2).reason()).isEqualTo(DealReason.STOP_LOSS);
    assertThat(desk.deals().get(2).price()).isEqualTo(110_505);
    // short 0.10 from 1.10000 closed at 1.10505: -50.50 USD
    assertThat(desk.deals().get(2).realizedPnl()).isEqualTo(-5_050);
    desk.quote("EURUSD", 110_500, 110_510);
    assertThat(desk.deals().get(3).reason()).isEqualTo(DealReason.TAKE_PROFIT);
    // long 0.10 from 1.10010 closed at 1.10500: +49.00 USD
    assertThat(desk.deals().get(3).realizedPnl()).isEqualTo(4_900);
    assertThat(desk.state().positions()).isEmpty();
    assertThat(desk.state().balance()).isEqualTo(1_000_000 - 5_050 + 4_900);
  }

  @Test
  void trailingStopFollowsThePriceAndThenCloses() {
    Desk desk = funded();
    desk.apply(new Command.PlaceOrder(null, "EURUSD", Side.BUY, OrderType.MARKET, 10, 0, 0, 0, 0, 100, null, null, 0));
    long id = desk.onlyPosition().id();
    desk.quote("EURUSD", 110_000, 110_010);
    assertThat(desk.position(id).sl()).isEqualTo(109_900);
    desk.quote("EURUSD", 110_200, 110_210);
    assertThat(desk.position(id).sl()).isEqualTo(110_100);
    desk.quote("EURUSD", 110_150, 110_160);
    assertThat(desk.position(id).sl()).isEqualTo(110_100); // never back
    desk.quote("EURUSD", 110_100, 110_110);
    assertThat(desk.state().positions()).isEmpty();
    // long 0.10 from 1.10010 stopped at 1.10100: +9.00 USD locked in by the trail
    assertThat(desk.deals().get(1).realizedPnl()).isEqualTo(900);
  }

  @Test
  void aTriggeredOrderWithoutMarginIsRejectedWithItsReason() {
    Desk desk = new Desk(AccountMode.HEDGING);
    desk.deposit(50_000); // 500.00 USD
    desk.apply(pending("big", "EURUSD", Side.BUY, OrderType.LIMIT, 100, 109_500)); // 1 lot needs ~1,095 USD
    List<AccountEvent> events = desk.quote("EURUSD", 109_490, 109_500);
    AccountEvent.OrderRejected rejected = Desk.only(events, AccountEvent.OrderRejected.class);
    assertThat(rejected.reason()).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    assertThat(rejected.order().status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(desk.state().orders()).isEmpty();
    assertThat(desk.deals()).isEmpty();
  }

  @Test
  void nothingTriggersOnAStaleOrClosedQuote() {
    Desk desk = funded();
    desk.apply(pending(null, "EURUSD", Side.BUY, OrderType.LIMIT, 10, 109_500));
    desk.quote(Fixtures.quote("EURUSD", 109_000, 109_010, 2, QuoteStatus.STALE));
    desk.quote(Fixtures.quote("EURUSD", 109_000, 109_010, 3, QuoteStatus.CLOSED));
    assertThat(desk.deals()).isEmpty();
    assertThat(desk.state().orders()).hasSize(1);
  }

  @Test
  void gtdOrdersExpireOnTheFirstQuoteAfterTheirExpiry() {
    Desk desk = funded();
    desk.apply(pending(null, "EURUSD", Side.BUY, OrderType.LIMIT, 10, 109_500)
      .withTimeInForce(TimeInForce.GTD, Desk.T0.plusSeconds(60)));
    desk.at(Desk.T0.plusSeconds(60));
    List<AccountEvent> events = desk.quote("EURUSD", 109_000, 109_010); // would have triggered
    assertThat(Desk.only(events, AccountEvent.OrderExpired.class).order().status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(desk.deals()).isEmpty();
  }

  @Test
  void floatingPnlOfACrossPairIsConvertedAtTheCurrentRate() {
    Desk desk = funded();
    desk.apply(market(null, "EURJPY", Side.BUY, 100)); // 1 lot at 165.030, margin 1,000 EUR = 1,100.10 USD
    desk.quote("EURJPY", 165_530, 165_560);
    // (165.530 - 165.030) x 100,000 = 50,000 JPY / 150.020 (USDJPY ask, a profit) = 333.29 USD
    assertThat(desk.snapshot().floatingPnl()).isEqualTo(33_329);
    assertThat(desk.snapshot().equity()).isEqualTo(1_033_329);
    desk.quote("USDJPY", 160_000, 160_020);
    // the same 50,000 JPY at a dearer dollar: / 160.020 = 312.46 USD
    assertThat(desk.snapshot().floatingPnl()).isEqualTo(31_246);
    assertThat(desk.snapshot().margin()).isEqualTo(110_010);
  }
}
