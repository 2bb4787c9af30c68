package com.rtx.hedging;

import com.rtx.core.hedging.ExposureLimit;
import com.rtx.core.hedging.HedgePlanner.VolumeTerms;
import com.rtx.core.hedging.SymbolExposure;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One consistent look at the house: client exposure, the house account (its hedges and summary),
 * limits, volume terms and the symbols with a hedge in flight.
 *
 * @param clientNet the shards' B-Book exposure summed, house side, Lots units
 * @param hedged the house account's net position per symbol, Lots units
 * @param account the house account's summary as its shard reports it
 */
record HouseBook(Map<String, Long> clientNet, Map<String, Long> hedged, JsonObject account,
                 Map<String, ExposureLimit> limits, Map<String, VolumeTerms> terms, Set<String> inFlight) {

  /** Every symbol with client exposure or a hedge, in name order. */
  List<SymbolExposure> exposures() {
    Set<String> symbols = new TreeSet<>(clientNet.keySet());
    symbols.addAll(hedged.keySet());
    List<SymbolExposure> list = new ArrayList<>();
    for (String s : symbols) {
      long client = clientNet.getOrDefault(s, 0L);
      long hedge = hedged.getOrDefault(s, 0L);
      if (client != 0 || hedge != 0) {
        list.add(new SymbolExposure(s, client, hedge));
      }
    }
    return list;
  }
}
