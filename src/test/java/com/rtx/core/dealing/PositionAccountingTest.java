package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.ledger.LedgerEntryType;
import com.rtx.core.testkit.Desk;
import com.rtx.core.trading.Deal;
import com.rtx.core.trading.DealEntry;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.rtx.core.dealing.Command.PlaceOrder.market;
import static org.assertj.core.api.Assertions.assertThat;

/** Netting (average price, reduce, flip) and hedging (a position per deal, partial close, close-by). */
class PositionAccountingTest {

  private static Desk funded(AccountMode mode) {
    Desk desk = new Desk(mode);
    desk.deposit(10_000_000); // 100,000.00 USD
    return desk;
  }

  @Test
  void nettingAddsAtTheVolumeWeightedAveragePrice() {
    Desk desk = funded(AccountMode.NETTING);
    desk.apply(market(null, "EURUSD", Side.BUY, 100)); // 1 lot at 1.10010
    desk.quote("EURUSD", 110_100, 110_110);
    desk.apply(market(null, "EURUSD", Side.BUY, 200)); // 2 lots at 1.10110
    Position p = desk.onlyPosition();
    // (1 x 1.10010 + 2 x 1.10110) / 3 = 3.30230 / 3 = 1.1007666666.. -> 1.1007666667
    assertThat(p.volume()).isEqualTo(300);
    assertThat(p.openPrice()).isEqualByComparingTo("1.1007666667");
    assertThat(desk.deals()).extracting(Deal::entry).containsExactly(DealEntry.IN, DealEntry.IN);
    assertThat(desk.deals()).extracting(Deal::positionId).containsOnly(p.id());
  }

  @Test
  void nettingReducesAtTheUnchangedAveragePrice() {
    Desk desk = funded(AccountMode.NETTING);
    desk.apply(market(null, "EURUSD", Side.BUY, 100));
    desk.quote("EURUSD", 110_500, 110_510);
    List<AccountEvent> events = desk.apply(market(null, "EURUSD", Side.SELL, 40));
    Deal deal = Desk.only(events, AccountEvent.DealExecuted.class).deal();
    assertThat(deal.entry()).isEqualTo(DealEntry.OUT);
    // 0.40 lot from 1.10010 closed at the bid 1.10500: 0.00490 x 40,000 = 196.00 USD
    assertThat(deal.realizedPnl()).isEqualTo(19_600);
    assertThat(Desk.only(events, AccountEvent.LedgerPosted.class).entry().type()).isEqualTo(LedgerEntryType.REALIZED_PNL);
    assertThat(desk.onlyPosition().volume()).isEqualTo(60);
    assertThat(desk.onlyPosition().openPrice()).isEqualByComparingTo("1.10010");
  }

  @Test
  void nettingFlipsExactly() {
    Desk desk = funded(AccountMode.NETTING);
    desk.apply(market(null, "EURUSD", Side.BUY, 100));
    long id = desk.onlyPosition().id();
    desk.quote("EURUSD", 110_500, 110_510);
    List<AccountEvent> events = desk.apply(market(null, "EURUSD", Side.SELL, 250));
    Deal deal = Desk.only(events, AccountEvent.DealExecuted.class).deal();
    assertThat(deal.entry()).isEqualTo(DealEntry.INOUT);
    // the whole old lot is closed: 0.00490 x 100,000 = 490.00 USD
    assertThat(deal.realizedPnl()).isEqualTo(49_000);
    Position flipped = desk.onlyPosition();
    assertThat(flipped.id()).isEqualTo(id);
    assertThat(flipped.side()).isEqualTo(Side.SELL);
    assertThat(flipped.volume()).isEqualTo(150);
    assertThat(flipped.openPrice()).isEqualByComparingTo("1.10500");
    assertThat(desk.exposure().of("EURUSD")).isEqualTo(150);
  }

  @Test
  void nettingCloseToZeroClosesThePosition() {
    Desk desk = funded(AccountMode.NETTING);
    desk.apply(market(null, "EURUSD", Side.BUY, 100));
    List<AccountEvent> events = desk.apply(market(null, "EURUSD", Side.SELL, 100));
    assertThat(Desk.ofType(events, AccountEvent.PositionClosed.class)).hasSize(1);
    assertThat(desk.state().positions()).isEmpty();
    assertThat(desk.exposure().bySymbol()).isEmpty();
  }

  @Test
  void hedgingOpensAPositionPerDealAndClosesPartially() {
    Desk desk = funded(AccountMode.HEDGING);
    desk.apply(market(null, "EURUSD", Side.BUY, 100));
    desk.apply(market(null, "EURUSD", Side.SELL, 100));
    assertThat(desk.state().positions()).hasSize(2);
    assertThat(desk.exposure().of("EURUSD")).isZero();
    long longId = desk.state().positions().keySet().iterator().next();
    desk.quote("EURUSD", 110_300, 110_310);
    desk.apply(new Command.ClosePosition(longId, 30, "close-1", 0, 0));
    // 0.30 lot from 1.10010 at the bid 1.10300: 0.00290 x 30,000 = 87.00 USD
    assertThat(desk.deals().get(2).realizedPnl()).isEqualTo(8_700);
    assertThat(desk.deals().get(2).entry()).isEqualTo(DealEntry.OUT);
    assertThat(desk.position(longId).volume()).isEqualTo(70);
  }

  @Test
  void partialCloseVolumeMustBeValid() {
    Desk desk = funded(AccountMode.HEDGING);
    desk.apply(market(null, "EURUSD", Side.BUY, 100));
    long id = desk.onlyPosition().id();
    assertThat(desk.reject(new Command.ClosePosition(id, 101, null, 0, 0))).isEqualTo(RejectReason.INVALID_CLOSE_VOLUME);
    assertThat(desk.reject(new Command.ClosePosition(id, -1, null, 0, 0))).isEqualTo(RejectReason.INVALID_CLOSE_VOLUME);
    assertThat(desk.reject(new Command.ClosePosition(99, 0, null, 0, 0))).isEqualTo(RejectReason.POSITION_NOT_FOUND);
  }

  @Test
  void closeByRealizesTheDifferenceOfOpenPricesWithoutASecondSpread() {
    Desk desk = funded(AccountMode.HEDGING);
    desk.apply(market(null, "EURUSD", Side.BUY, 100)); // long 1 lot at 1.10010
    desk.quote("EURUSD", 110_500, 110_510);
    desk.apply(market(null, "EURUSD", Side.SELL, 60)); // short 0.60 lot at 1.10500
    long longId = desk.state().positions().keySet().stream().min(Long::compare).orElseThrow();
    long shortId = desk.state().positions().keySet().stream().max(Long::compare).orElseThrow();
    long balanceBefore = desk.state().balance();

    List<AccountEvent> events = desk.apply(new Command.CloseBy(longId, shortId, "cb"));

    List<Deal> deals = Desk.ofType(events, AccountEvent.DealExecuted.class).stream().map(AccountEvent.DealExecuted::deal)
      .toList();
    assertThat(deals).extracting(Deal::entry).containsExactly(DealEntry.OUT_BY, DealEntry.OUT_BY);
    assertThat(deals).extracting(Deal::price).containsOnly(110_500L);
    // 0.60 lot: (1.10500 - 1.10010) x 60,000 = 294.00 USD; closing both at market would give 288.00
    assertThat(deals).extracting(Deal::realizedPnl).containsExactly(29_400L, 0L);
    assertThat(desk.state().balance() - balanceBefore).isEqualTo(29_400);
    assertThat(desk.onlyPosition().id()).isEqualTo(longId);
    assertThat(desk.onlyPosition().volume()).isEqualTo(40);
  }

  @Test
  void closeByNeedsOppositePositionsOfOneSymbolInAHedgingAccount() {
    Desk desk = funded(AccountMode.HEDGING);
    desk.apply(market(null, "EURUSD", Side.BUY, 10));
    desk.apply(market(null, "EURUSD", Side.BUY, 10));
    desk.apply(market(null, "GBPUSD", Side.SELL, 10));
    assertThat(desk.reject(new Command.CloseBy(1, 2, null))).isEqualTo(RejectReason.CLOSE_BY_NOT_ALLOWED);
    assertThat(desk.reject(new Command.CloseBy(1, 3, null))).isEqualTo(RejectReason.CLOSE_BY_NOT_ALLOWED);
    assertThat(desk.reject(new Command.CloseBy(1, 9, null))).isEqualTo(RejectReason.POSITION_NOT_FOUND);
  }
}
