package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.testkit.Desk;
import com.rtx.core.testkit.Fixtures;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderStatus;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.rtx.core.dealing.Command.PlaceOrder.market;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY.md invariants 1 and 2: no accepted input switches off margin control, and every price
 * and distance is bounded by the market. Reproduces the trailing-stop overflow that kept an account
 * from being stopped out (issue 12): EURUSD quotes 1.10000/1.10010, group stop-out at 50 %.
 */
class RiskControlTest {

  private static final long HUGE = Long.MAX_VALUE;

  @Test
  void refusesATrailingDistanceBeyondTheMarketPrice() {
    Desk desk = new Desk(AccountMode.HEDGING);
    desk.deposit(1_000_000);
    Command.PlaceOrder sell = new Command.PlaceOrder(null, "EURUSD", Side.SELL, OrderType.MARKET, 100, 0, 0, 0, 0, HUGE,
      null, null, 0);
    assertThat(desk.reject(sell)).isEqualTo(RejectReason.PRICE_OUT_OF_RANGE);
    // the ask itself (1.10010 = 110,010 points) is the widest distance allowed
    assertThat(desk.reject(new Command.PlaceOrder(null, "EURUSD", Side.SELL, OrderType.MARKET, 100, 0, 0, 0, 0, 110_011,
      null, null, 0))).isEqualTo(RejectReason.PRICE_OUT_OF_RANGE);
    desk.apply(new Command.PlaceOrder(null, "EURUSD", Side.SELL, OrderType.MARKET, 100, 0, 0, 0, 0, 110_010, null, null,
      0));
  }

  @Test
  void refusesPricesAndDeviationsOutOfRangeOnEveryPath() {
    Desk desk = new Desk(AccountMode.HEDGING);
    desk.deposit(1_000_000);
    // ten times the ask is the highest price: 11.00100
    assertThat(desk.reject(market(null, "EURUSD", Side.BUY, 100).withStops(0, 1_100_101)))
      .isEqualTo(RejectReason.PRICE_OUT_OF_RANGE);
    assertThat(desk.reject(Command.PlaceOrder.pending(null, "EURUSD", Side.BUY, OrderType.STOP, 100, HUGE)))
      .isEqualTo(RejectReason.PRICE_OUT_OF_RANGE);
    assertThat(desk.reject(new Command.PlaceOrder(null, "EURUSD", Side.BUY, OrderType.MARKET, 100, 110_010, 0, 0, 0, 0,
      null, null, HUGE))).isEqualTo(RejectReason.PRICE_OUT_OF_RANGE);

    desk.apply(market(null, "EURUSD", Side.SELL, 100));
    long position = desk.onlyPosition().id();
    assertThat(desk.reject(new Command.ModifyPosition(position, HUGE, 0, 0))).isEqualTo(RejectReason.PRICE_OUT_OF_RANGE);
    assertThat(desk.reject(new Command.ModifyPosition(position, 0, 0, HUGE))).isEqualTo(RejectReason.PRICE_OUT_OF_RANGE);
    assertThat(desk.reject(new Command.ClosePosition(position, 0, null, 110_000, HUGE)))
      .isEqualTo(RejectReason.PRICE_OUT_OF_RANGE);

    long order = Desk.only(desk.apply(Command.PlaceOrder.pending(null, "EURUSD", Side.BUY, OrderType.LIMIT, 100,
      109_000)), AccountEvent.OrderAccepted.class).order().id();
    assertThat(desk.reject(new Command.ModifyOrder(order, 109_000, 0, 0, 0, HUGE, null, null)))
      .isEqualTo(RejectReason.PRICE_OUT_OF_RANGE);
    assertThat(desk.reject(new Command.ModifyOrder(order, 109_000, 0, 0, HUGE, 0, null, null)))
      .isEqualTo(RejectReason.PRICE_OUT_OF_RANGE);
  }

  @Test
  void aShortWithAnOverflowingTrailingStopFromAnOlderVersionIsStillStoppedOut() {
    Desk desk = new Desk(AccountMode.HEDGING);
    desk.deposit(100_000); // 1,000.00 USD
    desk.apply(market(null, "EURUSD", Side.SELL, 50)); // 0.50 lot short at 1.10000
    Position p = desk.onlyPosition();
    // state as an older version persisted it: the request's trailing distance was not bounded
    desk.state(withPosition(desk.state(), p.withStops(0, 0, HUGE)));

    // ask 1.11510: floating (1.10000 - 1.11510) x 50,000 = -755.00, equity 245.00, margin ~557: level ~44 %
    List<AccountEvent> events = desk.quote("EURUSD", 111_500, 111_510);
    assertThat(Desk.ofType(events, AccountEvent.StopOutExecuted.class)).hasSize(1);
    assertThat(desk.state().positions()).isEmpty();
    assertThat(desk.state().balance()).isNotNegative();
  }

  @Test
  void aFailingTriggerIsRolledBackAndReportedWhileTheOthersAndTheStopOutRun() {
    Desk desk = new Desk(AccountMode.HEDGING);
    desk.deposit(100_000);
    desk.apply(market(null, "EURUSD", Side.BUY, 50)); // 0.50 lot long at 1.10010
    Order healthy = Desk.only(desk.apply(Command.PlaceOrder.pending(null, "XAUUSD", Side.SELL, OrderType.LIMIT, 1,
      200_100)), AccountEvent.OrderAccepted.class).order();
    // a resting EURUSD order that claims to close a position that does not exist: filling it throws
    Order poisoned = new Order(9_999, desk.state().accountId(), null, "EURUSD", Side.SELL, OrderType.STOP, 50, 109_500,
      0, 0, 0, 0, TimeInForce.GTC, null, 424_242, false, OrderStatus.PENDING, Desk.T0, Desk.T0);
    Map<Long, Order> orders = new HashMap<>(desk.state().orders());
    orders.put(poisoned.id(), poisoned);
    AccountState s = desk.state();
    desk.state(new AccountState(s.profile(), s.balance(), s.credit(), s.positions(), orders, s.marginCallActive(),
      s.version(), s.lpOrders()));

    // bid 1.08500 triggers the poisoned stop; floating (1.08500 - 1.10010) x 50,000 = -755.00 on 1,000.00: stop-out
    desk.setQuote(Fixtures.quote("EURUSD", 108_500, 108_510));
    Result r = desk.tryApply(new Command.ProcessQuote("EURUSD"));

    Result.Accepted a = (Result.Accepted) r;
    assertThat(a.faults()).singleElement().satisfies(f -> {
      assertThat(f.stage()).isEqualTo(ProcessingFault.Stage.TRIGGER);
      assertThat(f.itemId()).isEqualTo(9_999);
      assertThat(f.error()).contains("closes missing position");
    });
    assertThat(Desk.ofType(a.events(), AccountEvent.StopOutExecuted.class)).hasSize(1);
    assertThat(desk.state().positions()).isEmpty();
    assertThat(desk.state().orders()).containsKeys(poisoned.id(), healthy.id());

    // the next gold quote still fills the healthy order: one broken item blocks nothing else
    desk.deposit(1_000_000);
    assertThat(Desk.ofType(desk.quote("XAUUSD", 200_200, 200_250), AccountEvent.OrderFilled.class)).hasSize(1);
  }

  @Test
  void balanceOperationsThatCouldOverflowAreRefusedNotThrown() {
    Desk desk = new Desk(AccountMode.HEDGING);
    for (long amount : new long[] {HUGE, BalanceOperations.MAX_AMOUNT + 1}) {
      assertThat(desk.reject(new Command.Deposit(amount, null))).isEqualTo(RejectReason.INVALID_AMOUNT);
      assertThat(desk.reject(new Command.Withdraw(amount, null))).isEqualTo(RejectReason.INVALID_AMOUNT);
      assertThat(desk.reject(new Command.ChangeCredit(amount, null))).isEqualTo(RejectReason.INVALID_AMOUNT);
    }
    assertThat(desk.reject(new Command.Adjust(Long.MIN_VALUE, null))).isEqualTo(RejectReason.INVALID_AMOUNT);
    assertThat(desk.reject(new Command.Adjust(-HUGE, null))).isEqualTo(RejectReason.INVALID_AMOUNT);
    desk.deposit(BalanceOperations.MAX_AMOUNT);
    assertThat(desk.state().balance()).isEqualTo(BalanceOperations.MAX_AMOUNT);
  }

  private static AccountState withPosition(AccountState s, Position p) {
    Map<Long, Position> positions = new HashMap<>(s.positions());
    positions.put(p.id(), p);
    return new AccountState(s.profile(), s.balance(), s.credit(), positions, s.orders(), s.marginCallActive(),
      s.version(), s.lpOrders());
  }
}
