package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.ExecutionMode;
import com.rtx.core.account.Group;
import com.rtx.core.account.GroupLimits;
import com.rtx.core.account.HedgedMarginMode;
import com.rtx.core.commission.CommissionPolicy;
import com.rtx.core.ledger.LedgerEntryType;
import com.rtx.core.margin.EquitySnapshot;
import com.rtx.core.swap.Rollover;
import com.rtx.core.testkit.Desk;
import com.rtx.core.testkit.Fixtures;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static com.rtx.core.dealing.Command.PlaceOrder.market;
import static com.rtx.core.dealing.Command.PlaceOrder.pending;
import static org.assertj.core.api.Assertions.assertThat;

/** Wednesday 15 Jan 2025, roll-over at 17:00 New York = 22:00 UTC; positions opened at 12:00 UTC. */
class RolloverProcessingTest {

  private static final Rollover WEDNESDAY = new Rollover(LocalDate.parse("2025-01-15"),
    Instant.parse("2025-01-15T22:00:00Z"));
  private static final Rollover THURSDAY = new Rollover(LocalDate.parse("2025-01-16"),
    Instant.parse("2025-01-16T22:00:00Z"));

  private static Desk funded() {
    Desk desk = new Desk(AccountMode.HEDGING);
    desk.deposit(1_000_000);
    return desk;
  }

  @Test
  void chargesTripleSwapOnTheInstrumentsTripleDayAsALedgerEntry() {
    Desk desk = funded();
    desk.apply(market(null, "EURUSD", Side.BUY, 100)); // swapLong -6.5 points, triple on Wednesday
    desk.apply(market(null, "US500", Side.BUY, 100)); // swapLong -150 points, triple on Friday
    desk.at(WEDNESDAY.at());

    List<AccountEvent> events = desk.apply(new Command.ApplyRollover(WEDNESDAY));

    // EURUSD: 1 x 100,000 x 0.00001 x -6.5 x 3 = -19.50; US500: 1 x 1 x 0.01 x -150 x 1 = -1.50
    assertThat(Desk.ofType(events, AccountEvent.LedgerPosted.class)).extracting(e -> e.entry().type())
      .containsOnly(LedgerEntryType.SWAP);
    assertThat(Desk.ofType(events, AccountEvent.LedgerPosted.class)).extracting(e -> e.entry().amount())
      .containsExactly(-1_950L, -150L);
    assertThat(desk.state().positions().values()).extracting(p -> p.swap()).containsExactly(-1_950L, -150L);
    assertThat(desk.state().balance()).isEqualTo(1_000_000 - 1_950 - 150);

    desk.at(THURSDAY.at());
    desk.apply(new Command.ApplyRollover(THURSDAY));
    assertThat(desk.state().positions().values()).extracting(p -> p.swap()).containsExactly(-1_950L - 650, -300L);
  }

  @Test
  void takesTheDailyEquitySnapshotAfterSwaps() {
    Desk desk = funded();
    desk.apply(market(null, "EURUSD", Side.BUY, 100));
    desk.at(WEDNESDAY.at());
    EquitySnapshot snapshot = Desk.only(desk.apply(new Command.ApplyRollover(WEDNESDAY)),
      AccountEvent.EquitySnapshotTaken.class).snapshot();
    assertThat(snapshot.tradeDate()).isEqualTo(LocalDate.parse("2025-01-15"));
    assertThat(snapshot.at()).isEqualTo(WEDNESDAY.at());
    // balance 10,000.00 - 19.50 swap; floating 1 lot x -10 points = -10.00; margin 1,100.10
    assertThat(snapshot.snapshot().balance()).isEqualTo(998_050);
    assertThat(snapshot.snapshot().equity()).isEqualTo(997_050);
    assertThat(snapshot.snapshot().margin()).isEqualTo(110_010);
    assertThat(desk.state().equitySnapshot(WEDNESDAY, desk.ctx())).isEqualTo(snapshot);
  }

  @Test
  void positionsOpenedAfterTheRolloverAreNotCharged() {
    Desk desk = funded();
    desk.at(WEDNESDAY.at().plusSeconds(1));
    desk.apply(market(null, "EURUSD", Side.BUY, 100));
    List<AccountEvent> events = desk.apply(new Command.ApplyRollover(WEDNESDAY));
    assertThat(Desk.ofType(events, AccountEvent.LedgerPosted.class)).isEmpty();
  }

  @Test
  void swapFreeGroupsAreNotCharged() {
    Desk desk = funded();
    Group std = Fixtures.group();
    desk.group(new Group(std.name(), 8, "USD", 100, new BigDecimal("100"), new BigDecimal("50"), "standard",
      CommissionPolicy.none(), true, ExecutionMode.B_BOOK, HedgedMarginMode.LARGER_LEG, true, GroupLimits.NONE));
    desk.apply(market(null, "EURUSD", Side.BUY, 100));
    desk.at(WEDNESDAY.at());
    assertThat(Desk.ofType(desk.apply(new Command.ApplyRollover(WEDNESDAY)), AccountEvent.LedgerPosted.class)).isEmpty();
  }

  @Test
  void dayOrdersExpireAtTheRollover() {
    Desk desk = funded();
    desk.apply(pending(null, "EURUSD", Side.BUY, OrderType.LIMIT, 10, 109_000).withTimeInForce(TimeInForce.DAY, null));
    desk.apply(pending(null, "EURUSD", Side.BUY, OrderType.LIMIT, 10, 109_000));
    desk.at(WEDNESDAY.at());
    List<AccountEvent> events = desk.apply(new Command.ApplyRollover(WEDNESDAY));
    assertThat(Desk.ofType(events, AccountEvent.OrderExpired.class)).hasSize(1);
    assertThat(desk.state().orders()).hasSize(1);
  }
}
