package com.rtx.lpsim;

/**
 * The quote a fault switch (spike, crossed) made an LP send.
 *
 * @param lp            the LP
 * @param instrument    the instrument, for its digits
 * @param quote         the quote sent
 * @param subscriptions how many live subscriptions it went to (0 when nobody subscribed the symbol)
 */
public record QuoteSent(String lp, SimInstrument instrument, Quote quote, int subscriptions) {
}
