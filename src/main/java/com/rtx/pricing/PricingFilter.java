package com.rtx.pricing;

/** Why a quote, an LP or a symbol was held back; each is counted in {@code rtx_pricing_filtered_total}. */
public enum PricingFilter {
  /** LP quote with bid above ask. */
  CROSSED,
  /** LP quote with bid equal to ask. */
  LOCKED,
  /** LP quote with a zero or negative side. */
  NON_POSITIVE,
  /** LP quote whose mid jumped beyond the limit: held until confirmed. */
  SPIKE_HELD,
  /** A held jump confirmed by enough ticks at the new level. */
  SPIKE_CONFIRMED,
  /** An LP's quote of a symbol aged past stale-ms and left the book. */
  STALE_LP,
  /** A symbol with no fresh LP quote at all. */
  STALE_SYMBOL,
  /** A quote outside the symbol's trading sessions (published as CLOSED). */
  CLOSED,
  /** A quote for a symbol that is unknown or disabled here. */
  UNKNOWN_SYMBOL
}
