package com.rtx.hedging;

import com.rtx.core.hedging.ExposureLimit;
import com.rtx.core.hedging.SymbolExposure;
import com.rtx.core.market.Lots;
import com.rtx.core.money.CurrencyDigits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The dealers' view of the house: the {@code rtx.hedging.exposure} reply (see {@code HedgingAddresses}). */
final class ExposureView {

  private ExposureView() {
  }

  static JsonObject of(HouseBook book, Map<String, Long> realizedMinor, long houseAccount, String node, Instant at) {
    Map<String, SymbolExposure> bySymbol = new TreeMap<>();
    book.exposures().forEach(e -> bySymbol.put(e.symbol(), e));
    book.limits().keySet().forEach(s -> bySymbol.putIfAbsent(s, new SymbolExposure(s, 0, 0)));
    realizedMinor.keySet().forEach(s -> bySymbol.putIfAbsent(s, new SymbolExposure(s, 0, 0)));
    JsonObject account = book.account() == null ? new JsonObject() : book.account();
    String currency = account.getString("currency", "USD");
    JsonArray symbols = new JsonArray();
    long realizedTotal = 0;
    for (SymbolExposure e : bySymbol.values()) {
      ExposureLimit limit = book.limits().get(e.symbol());
      long realized = realizedMinor.getOrDefault(e.symbol(), 0L);
      realizedTotal += realized;
      JsonObject row = new JsonObject().put("symbol", e.symbol()).put("clientNet", Lots.format(e.clientNet()))
        .put("hedged", Lots.format(e.hedged())).put("unhedged", Lots.format(e.unhedged()))
        .put("hedgeInFlight", book.inFlight().contains(e.symbol()))
        .put("houseRealizedPnl", money(realized, currency));
      if (limit != null) {
        row.put("maxNet", Lots.format(limit.maxNet())).put("targetNet", Lots.format(limit.targetNet()))
          .put("limitEnabled", limit.enabled());
      }
      symbols.add(row);
    }
    JsonObject house = new JsonObject().put("accountId", houseAccount).put("currency", currency)
      .put("balance", account.getString("balance")).put("equity", account.getString("equity"))
      .put("floatingPnl", account.getString("floatingPnl")).put("realizedPnl", money(realizedTotal, currency));
    return new JsonObject().put("node", node).put("at", at.toString()).put("symbols", symbols).put("house", house);
  }

  private static String money(long minor, String currency) {
    return BigDecimal.valueOf(minor, CurrencyDigits.of(currency)).toPlainString();
  }
}
