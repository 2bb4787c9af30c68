package com.rtx.core.pricing;

import com.rtx.core.market.Prices;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarkupTest {

  private static final MarkupProfile STANDARD = new MarkupProfile("standard", new MarkupRule(3, 3, 10), Map.of(
    "USDJPY", new MarkupRule(2, 3, 15),
    "XAUUSD", new MarkupRule(5, 5, 50)));

  @Test
  void eurusdGetsItsMarkupAndIsWidenedToTheMinimumSpread() {
    // 1.08123 / 1.08125, 3/3 points -> 1.08120 / 1.08128 (8 points); 2 missing to 10, one each side.
    ClientPrice price = Markup.apply(STANDARD, "EURUSD", Prices.parse("1.08123", 5), Prices.parse("1.08125", 5));

    assertThat(Prices.format(price.bid(), 5)).isEqualTo("1.08119");
    assertThat(Prices.format(price.ask(), 5)).isEqualTo("1.08129");
    assertThat(price.spread()).isEqualTo(10L);
  }

  @Test
  void anOddMissingPointGoesToTheAsk() {
    MarkupProfile p = new MarkupProfile("odd", new MarkupRule(3, 3, 11), Map.of());

    // 1.08120 / 1.08128 is 8 points, 3 missing: 1 to the bid, 2 to the ask.
    ClientPrice price = Markup.apply(p, "EURUSD", 108123, 108125);

    assertThat(price).isEqualTo(new ClientPrice(108119, 108130));
  }

  @Test
  void aSpreadAlreadyWideEnoughOnlyGetsTheMarkup() {
    // 1.08100 / 1.08120 (20 points) -> 1.08097 / 1.08123, 26 points >= 10.
    ClientPrice price = Markup.apply(STANDARD, "EURUSD", 108100, 108120);

    assertThat(price).isEqualTo(new ClientPrice(108097, 108123));
  }

  @Test
  void usdjpyWithThreeDigitsUsesItsOverride() {
    // 151.234 / 151.240, 2/3 points -> 151.232 / 151.243 (11 points); 4 missing to 15, 2 each side.
    ClientPrice price = Markup.apply(STANDARD, "USDJPY", Prices.parse("151.234", 3), Prices.parse("151.240", 3));

    assertThat(Prices.format(price.bid(), 3)).isEqualTo("151.230");
    assertThat(Prices.format(price.ask(), 3)).isEqualTo("151.245");
  }

  @Test
  void xauusdWithTwoDigitsUsesItsOverride() {
    // 2345.10 / 2345.30, 5/5 points -> 2345.05 / 2345.35 (30 points); 20 missing to 50, 10 each side.
    ClientPrice price = Markup.apply(STANDARD, "XAUUSD", Prices.parse("2345.10", 2), Prices.parse("2345.30", 2));

    assertThat(Prices.format(price.bid(), 2)).isEqualTo("2344.95");
    assertThat(Prices.format(price.ask(), 2)).isEqualTo("2345.45");
  }

  @Test
  void aPerSymbolOverrideReplacesTheDefaultsOnlyForThatSymbol() {
    assertThat(STANDARD.ruleFor("USDJPY")).isEqualTo(new MarkupRule(2, 3, 15));
    assertThat(STANDARD.ruleFor("GBPUSD")).isEqualTo(new MarkupRule(3, 3, 10));
  }

  @Test
  void aZeroProfileLeavesPricesUnchanged() {
    MarkupProfile zero = MarkupProfile.zero("raw");

    assertThat(Markup.apply(zero, "EURUSD", 108123, 108125)).isEqualTo(new ClientPrice(108123, 108125));
    assertThat(Markup.apply(zero, "XAUUSD", 234510, 234530)).isEqualTo(new ClientPrice(234510, 234530));
  }

  @Test
  void applyingToAnAggregatedQuoteKeepsEverythingButThePrices() {
    AggregatedQuote lp = new AggregatedQuote("EURUSD", 108123, 108125, "LP1", "LP2", QuoteStatus.STALE, 42, 1_000, 1_005);

    AggregatedQuote client = Markup.apply(STANDARD, lp);

    assertThat(client).isEqualTo(new AggregatedQuote("EURUSD", 108119, 108129, "LP1", "LP2", QuoteStatus.STALE, 42, 1_000, 1_005));
  }

  @Test
  void rulesRejectNegativePoints() {
    assertThatThrownBy(() -> new MarkupRule(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MarkupRule(0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MarkupRule(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aProfileKeepsItsOwnCopyOfTheOverrides() {
    Map<String, MarkupRule> overrides = new HashMap<>();
    overrides.put("EURUSD", new MarkupRule(1, 1, 0));
    MarkupProfile p = new MarkupProfile("vip", MarkupRule.ZERO, overrides);

    overrides.put("EURUSD", new MarkupRule(9, 9, 0));

    assertThat(p.ruleFor("EURUSD")).isEqualTo(new MarkupRule(1, 1, 0));
    assertThatThrownBy(() -> p.perSymbol().put("GBPUSD", MarkupRule.ZERO)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nonsensePricesOverflowLoudly() {
    MarkupProfile p = new MarkupProfile("p", new MarkupRule(1, 1, 0), Map.of());

    assertThatThrownBy(() -> Markup.apply(p, "EURUSD", 1, Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
  }

  /** USDJPY 150.000/150.004 (3 digits) with 200,000 bid points: the client bid would be -50.000. */
  @Test
  void aMarkupWiderThanThePriceLeavesAQuoteThatIsNeverDealtOn() {
    MarkupProfile wide = new MarkupProfile("wide", new MarkupRule(200_000, 0, 0), Map.of());
    AggregatedQuote lp = new AggregatedQuote("USDJPY", 150_000, 150_004, "LP1", "LP1", QuoteStatus.OK, 1, 0, 0);
    AggregatedQuote client = Markup.apply(wide, lp);
    assertThat(client.bid()).isEqualTo(-50_000);
    assertThat(client.status()).isEqualTo(QuoteStatus.STALE);
    assertThat(Markup.apply(new MarkupProfile("narrow", new MarkupRule(3, 3, 0), Map.of()), lp).status())
      .isEqualTo(QuoteStatus.OK);
  }
}
