package com.rtx.core.trading;

import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.QuoteStatus;

import java.util.Objects;

/**
 * The client quote a deal filled on or a decision used, as evidence: its publication sequence,
 * prices and the liquidity providers behind each side.
 */
public record QuoteRef(String symbol, long sequence, long bid, long ask, String bidLp, String askLp, QuoteStatus status,
                       long lpTimeMillis) {

  public QuoteRef {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(bidLp, "bidLp");
    Objects.requireNonNull(askLp, "askLp");
    Objects.requireNonNull(status, "status");
  }

  public static QuoteRef of(AggregatedQuote q) {
    return new QuoteRef(q.symbol(), q.sequence(), q.bid(), q.ask(), q.bidLp(), q.askLp(), q.status(), q.lpTimeMillis());
  }
}
