package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.AccountStatus;
import com.rtx.core.account.Group;
import com.rtx.core.ledger.LedgerEntryType;
import com.rtx.core.testkit.Desk;
import com.rtx.core.trading.Order;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Modify and cancel orders, modify position stops, and balance operations. */
class MaintenanceTest {

  private static Desk funded() {
    Desk desk = new Desk(AccountMode.HEDGING);
    desk.deposit(1_000_000);
    return desk;
  }

  private static long restingBuyLimit(Desk desk) {
    return Desk.only(desk.apply(pending("p", "EURUSD", Side.BUY, OrderType.LIMIT, 10, 109_500)),
      AccountEvent.OrderAccepted.class).order().id();
  }

  @Test
  void modifiesAPendingOrdersPriceAndStops() {
    Desk desk = funded();
    long id = restingBuyLimit(desk);
    List<AccountEvent> events = desk.apply(new Command.ModifyOrder(id, 109_400, 0, 109_000, 110_000, 0, null, null));
    Order o = Desk.only(events, AccountEvent.OrderModified.class).order();
    assertThat(o.price()).isEqualTo(109_400);
    assertThat(o.sl()).isEqualTo(109_000);
    assertThat(o.clientOrderId()).isEqualTo("p");
    assertThat(desk.reject(new Command.ModifyOrder(id, 109_400, 0, 109_000, 110_000, 0, null, null)))
      .isEqualTo(RejectReason.NO_CHANGES);
    assertThat(desk.reject(new Command.ModifyOrder(id, 110_100, 0, 0, 0, 0, null, null)))
      .isEqualTo(RejectReason.INVALID_PENDING_PRICE);
    assertThat(desk.reject(new Command.ModifyOrder(id, 109_400, 0, 0, 0, 0, TimeInForce.FOK, null)))
      .isEqualTo(RejectReason.INVALID_TIME_IN_FORCE);
    assertThat(desk.reject(new Command.ModifyOrder(77, 109_400, 0, 0, 0, 0, null, null)))
      .isEqualTo(RejectReason.ORDER_NOT_FOUND);
  }

  @Test
  void aModifiedOrderCanBecomeGtd() {
    Desk desk = funded();
    long id = restingBuyLimit(desk);
    Order o = Desk.only(desk.apply(new Command.ModifyOrder(id, 109_500, 0, 0, 0, 0, TimeInForce.GTD,
      Desk.T0.plusSeconds(3600))), AccountEvent.OrderModified.class).order();
    assertThat(o.expireAt()).isEqualTo(Desk.T0.plusSeconds(3600));
  }

  @Test
  void cancelsAPendingOrderUnlessTheAccountIsDisabled() {
    Desk desk = funded();
    long id = restingBuyLimit(desk);
    long other = restingBuyLimit(desk);
    Order cancelled = Desk.only(desk.apply(new Command.CancelOrder(id)), AccountEvent.OrderCancelled.class).order();
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(desk.reject(new Command.CancelOrder(id))).isEqualTo(RejectReason.ORDER_NOT_FOUND);
    desk.apply(new Command.ChangeStatus(AccountStatus.DISABLED));
    assertThat(desk.reject(new Command.CancelOrder(other))).isEqualTo(RejectReason.ACCOUNT_DISABLED);
  }

  @Test
  void modifiesPositionStopsAgainstTheClosingPrice() {
    Desk desk = funded();
    desk.apply(market(null, "EURUSD", Side.BUY, 10));
    long id = desk.onlyPosition().id();
    desk.apply(new Command.ModifyPosition(id, 109_500, 110_500, 0));
    assertThat(desk.position(id).sl()).isEqualTo(109_500);
    // a long's SL must be under the bid 1.10000
    assertThat(desk.reject(new Command.ModifyPosition(id, 110_000, 0, 0))).isEqualTo(RejectReason.INVALID_STOPS);
    assertThat(desk.reject(new Command.ModifyPosition(id, 109_500, 110_500, 0))).isEqualTo(RejectReason.NO_CHANGES);
    assertThat(desk.reject(new Command.ModifyPosition(99, 0, 0, 0))).isEqualTo(RejectReason.POSITION_NOT_FOUND);
    // a close-only account may still move its stops
    desk.apply(new Command.ChangeStatus(AccountStatus.CLOSE_ONLY));
    desk.apply(new Command.ModifyPosition(id, 0, 0, 0));
  }

  @Test
  void balanceOperationsAreLedgerEntries() {
    Desk desk = new Desk(AccountMode.HEDGING);
    desk.apply(new Command.Deposit(100_000, "wire"));
    desk.apply(new Command.ChangeCredit(20_000, "bonus"));
    desk.apply(new Command.Adjust(-500, "fee refund reversal"));
    desk.apply(new Command.Withdraw(9_500, "card"));
    assertThat(desk.ledger()).extracting(e -> e.type()).containsExactly(LedgerEntryType.DEPOSIT, LedgerEntryType.CREDIT,
      LedgerEntryType.ADJUSTMENT, LedgerEntryType.WITHDRAWAL);
    assertThat(desk.state().balance()).isEqualTo(90_000);
    assertThat(desk.state().credit()).isEqualTo(20_000);
    assertThat(desk.ledger().get(3).balanceAfter()).isEqualTo(90_000);
    assertThat(desk.ledger().get(3).creditAfter()).isEqualTo(20_000);
  }

  @Test
  void withdrawalsAreLimitedByBalanceAndFreeMargin() {
    Desk desk = new Desk(AccountMode.HEDGING);
    desk.apply(new Command.Deposit(200_000, null));
    desk.apply(new Command.ChangeCredit(50_000, null));
    // credit is not cash
    assertThat(desk.reject(new Command.Withdraw(200_001, null))).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
    desk.apply(market(null, "EURUSD", Side.BUY, 100)); // margin 1,100.10, floating -10.00
    // free margin 2,500.00 - 10.00 - 1,100.10 = 1,389.90
    assertThat(desk.reject(new Command.Withdraw(138_991, null))).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
    desk.apply(new Command.Withdraw(138_990, null));
  }

  @Test
  void invalidAmounts() {
    Desk desk = funded();
    assertThat(desk.reject(new Command.Deposit(0, null))).isEqualTo(RejectReason.INVALID_AMOUNT);
    assertThat(desk.reject(new Command.Withdraw(-1, null))).isEqualTo(RejectReason.INVALID_AMOUNT);
    assertThat(desk.reject(new Command.Adjust(0, null))).isEqualTo(RejectReason.INVALID_AMOUNT);
    assertThat(desk.reject(new Command.ChangeCredit(-1, null))).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
    assertThat(desk.reject(new Command.ChangeStatus(AccountStatus.ACTIVE))).isEqualTo(RejectReason.NO_CHANGES);
  }

  @Test
  void aRejectionLeavesTheStateUntouchedAndAQuietQuoteKeepsTheVersion() {
    Desk desk = funded();
    AccountState before = desk.state();
    desk.reject(market(null, "EURUSD", Side.BUY, 0));
    assertThat(desk.state()).isSameAs(before);
    desk.quote("EURUSD", 110_001, 110_011);
    assertThat(desk.state()).isSameAs(before);
  }

  @Test
  void aCommandForAnotherGroupIsABug() {
    Desk desk = funded();
    DealingContext ctx = desk.ctx();
    Group other = new Group("vip", 1, "USD", 100, ctx.group().marginCallLevel(),
      ctx.group().stopOutLevel(), "vip", ctx.group().commission(), false, ctx.group().execution(),
      ctx.group().hedgedMargin(), true, ctx.group().limits());
    assertThatThrownBy(() -> desk.state().apply(new Command.Deposit(1, null),
      new DealingContext(other, ctx.symbols(), ctx.quotes(), ctx.rollovers(), ctx.now(), ctx.ids())))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
