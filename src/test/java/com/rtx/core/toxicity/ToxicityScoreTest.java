package com.rtx.core.toxicity;

import com.rtx.core.trading.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ToxicityScoreTest {

  private static final BigDecimal POINT = new BigDecimal("0.00001");
  private static final ToxicityParams PARAMS = ToxicityParams.defaults(60_000);

  private static BigDecimal d(String s) {
    return s == null ? null : new BigDecimal(s);
  }

  private static MarkedDeal open(Side side, long volume, String price, String m1, String m5, String m60) {
    return new MarkedDeal(side, volume, d(price), POINT, d(m1), d(m5), d(m60), false, null, null);
  }

  private static MarkedDeal close(Side side, long volume, String price, String m1, String m5, String m60, String pnl,
                                  long heldMillis) {
    return new MarkedDeal(side, volume, d(price), POINT, d(m1), d(m5), d(m60), true, d(pnl), heldMillis);
  }

  /**
   * Worked example.
   * <pre>
   *   deal                          lots  +1s   +5s   +60s  (markout, points)
   *   BUY  @1.10000 open            1.00  +10   +20   +5
   *   SELL @1.10050 close +50.00 30s 1.00  +10   -10    0
   *   BUY  @1.20000 open            2.00    0   -10   n/a
   *   BUY  @1.10000 close -20.00 10m 1.00  n/a   n/a   n/a
   *
   *   m1  = (10 + 10 + 0) / 4 lots            = 5
   *   m5  = (20 - 10 - 20) / 4                = -2.5
   *   m60 = (5 + 0) / 2                       = 2.5
   *   M   = (5 - 2.5 + 2.5) / 3               = 1.6666666667 → part 0.1666666667
   *   short winners: 1 of 2 closes            = 0.5
   *   P&L per lot: (50 - 20) / 2              = 15 → part 0.15
   *   score = 0.5×0.1666666667 + 0.25×0.5 + 0.25×0.15 = 0.24583333335 → 0.2458
   * </pre>
   */
  @Test
  void aFixtureWithKnownMarkoutsGivesTheExactScore() {
    Toxicity t = ToxicityScore.of(List.of(
      open(Side.BUY, 100, "1.10000", "1.10010", "1.10020", "1.10005"),
      close(Side.SELL, 100, "1.10050", "1.10040", "1.10060", "1.10050", "50.00", 30_000),
      open(Side.BUY, 200, "1.20000", "1.20000", "1.19990", null),
      close(Side.BUY, 100, "1.10000", null, null, null, "-20.00", 600_000)), PARAMS);

    assertThat(t.markout1()).isEqualByComparingTo("5");
    assertThat(t.markout5()).isEqualByComparingTo("-2.5");
    assertThat(t.markout60()).isEqualByComparingTo("2.5");
    assertThat(t.shortWinShare()).isEqualByComparingTo("0.5");
    assertThat(t.pnlPerLot()).isEqualByComparingTo("15");
    assertThat(t.score()).isEqualTo(new BigDecimal("0.2458"));
    assertThat(t.deals()).isEqualTo(4);
  }

  @Test
  void noDealsScoreZero() {
    Toxicity t = ToxicityScore.of(List.of(), PARAMS);
    assertThat(t.score()).isEqualTo(new BigDecimal("0.0000"));
    assertThat(t.markout1()).isNull();
  }

  @Test
  void aScalperAtEveryExtremeScoresOne() {
    // +20 points at every horizon (over the 10-point full scale), every close a 5-second winner of 200.00 a lot
    Toxicity t = ToxicityScore.of(List.of(
      open(Side.SELL, 100, "1.10020", "1.10000", "1.10000", "1.10000"),
      close(Side.BUY, 100, "1.10000", "1.10020", "1.10020", "1.10020", "200.00", 5_000)), PARAMS);
    assertThat(t.score()).isEqualTo(new BigDecimal("1.0000"));
  }

  @Test
  void losingSlowTradersScoreZero() {
    Toxicity t = ToxicityScore.of(List.of(
      open(Side.BUY, 100, "1.10000", "1.09990", "1.09980", "1.09950"),
      close(Side.SELL, 100, "1.09950", "1.09960", "1.09970", "1.10000", "-50.00", 3_600_000)), PARAMS);
    assertThat(t.score()).isEqualTo(new BigDecimal("0.0000"));
    assertThat(t.pnlPerLot()).isEqualByComparingTo("-50");
  }
}
