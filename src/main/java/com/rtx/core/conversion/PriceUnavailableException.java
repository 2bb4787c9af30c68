package com.rtx.core.conversion;

/**
 * No price to value something with: a symbol without a quote (none received since start, or the
 * symbol was renamed away), or two currencies without a conversion route. Not a bug of the caller:
 * it happens after a restart over a quiet market, so callers that serve clients catch it and answer
 * with the matching reason ({@code NO_QUOTE}, {@code NO_CONVERSION_RATE}) instead of failing.
 */
public final class PriceUnavailableException extends IllegalStateException {

  private final boolean conversion;

  private PriceUnavailableException(String message, boolean conversion) {
    super(message);
    this.conversion = conversion;
  }

  static PriceUnavailableException noQuote(String symbol) {
    return new PriceUnavailableException("no quote for " + symbol, false);
  }

  static PriceUnavailableException noConversion(String from, String to) {
    return new PriceUnavailableException("no conversion rate from " + from + " to " + to, true);
  }

  /** True when a currency conversion route was missing, false when a symbol's own quote was. */
  public boolean conversion() {
    return conversion;
  }
}
