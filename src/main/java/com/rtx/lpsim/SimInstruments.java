package com.rtx.lpsim;

import com.rtx.platform.config.ConfigFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's instrument catalogue, read from the classpath resource
 * {@value #RESOURCE}. Iteration follows the file's order, which is also the order in which a
 * tick publishes its quotes.
 *
 * <p>Immutable once loaded; safe to share. {@link #load()} reads a classpath resource, so call it
 * off the event loop.
 */
public final class SimInstruments {

  public static final String RESOURCE = "lpsim/instruments.json";

  private final Map<String, SimInstrument> bySymbol;

  SimInstruments(Collection<SimInstrument> instruments) {
    Map<String, SimInstrument> map = new LinkedHashMap<>();
    for (SimInstrument instrument : instruments) {
      if (map.put(instrument.symbol(), instrument) != null) {
        throw new IllegalArgumentException("instrument " + instrument.symbol() + " is listed twice");
      }
    }
    this.bySymbol = Collections.unmodifiableMap(map);
  }

  /**
   * Loads {@value #RESOURCE}.
   *
   * @throws IllegalStateException naming the entry and field when the file is invalid (a packaging bug)
   */
  public static SimInstruments load() {
    return parse(ConfigFiles.readClasspath(RESOURCE));
  }

  static SimInstruments parse(JsonObject json) {
    JsonArray entries = json.getJsonArray("instruments");
    if (entries == null || entries.isEmpty()) {
      throw new IllegalStateException(RESOURCE + " must hold a non-empty \"instruments\" array");
    }
    List<SimInstrument> instruments = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      instruments.add(instrument(entries.getJsonObject(i), i));
    }
    return new SimInstruments(instruments);
  }

  private static SimInstrument instrument(JsonObject entry, int index) {
    String symbol = entry.getString("symbol", "#" + index);
    try {
      int digits = entry.getInteger("digits");
      // Prices and volatility are strings in the file so they never pass through a double.
      BigDecimal startMid = new BigDecimal(entry.getString("start-mid"));
      if (startMid.scale() > digits) {
        throw new IllegalArgumentException("start-mid " + startMid + " has more than " + digits + " decimals");
      }
      long startUnits = startMid.setScale(digits, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
      long volatilityMilli = new BigDecimal(entry.getString("volatility-points")).movePointRight(3)
        .setScale(0, RoundingMode.HALF_UP).longValueExact();
      return new SimInstrument(entry.getString("symbol"), digits, startUnits, entry.getLong("spread-points"),
        volatilityMilli, entry.getLong("quote-size"));
    } catch (RuntimeException e) {
      // NullPointerException (missing key), ClassCastException (wrong JSON type), NumberFormatException...
      throw new IllegalStateException(RESOURCE + ": instrument " + symbol + " is invalid: " + e.getMessage(), e);
    }
  }

  public Optional<SimInstrument> find(String symbol) {
    return Optional.ofNullable(bySymbol.get(symbol));
  }

  /** All instruments in catalogue order. */
  public Collection<SimInstrument> all() {
    return bySymbol.values();
  }
}
