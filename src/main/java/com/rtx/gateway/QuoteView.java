package com.rtx.gateway;

import com.rtx.core.market.Instrument;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.Markup;
import com.rtx.core.pricing.MarkupProfile;
import com.rtx.core.pricing.QuoteStatus;
import io.vertx.core.json.JsonObject;

/**
 * What a client is shown of an aggregated quote: the group's markup applied (the same
 * {@link Markup} code dealing fills with), LP names hidden, and a quote older than
 * {@code pricing.stale-ms} never presented as live. {@code time} is when pricing aggregated the
 * quote and {@code lpTime} when the LP sent it (epoch ms), so clients can see how fresh it is.
 */
final class QuoteView {

  private QuoteView() {
  }

  static JsonObject client(AggregatedQuote raw, Instrument instrument, MarkupProfile profile, long now, long staleMs) {
    AggregatedQuote priced = Markup.apply(profile, raw);
    QuoteStatus status = priced.status() == QuoteStatus.OK && now - raw.engineTimeMillis() > staleMs
      ? QuoteStatus.STALE : priced.status();
    return new JsonObject()
      .put("symbol", priced.symbol())
      .put("bid", instrument.format(priced.bid()))
      .put("ask", instrument.format(priced.ask()))
      .put("status", status.name())
      .put("sequence", priced.sequence())
      .put("time", priced.engineTimeMillis())
      .put("lpTime", priced.lpTimeMillis());
  }
}
