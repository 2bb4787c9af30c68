package com.rtx.lpsim;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RandomWalkTest {

  /** EURUSD as in the catalogue: 1.08500, base spread 8 points, 0.8 point per 100 ms step. */
  private static final SimInstrument EURUSD = new SimInstrument("EURUSD", 5, 108_500, 8, 800, 1_000_000);

  private static List<Quote> first(int count, RandomWalk walk) {
    List<Quote> quotes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      quotes.add(walk.next());
    }
    return quotes;
  }

  private static RandomWalk walk(String lp, String factor, long intervalMs, long seed) {
    return new RandomWalk(EURUSD, lp, new BigDecimal(factor), intervalMs, seed);
  }

  @Test
  void sameSeedGivesTheSameFirstTwentyQuotes() {
    List<Quote> once = first(20, walk("LP1", "1.0", 250, 42));
    List<Quote> again = first(20, walk("LP1", "1.0", 250, 42));

    assertThat(again).isEqualTo(once);
    // Not a constant: the walk moves.
    assertThat(once.stream().map(Quote::bid).distinct().count()).isGreaterThan(1);
  }

  @Test
  void anotherSeedOrLpGivesAnotherSequence() {
    List<Quote> lp1 = first(20, walk("LP1", "1.0", 250, 42));

    assertThat(first(20, walk("LP1", "1.0", 250, 43))).isNotEqualTo(lp1);
    assertThat(first(20, walk("LP2", "1.0", 250, 42))).isNotEqualTo(lp1);
    assertThat(RandomWalk.seedOf(42, "EURUSD", "LP1")).isNotEqualTo(RandomWalk.seedOf(42, "EURUSD", "LP2"));
  }

  @Test
  void spreadIsTheBaseSpreadTimesTheFactorRoundedAndNeverCrossed() {
    // 8 x 1.4 = 11.2 -> 11 points; 8 x 0.01 = 0.08 -> at least 1 point.
    assertThat(first(1000, walk("LP2", "1.4", 400, 42))).allSatisfy(q -> assertThat(q.ask() - q.bid()).isEqualTo(11));
    assertThat(first(1000, walk("LPX", "0.01", 400, 42))).allSatisfy(q -> assertThat(q.ask() - q.bid()).isEqualTo(1));
    assertThat(walk("LP1", "1.0", 250, 42).spreadPoints()).isEqualTo(8);
  }

  @Test
  void lpsTickingAtDifferentRatesQuoteTheSameMarket() {
    // LP1 every 250 ms and LP2 every 400 ms meet every 2 seconds (8 and 5 ticks); compare there
    // over two simulated hours. Their own noise is about a fifth of a spread each, so they stay
    // within a couple of spreads, while the market itself moves much further.
    RandomWalk lp1 = walk("LP1", "1.0", 250, 42);
    RandomWalk lp2 = walk("LP2", "1.4", 400, 42);
    long widest = 0;
    long lowest = Long.MAX_VALUE;
    long highest = Long.MIN_VALUE;
    for (int meeting = 0; meeting < 3600; meeting++) {
      Quote q1 = null;
      Quote q2 = null;
      for (int i = 0; i < 8; i++) {
        q1 = lp1.next();
      }
      for (int i = 0; i < 5; i++) {
        q2 = lp2.next();
      }
      widest = Math.max(widest, Math.abs(q1.mid() - q2.mid()));
      lowest = Math.min(lowest, q1.mid());
      highest = Math.max(highest, q1.mid());
    }
    assertThat(widest).isLessThanOrEqualTo(3 * EURUSD.spreadPoints());
    assertThat(highest - lowest).isGreaterThan(10 * EURUSD.spreadPoints());
  }

  @Test
  void meanReversionKeepsADayOfTicksWithinAnIntradayRange() {
    // One simulated day at 250 ms: 345,600 ticks. Stationary spread of the mid is about
    // volatility x 100 = 80 points (0.8 pip); a day never strays beyond ~7 of those.
    RandomWalk walk = walk("LP1", "1.0", 250, 42);
    long furthest = 0;
    for (int i = 0; i < 345_600; i++) {
      furthest = Math.max(furthest, Math.abs(walk.next().mid() - EURUSD.startMid()));
    }
    assertThat(furthest).isBetween(40L, 600L);
  }

  @Test
  void shiftMovesThisAndEveryLaterQuoteByThePoints() {
    RandomWalk plain = walk("LP1", "1.0", 250, 42);
    RandomWalk shifted = walk("LP1", "1.0", 250, 42);
    first(10, plain);
    first(10, shifted);

    Quote jump = shifted.shift(500);

    assertThat(jump).isEqualTo(plain.current().shift(500));
    for (int i = 0; i < 100; i++) {
      assertThat(shifted.next()).isEqualTo(plain.next().shift(500));
    }
  }

  @Test
  void quotesAreWholeUnitsAroundTheStartPrice() {
    Quote first = walk("LP1", "1.0", 250, 42).next();

    assertThat(EURUSD.price(first.bid()).toPlainString()).matches("1\\.08[45]\\d\\d");
    assertThat(first.bid()).isLessThan(first.ask());
  }
}
