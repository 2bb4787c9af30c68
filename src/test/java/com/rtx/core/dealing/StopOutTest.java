package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.ledger.LedgerEntryType;
import com.rtx.core.margin.MarginSnapshot;
import com.rtx.core.pricing.QuoteStatus;
import com.rtx.core.testkit.Desk;
import com.rtx.core.testkit.Fixtures;
import com.rtx.core.trading.DealReason;
import com.rtx.core.trading.QuoteRef;
import com.rtx.core.trading.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static com.rtx.core.dealing.Command.PlaceOrder.market;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Margin call at 100%, stop-out at 50% (group "std" version 7). Positions: long 0.50 lot EURUSD
 * at 1.10010 (margin 500 EUR) and long 0.20 lot XAUUSD at 2000.50 (margin 0.2 × 100 × price × 1%).
 */
class StopOutTest {

  private static Desk twoLongs(long deposit, long eurusdVolume) {
    Desk desk = new Desk(AccountMode.HEDGING);
    desk.deposit(deposit);
    desk.apply(market(null, "EURUSD", Side.BUY, eurusdVolume));
    desk.apply(market(null, "XAUUSD", Side.BUY, 20));
    return desk;
  }

  @Test
  void raisesAMarginCallOnceAndClosesTheLargestLoserAtTheStopOutLevel() {
    Desk desk = twoLongs(200_000, 50); // 2,000.00 USD
    // EURUSD 1.07000: floating (1.07000 - 1.10010) x 50,000 = -1,505.00, gold -10.00: equity 485.00;
    // margin 500 x 1.07010 + 400.10 = 935.15: level 51.86%, a margin call but no stop-out
    List<AccountEvent> call = desk.quote("EURUSD", 107_000, 107_010);
    assertThat(Desk.only(call, AccountEvent.MarginCallRaised.class).snapshot().marginLevel())
      .contains(new BigDecimal("51.86"));
    assertThat(desk.state().marginCallActive()).isTrue();
    assertThat(desk.quote("EURUSD", 106_990, 107_000)).noneMatch(e -> e instanceof AccountEvent.MarginCallRaised);

    // EURUSD 1.06900: floating -1,555.00 - 10.00, equity 435.00, margin 534.55 + 400.10 = 934.65: 46.54%
    List<AccountEvent> events = desk.quote(Fixtures.quote("EURUSD", 106_900, 106_910, 42, QuoteStatus.OK));

    StopOutEvidence evidence = Desk.only(events, AccountEvent.StopOutExecuted.class).evidence();
    assertThat(evidence.group()).isEqualTo("std");
    assertThat(evidence.groupVersion()).isEqualTo(7);
    assertThat(evidence.stopOutLevel()).isEqualByComparingTo("50");
    assertThat(evidence.initial()).isEqualTo(new MarginSnapshot("USD", 200_000, 0, -156_500, 93_465));
    assertThat(evidence.initial().marginLevel()).contains(new BigDecimal("46.54"));
    assertThat(evidence.quotes()).extracting(QuoteRef::symbol).containsExactly("EURUSD", "XAUUSD");
    assertThat(evidence.quotes().get(0).sequence()).isEqualTo(42);
    assertThat(evidence.steps()).hasSize(1);
    StopOutEvidence.Step step = evidence.steps().get(0);
    assertThat(step.floatingPnl()).isEqualTo(-155_500);
    assertThat(step.before()).isEqualTo(evidence.initial());
    // after: balance 2,000.00 - 1,555.00 = 445.00, gold -10.00, margin 400.10: 108.72%
    assertThat(step.after()).isEqualTo(new MarginSnapshot("USD", 44_500, 0, -1_000, 40_010));
    assertThat(evidence.fin()).isEqualTo(step.after());
    assertThat(evidence.negativeBalanceReset()).isZero();
    assertThat(desk.deals().get(2).reason()).isEqualTo(DealReason.STOP_OUT);
    assertThat(desk.deals().get(2).price()).isEqualTo(106_900);
    assertThat(desk.onlyPosition().symbol()).isEqualTo("XAUUSD");
    assertThat(Desk.ofType(events, AccountEvent.MarginCallCleared.class)).hasSize(1);
  }

  @Test
  void keepsClosingUntilNothingIsOpenAndResetsANegativeBalance() {
    Desk desk = twoLongs(100_000, 30); // 1,000.00 USD, 0.30 lot EURUSD
    desk.setQuote(Fixtures.quote("EURUSD", 106_000, 106_010));
    // EURUSD (1.06000 - 1.10010) x 30,000 = -1,203.00; gold (1950.00 - 2000.50) x 20 = -1,010.00
    List<AccountEvent> events = desk.quote("XAUUSD", 195_000, 195_050);

    StopOutEvidence evidence = Desk.only(events, AccountEvent.StopOutExecuted.class).evidence();
    assertThat(evidence.initial().equity()).isEqualTo(-121_300);
    assertThat(evidence.steps()).extracting(StopOutEvidence.Step::floatingPnl).containsExactly(-120_300L, -101_000L);
    // balance 1,000.00 - 1,203.00 - 1,010.00 = -1,213.00, reset to zero by its own entry
    assertThat(evidence.steps().get(1).after().balance()).isEqualTo(-121_300);
    assertThat(evidence.negativeBalanceReset()).isEqualTo(121_300);
    assertThat(evidence.fin()).isEqualTo(new MarginSnapshot("USD", 0, 0, 0, 0));
    assertThat(desk.ledger().get(desk.ledger().size() - 1).type()).isEqualTo(LedgerEntryType.NEGATIVE_BALANCE_RESET);
    assertThat(desk.state().balance()).isZero();
    assertThat(desk.state().positions()).isEmpty();
  }

  @Test
  void aClosedMarketIsNotDealtOnDuringAStopOut() {
    Desk desk = twoLongs(100_000, 30);
    desk.setQuote(Fixtures.quote("EURUSD", 106_000, 106_010, 5, QuoteStatus.CLOSED));
    List<AccountEvent> events = desk.quote("XAUUSD", 195_000, 195_050);

    StopOutEvidence evidence = Desk.only(events, AccountEvent.StopOutExecuted.class).evidence();
    assertThat(evidence.steps()).hasSize(1);
    assertThat(desk.onlyPosition().symbol()).isEqualTo("EURUSD");
    assertThat(evidence.fin().isAtOrBelow(new BigDecimal("50"))).isTrue();
    assertThat(evidence.negativeBalanceReset()).isZero(); // a position is still open
  }

  @Test
  void aStopLossGappingThroughTheBalanceIsAlsoResetToZero() {
    Desk desk = new Desk(AccountMode.HEDGING);
    desk.deposit(10_000); // 100.00 USD
    desk.apply(market(null, "EURUSD", Side.BUY, 5).withStops(109_900, 0)); // 0.05 lot, margin 55.01
    // a weekend gap: the bid opens at 1.07000, far through the SL: (1.07000 - 1.10010) x 5,000 = -150.50
    List<AccountEvent> events = desk.quote("EURUSD", 107_000, 107_010);
    assertThat(desk.deals().get(1).reason()).isEqualTo(DealReason.STOP_LOSS);
    assertThat(desk.deals().get(1).realizedPnl()).isEqualTo(-15_050);
    assertThat(Desk.ofType(events, AccountEvent.StopOutExecuted.class)).isEmpty();
    assertThat(desk.ledger().get(desk.ledger().size() - 1).type()).isEqualTo(LedgerEntryType.NEGATIVE_BALANCE_RESET);
    assertThat(desk.ledger().get(desk.ledger().size() - 1).amount()).isEqualTo(5_050);
    assertThat(desk.state().balance()).isZero();
  }
}
