package com.rtx.core.toxicity;

import com.rtx.core.market.Lots;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

/**
 * The toxicity score of an account from its deals.
 *
 * <ul>
 *   <li>Markout at horizon h: {@code Σ(markout_i × lots_i) / Σ lots_i} over the deals with a mid
 *       sampled at h, where {@code markout_i = sign_i × (mid_h − price_i) / point}, sign +1 for a
 *       client BUY and −1 for a SELL (positive: the price moved the client's way). Opening and
 *       closing deals alike.</li>
 *   <li>{@code M} = mean of the horizons that have samples (0 when none);
 *       {@code markoutPart = clamp(M / markoutFullScale, 0, 1)}.</li>
 *   <li>{@code shortWinShare} = closing deals with realized P&amp;L {@code > 0} held
 *       {@code < shortHoldMillis}, over all closing deals (0 when none).</li>
 *   <li>{@code pnlPerLot} = Σ realized P&amp;L / Σ closed lots; {@code pnlPart = clamp(pnlPerLot /
 *       pnlFullScale, 0, 1)}.</li>
 *   <li>{@code score = markoutWeight × markoutPart + shortWinWeight × shortWinShare + pnlWeight × pnlPart}.</li>
 * </ul>
 * Intermediate values keep 10 decimals (half-even); the results are rounded half-even to 4, the
 * scale of {@code routing_rule.min_toxicity}.
 */
public final class ToxicityScore {

  private static final int WORK = 10;
  private static final int SHOWN = 4;

  private ToxicityScore() {
  }

  public static Toxicity of(List<MarkedDeal> deals, ToxicityParams params) {
    BigDecimal m1 = markout(deals, MarkedDeal::mid1);
    BigDecimal m5 = markout(deals, MarkedDeal::mid5);
    BigDecimal m60 = markout(deals, MarkedDeal::mid60);
    BigDecimal sum = BigDecimal.ZERO;
    int horizons = 0;
    for (BigDecimal m : new BigDecimal[] {m1, m5, m60}) {
      if (m != null) {
        sum = sum.add(m);
        horizons++;
      }
    }
    BigDecimal mean = horizons == 0 ? BigDecimal.ZERO : divide(sum, BigDecimal.valueOf(horizons));
    BigDecimal markoutPart = clamp(divide(mean, params.markoutFullScale()));

    long closings = 0;
    long shortWins = 0;
    long closedVolume = 0;
    BigDecimal realized = BigDecimal.ZERO;
    for (MarkedDeal d : deals) {
      if (d.closing()) {
        closings++;
        closedVolume += d.volume();
        realized = realized.add(d.realizedPnl());
        if (d.realizedPnl().signum() > 0 && d.heldMillis() != null && d.heldMillis() < params.shortHoldMillis()) {
          shortWins++;
        }
      }
    }
    BigDecimal shortWinShare = closings == 0 ? BigDecimal.ZERO
      : divide(BigDecimal.valueOf(shortWins), BigDecimal.valueOf(closings));
    BigDecimal pnlPerLot = closedVolume == 0 ? BigDecimal.ZERO : divide(realized, Lots.toBigDecimal(closedVolume));
    BigDecimal pnlPart = clamp(divide(pnlPerLot, params.pnlFullScale()));

    BigDecimal score = params.markoutWeight().multiply(markoutPart)
      .add(params.shortWinWeight().multiply(shortWinShare))
      .add(params.pnlWeight().multiply(pnlPart));
    return new Toxicity(shown(score), shown(m1), shown(m5), shown(m60), shown(shortWinShare), shown(pnlPerLot),
      deals.size());
  }

  /** Volume-weighted markout in points at one horizon, or null when no deal has a sample there. */
  private static BigDecimal markout(List<MarkedDeal> deals, Function<MarkedDeal, BigDecimal> mid) {
    BigDecimal weighted = BigDecimal.ZERO;
    long volume = 0;
    for (MarkedDeal d : deals) {
      BigDecimal sample = mid.apply(d);
      if (sample != null) {
        weighted = weighted.add(d.markoutPoints(sample).multiply(BigDecimal.valueOf(d.volume())));
        volume += d.volume();
      }
    }
    return volume == 0 ? null : divide(weighted, BigDecimal.valueOf(volume));
  }

  private static BigDecimal divide(BigDecimal a, BigDecimal b) {
    return a.divide(b, WORK, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal clamp(BigDecimal v) {
    return v.signum() < 0 ? BigDecimal.ZERO : v.compareTo(BigDecimal.ONE) > 0 ? BigDecimal.ONE : v;
  }

  private static BigDecimal shown(BigDecimal v) {
    return v == null ? null : v.setScale(SHOWN, RoundingMode.HALF_EVEN);
  }
}
