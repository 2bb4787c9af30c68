package com.rtx.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The built-in LP simulator: one FIX acceptor playing every LP in {@code lps}. */
public record LpSimConfig(Endpoint fix, int controlPort, long seed, List<SimulatedLp> lps) {

  /**
   * One simulated LP: its CompID, how wide it quotes relative to the base spread, how often, how
   * late; and how it trades: how late it answers an order, how often a fill comes in two parts, how
   * often last look rejects, and the most points a fill slips against the client.
   *
   * @param partialFillProbability 0..1, chance that a fill comes as two partial fills
   * @param rejectProbability      0..1, chance that last look rejects an order
   * @param slippagePoints         a fill slips by a uniformly random 0..slippagePoints against the client
   */
  public record SimulatedLp(String name, BigDecimal spreadFactor, long tickIntervalMs, long latencyMs,
                            long orderLatencyMs, BigDecimal partialFillProbability, BigDecimal rejectProbability,
                            long slippagePoints) {

    /** An LP with the trading defaults: answers at once, fills whole, never rejects, never slips. */
    public SimulatedLp(String name, BigDecimal spreadFactor, long tickIntervalMs, long latencyMs) {
      this(name, spreadFactor, tickIntervalMs, latencyMs, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }
  }

  static LpSimConfig parse(ConfigReader in) {
    return new LpSimConfig(new Endpoint(in.string("lpsim.host"), in.port("lpsim.port")), in.port("lpsim.control-port"),
      in.longValue("lpsim.seed", Long.MIN_VALUE, Long.MAX_VALUE), simulatedLps(in));
  }

  private static List<SimulatedLp> simulatedLps(ConfigReader in) {
    List<SimulatedLp> lps = new ArrayList<>();
    JsonArray array = in.array("lpsim.lps");
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject lp)) {
        in.problem("lpsim.lps", "entry " + i + " must be an object");
        continue;
      }
      String name = lp.getString("name");
      if (name == null || !name.matches("[A-Za-z0-9_]{1,32}")) {
        in.problem("lpsim.lps", "entry " + i + " needs a name of letters, digits or _ (it is the FIX CompID)");
        continue;
      }
      try {
        BigDecimal factor = new BigDecimal(String.valueOf(lp.getValue("spread-factor", "1")));
        long interval = Long.parseLong(String.valueOf(lp.getValue("tick-interval-ms", 250)));
        long latency = Long.parseLong(String.valueOf(lp.getValue("latency-ms", 0)));
        long orderLatency = Long.parseLong(String.valueOf(lp.getValue("order-latency-ms", 0)));
        BigDecimal partial = new BigDecimal(String.valueOf(lp.getValue("partial-fill-probability", "0")));
        BigDecimal reject = new BigDecimal(String.valueOf(lp.getValue("reject-probability", "0")));
        long slippage = Long.parseLong(String.valueOf(lp.getValue("slippage-points", 0)));
        if (factor.signum() <= 0 || interval < 1 || latency < 0 || orderLatency < 0 || slippage < 0
          || !probability(partial) || !probability(reject)) {
          throw new NumberFormatException("out of range");
        }
        lps.add(new SimulatedLp(name, factor, interval, latency, orderLatency, partial, reject, slippage));
      } catch (NumberFormatException e) {
        in.problem("lpsim.lps", "entry " + name + ": spread-factor > 0, tick-interval-ms >= 1, latency-ms >= 0, "
          + "order-latency-ms >= 0, slippage-points >= 0 and partial-fill-probability, reject-probability in 0..1 "
          + "must be numbers");
      }
    }
    return List.copyOf(lps);
  }

  private static boolean probability(BigDecimal p) {
    return p.signum() >= 0 && p.compareTo(BigDecimal.ONE) <= 0;
  }
}
