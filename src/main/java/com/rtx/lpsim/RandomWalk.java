package com.rtx.lpsim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The quotes one simulated LP streams for one instrument. Pure and deterministic: the same
 * instrument, LP name, spread factor, tick interval and seed give the same sequence of quotes,
 * on any machine and at any speed, because it never reads a clock. Prices are {@code long} units
 * (internally 1/1000 point); {@code double} appears only as the gaussian sample of a move.
 *
 * <p>The model has two layers, so that LPs of the same instrument quote the same market:
 * <ol>
 *   <li><b>Market mid</b>, the same for every LP: a random walk on a fixed {@value #MARKET_STEP_MS}
 *   ms grid. Each step moves it by a gaussian times the instrument's volatility plus a gentle pull
 *   back toward the start price of {@code 1/}{@value #MARKET_REVERSION_DIVISOR} of the distance
 *   (a half-life of about 23 minutes). Without the pull a long run drifts without bound; with it
 *   the mid stays within about {@code volatility x 100} points (one standard deviation) of the
 *   start, an intraday range, while still trending over minutes. Its random source is seeded from
 *   (seed, symbol) only, and tick {@code n} of an LP reads grid step
 *   {@code n x tickIntervalMs / }{@value #MARKET_STEP_MS}, so an LP ticking every 250 ms and one
 *   ticking every 400 ms see the same market at the same simulated moment.</li>
 *   <li><b>The LP's own deviation</b>, seeded from (seed, LP name, symbol): a fast mean-reverting
 *   noise of about a fifth of the base spread, so LPs differ by a fraction of a spread as real
 *   ones do; plus the permanent level {@link #shift(long) shift} of a persistent spike.</li>
 * </ol>
 * The quote is that mid rounded to a point, with spread {@code max(1, round(base spread x
 * spread factor))}: {@code bid = mid - spread / 2}, {@code ask = bid + spread}.
 *
 * <p>Not thread-safe: one owner (the simulator's event loop).
 */
public final class RandomWalk {

  /** Grid of the shared market path. */
  static final long MARKET_STEP_MS = 100;
  /** The market mid moves back toward the start by 1/20000 of the distance per step. */
  static final long MARKET_REVERSION_DIVISOR = 20_000;
  /** The LP's deviation from the market decays by 1/5 per LP tick. */
  static final long LP_REVERSION_DIVISOR = 5;
  /** Standard deviation of the LP's own noise per tick: base spread / 8. */
  static final long LP_NOISE_DIVISOR = 8;

  private static final long MILLI = 1000;

  private final long tickIntervalMs;
  private final long spread;
  private final long volatilityMilli;
  private final long lpNoiseMilli;
  private final long anchorMilli;
  private final SplittableRandom market;
  private final SplittableRandom lp;

  private long marketMilli;
  private long marketStep;
  private long lpTick;
  private long deviationMilli;
  private long shiftPoints;

  /**
   * @param spreadFactor   multiplies the instrument's base spread (LP2 quoting 1.4 times wider)
   * @param tickIntervalMs how much simulated time one {@link #next()} covers
   * @param seed           the simulator's seed ({@code lpsim.seed})
   */
  public RandomWalk(SimInstrument instrument, String lpName, BigDecimal spreadFactor, long tickIntervalMs,
                    long seed) {
    if (tickIntervalMs < 1 || spreadFactor.signum() <= 0) {
      throw new IllegalArgumentException("tick interval >= 1 ms and spread factor > 0 required");
    }
    this.tickIntervalMs = tickIntervalMs;
    this.spread = Math.max(1, BigDecimal.valueOf(instrument.spreadPoints()).multiply(spreadFactor)
      .setScale(0, RoundingMode.HALF_UP).longValueExact());
    this.volatilityMilli = instrument.volatilityMilliPoints();
    this.lpNoiseMilli = instrument.spreadPoints() * MILLI / LP_NOISE_DIVISOR;
    this.anchorMilli = Math.multiplyExact(instrument.startMid(), MILLI);
    this.marketMilli = anchorMilli;
    this.market = new SplittableRandom(seedOf(seed, instrument.symbol()));
    this.lp = new SplittableRandom(seedOf(seed, instrument.symbol(), lpName));
  }

  /** Advances one LP tick and returns the quote. */
  public Quote next() {
    lpTick++;
    long targetStep = Math.multiplyExact(lpTick, tickIntervalMs) / MARKET_STEP_MS;
    while (marketStep < targetStep) {
      long pull = (anchorMilli - marketMilli) / MARKET_REVERSION_DIVISOR;
      marketMilli += Math.round(market.nextGaussian() * volatilityMilli) + pull;
      marketStep++;
    }
    deviationMilli += Math.round(lp.nextGaussian() * lpNoiseMilli) - deviationMilli / LP_REVERSION_DIVISOR;
    return current();
  }

  /** The quote at the current tick, without advancing. */
  public Quote current() {
    long mid = Math.floorDiv(marketMilli + deviationMilli + MILLI / 2, MILLI) + shiftPoints;
    // The pull keeps the mid far from zero for the catalogue's instruments; the floor only stops
    // an extreme shift from producing a non-positive price.
    long bid = Math.max(1, mid - spread / 2);
    return new Quote(bid, bid + spread);
  }

  /** Moves this LP's level by {@code points} from now on (a persistent spike); returns the new quote. */
  public Quote shift(long points) {
    shiftPoints = Math.addExact(shiftPoints, points);
    return current();
  }

  /** This LP's spread for the instrument, in points. */
  public long spreadPoints() {
    return spread;
  }

  /** A 64-bit FNV-1a hash of the seed and the names, so (LP1, EURUSD) and (LP2, EURUSD) differ. */
  static long seedOf(long seed, String... names) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < Long.BYTES; i++) {
      hash = (hash ^ ((seed >>> (8 * i)) & 0xff)) * 0x100000001b3L;
    }
    for (String name : names) {
      for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
        hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
      }
      hash = (hash ^ 0xff) * 0x100000001b3L;
    }
    return hash;
  }
}
