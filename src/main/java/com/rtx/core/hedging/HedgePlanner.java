package com.rtx.core.hedging;

import com.rtx.core.trading.Side;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which hedges to place now.
 *
 * <p>The rule, per symbol with an enabled limit: when {@code |unhedged| > maxNet} (strictly: at
 * exactly the limit nothing happens) and no hedge of the symbol is in flight, place one market
 * order against the exposure of {@code |unhedged| - targetNet}, rounded <em>down</em> to the
 * symbol's volume step (so a hedge never overshoots the target), and capped at the symbol's largest
 * order volume when one is given (the next decision hedges the rest). A volume that rounds to
 * nothing, or below the symbol's least volume, is not sent. A symbol with a hedge in flight waits:
 * its fill (or rejection) changes what is hedged, and only then is it decided again, so a slow
 * LP never causes a double hedge.
 *
 * <p>Worked example: clients net long 12.00 EURUSD, so the house is short ({@code clientNet =
 * -1200}); no hedge yet; limit max 10.00, target 2.00. {@code |−1200| > 1000}: BUY
 * {@code 1200 − 200 = 1000} (10.00 lots), leaving −2.00 unhedged once filled.
 */
public final class HedgePlanner {

  /** Volume constraints of a symbol's orders, in Lots units. {@code max == 0} means no cap. */
  public record VolumeTerms(long min, long max, long step) {
    public VolumeTerms {
      if (min < 0 || max < 0 || step <= 0) {
        throw new IllegalArgumentException("volume terms need min >= 0, max >= 0, step > 0");
      }
    }

    public static VolumeTerms any() {
      return new VolumeTerms(0, 0, 1);
    }
  }

  private HedgePlanner() {
  }

  /**
   * The hedges to send now.
   *
   * @param exposures the house's exposure per symbol (symbols absent are flat)
   * @param limits limits by symbol; a symbol without one is never hedged
   * @param inFlight symbols with a hedge sent and not yet final
   * @param terms volume terms by symbol; absent = {@link VolumeTerms#any()}
   */
  public static List<HedgeOrder> plan(Collection<SymbolExposure> exposures, Map<String, ExposureLimit> limits,
                                      Set<String> inFlight, Map<String, VolumeTerms> terms) {
    List<HedgeOrder> orders = new ArrayList<>();
    for (SymbolExposure e : exposures) {
      ExposureLimit limit = limits.get(e.symbol());
      if (limit == null || !limit.enabled() || inFlight.contains(e.symbol())) {
        continue;
      }
      long unhedged = e.unhedged();
      long size = Math.abs(unhedged);
      if (size <= limit.maxNet()) {
        continue;
      }
      VolumeTerms t = terms.getOrDefault(e.symbol(), VolumeTerms.any());
      long volume = (size - limit.targetNet()) / t.step() * t.step();
      if (t.max() > 0 && volume > t.max()) {
        volume = t.max() / t.step() * t.step();
      }
      if (volume <= 0 || volume < t.min()) {
        continue;
      }
      orders.add(new HedgeOrder(e.symbol(), unhedged < 0 ? Side.BUY : Side.SELL, volume, unhedged, limit));
    }
    return orders;
  }
}
