package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.testkit.Desk;
import com.rtx.core.trading.DealEntry;
import com.rtx.core.trading.OrderStatus;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.rtx.core.dealing.Command.PlaceOrder.market;
import static org.assertj.core.api.Assertions.assertThat;

/** A-Book orders: held at the LP with margin reserved, then booked from execution reports. EURUSD 1.10000/1.10010. */
class LpExecutionTest {

  private static Desk funded(long balance) {
    Desk desk = new Desk(AccountMode.HEDGING);
    desk.deposit(balance);
    return desk;
  }

  private static long sent(Desk desk, long volume) {
    List<AccountEvent> events = desk.apply(new Command.SendToLp(market("a-1", "EURUSD", Side.BUY, volume), "LP1"));
    AccountEvent.OrderSentToLp sent = Desk.only(events, AccountEvent.OrderSentToLp.class);
    assertThat(sent.order().status()).isEqualTo(OrderStatus.SENT_TO_LP);
    assertThat(sent.lp()).isEqualTo("LP1");
    return sent.order().id();
  }

  @Test
  void anOrderAtTheLpReservesTheMarginOfThePositionItWouldOpen() {
    Desk desk = funded(1_000_000);
    sent(desk, 10);
    assertThat(desk.state().positions()).isEmpty();
    // as the B-Book fill would: 100 EUR x 1.10010 = 110.01 USD, and the spread already counts
    assertThat(desk.snapshot().margin()).isEqualTo(11_001);
    assertThat(desk.snapshot().floatingPnl()).isEqualTo(-100);
  }

  @Test
  void reservedMarginCountsAgainstTheNextOrder() {
    Desk desk = funded(20_000); // 200.00 USD: room for one 0.10 lot (110.01 margin), not two
    sent(desk, 10);
    assertThat(desk.reject(new Command.SendToLp(market("a-2", "EURUSD", Side.BUY, 10), "LP1")))
      .isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
  }

  @Test
  void partialThenFinalFillBookDealsAtTheClientPriceWithTheLpPriceAsEvidence() {
    Desk desk = funded(1_000_000);
    long orderId = sent(desk, 10);

    List<AccountEvent> first = desk.apply(new Command.ApplyExecution(orderId, Command.LpExecType.PARTIAL_FILL, 4,
      110_005, 110_009, "LP1", "e-1", null));
    AccountEvent.OrderPartiallyFilled partial = Desk.only(first, AccountEvent.OrderPartiallyFilled.class);
    assertThat(partial.order().volume()).isEqualTo(6);
    AccountEvent.DealExecuted deal = Desk.only(first, AccountEvent.DealExecuted.class);
    assertThat(deal.deal().price()).isEqualTo(110_009);
    assertThat(deal.deal().volume()).isEqualTo(4);
    assertThat(deal.deal().entry()).isEqualTo(DealEntry.IN);
    assertThat(deal.deal().quote().ask()).isEqualTo(110_005);
    assertThat(deal.deal().quote().askLp()).isEqualTo("LP1");
    assertThat(desk.state().lpOrders()).containsKey(orderId);

    List<AccountEvent> last = desk.apply(new Command.ApplyExecution(orderId, Command.LpExecType.FILL, 6,
      110_006, 110_010, "LP1", "e-2", null));
    assertThat(Desk.only(last, AccountEvent.OrderFilled.class).order().status()).isEqualTo(OrderStatus.FILLED);
    assertThat(desk.state().lpOrders()).isEmpty();
    assertThat(desk.state().positions().values()).extracting(p -> p.volume()).containsExactly(4L, 6L);
    // a repeated report finds no order at the LP and changes nothing
    assertThat(desk.reject(new Command.ApplyExecution(orderId, Command.LpExecType.FILL, 6, 110_006, 110_010, "LP1",
      "e-2", null))).isEqualTo(RejectReason.ORDER_NOT_FOUND);
  }

  @Test
  void aRejectReleasesTheReservedMargin() {
    Desk desk = funded(1_000_000);
    long orderId = sent(desk, 10);
    List<AccountEvent> events = desk.apply(new Command.ApplyExecution(orderId, Command.LpExecType.REJECTED, 0, 0, 0,
      "LP1", "e-1", "last look"));
    AccountEvent.OrderRejected rejected = Desk.only(events, AccountEvent.OrderRejected.class);
    assertThat(rejected.reason()).isEqualTo(RejectReason.LP_REJECTED);
    assertThat(rejected.detail()).contains("last look");
    assertThat(desk.snapshot().margin()).isZero();
  }

  @Test
  void anOrderAtTheLpCannotBeCancelledOrModifiedByTheClient() {
    Desk desk = funded(1_000_000);
    long orderId = sent(desk, 10);
    assertThat(desk.reject(new Command.CancelOrder(orderId))).isEqualTo(RejectReason.ORDER_AT_LP);
  }

  @Test
  void aCloseAtTheLpClosesThePositionWhenFilled() {
    Desk desk = funded(1_000_000);
    long openId = sent(desk, 10);
    desk.apply(new Command.ApplyExecution(openId, Command.LpExecType.FILL, 10, 110_006, 110_010, "LP1", "e-1", null));
    long positionId = desk.onlyPosition().id();

    List<AccountEvent> sent = desk.apply(new Command.SendToLp(new Command.ClosePosition(positionId, 0, "c-1", 0, 0), "LP1"));
    long closeId = Desk.only(sent, AccountEvent.OrderSentToLp.class).order().id();
    assertThat(desk.reject(new Command.SendToLp(new Command.ClosePosition(positionId, 0, "c-2", 0, 0), "LP1")))
      .isEqualTo(RejectReason.ORDER_AT_LP);
    List<AccountEvent> closed = desk.apply(new Command.ApplyExecution(closeId, Command.LpExecType.FILL, 10, 110_004,
      110_000, "LP1", "e-2", null));
    assertThat(Desk.only(closed, AccountEvent.PositionClosed.class).position().id()).isEqualTo(positionId);
    // bought at 1.10010, sold at 1.10000: -10 points x 0.10 lot = -1.00 USD
    assertThat(Desk.only(closed, AccountEvent.DealExecuted.class).deal().realizedPnl()).isEqualTo(-100);
  }
}
