package com.rtx.bus;

import com.rtx.core.market.Instrument;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.QuoteStatus;
import io.vertx.core.json.JsonObject;

/**
 * The JSON shape of an aggregated quote on the event bus ({@code rtx.prices.<SYMBOL>}) and in
 * Redis ({@code rtx:quote:<SYMBOL>}):
 * <pre>{"symbol":"EURUSD","bid":"1.08123","ask":"1.08125","bidLp":"LP1","askLp":"LP2",
 *  "status":"OK|STALE|CLOSED","sequence":42,"lpTime":1764100000000,"engineTime":1764100000003,
 *  "bidQuoteId":"Q-17","askQuoteId":"Q-18"}</pre>
 * Prices are decimal strings with the instrument's digits (never floating point); times are epoch
 * milliseconds (lpTime: the LP's SendingTime; engineTime: when pricing aggregated it).
 * {@code bidQuoteId}/{@code askQuoteId} are the QuoteEntryIDs of the LP quotes behind each side,
 * left out when the LP sent none (a message without them, as written before they existed, reads
 * as null). They are the platform's, for orders against an LP's quote: clients never see them.
 */
public final class QuoteMessages {

  private QuoteMessages() {
  }

  /** Event-bus address of one symbol's aggregated (raw, un-marked-up) quotes. */
  public static String address(String symbol) {
    return Addresses.PRICES_PREFIX + symbol;
  }

  /** Redis key of one symbol's last aggregated quote (expires after pricing.stale-ms). */
  public static String redisKey(String symbol) {
    return "rtx:quote:" + symbol;
  }

  public static JsonObject toJson(AggregatedQuote quote, Instrument instrument) {
    JsonObject json = new JsonObject()
      .put("symbol", quote.symbol())
      .put("bid", instrument.format(quote.bid()))
      .put("ask", instrument.format(quote.ask()))
      .put("bidLp", quote.bidLp())
      .put("askLp", quote.askLp())
      .put("status", quote.status().name())
      .put("sequence", quote.sequence())
      .put("lpTime", quote.lpTimeMillis())
      .put("engineTime", quote.engineTimeMillis());
    if (quote.bidQuoteId() != null) {
      json.put("bidQuoteId", quote.bidQuoteId());
    }
    if (quote.askQuoteId() != null) {
      json.put("askQuoteId", quote.askQuoteId());
    }
    return json;
  }

  public static AggregatedQuote fromJson(JsonObject json, Instrument instrument) {
    return new AggregatedQuote(json.getString("symbol"), instrument.parse(json.getString("bid")),
      instrument.parse(json.getString("ask")), json.getString("bidLp"), json.getString("askLp"),
      QuoteStatus.valueOf(json.getString("status")), json.getLong("sequence"), json.getLong("lpTime"),
      json.getLong("engineTime"), json.getString("bidQuoteId"), json.getString("askQuoteId"));
  }
}
