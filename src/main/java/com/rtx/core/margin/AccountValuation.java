package com.rtx.core.margin;

import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.conversion.Quotes;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Rounding;
import com.rtx.core.trading.Position;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Values an account's open positions at current client quotes: floating P&amp;L per position and
 * the account's {@link MarginSnapshot}.
 *
 * <p>Floating P&amp;L is {@link PnlCalculator} at the position's closing side (bid for a long, ask
 * for a short), each position rounded on its own, so the floating total equals what closing the
 * positions one by one would realize at these prices.
 */
public final class AccountValuation {

  private final String accountCurrency;
  private final SymbolCatalog catalog;
  private final Quotes quotes;
  private final CurrencyConverter converter;
  private final MarginCalculator margins;
  /** Routes by quote currency: the quotes of one valuation are fixed, so are its routes. */
  private final Map<String, CurrencyConverter.Route> routes = new HashMap<>();

  public AccountValuation(String accountCurrency, SymbolCatalog catalog, Quotes quotes, MarginCalculator margins) {
    this.accountCurrency = Objects.requireNonNull(accountCurrency, "accountCurrency");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.quotes = Objects.requireNonNull(quotes, "quotes");
    this.converter = new CurrencyConverter(catalog, quotes);
    this.margins = Objects.requireNonNull(margins, "margins");
  }

  /**
   * The floating P&amp;L of one position, minor units of the account currency.
   *
   * @throws IllegalStateException if the symbol has no quote or its quote currency no conversion
   */
  public long floatingPnl(Position p) {
    SymbolTerms terms = catalog.get(p.symbol());
    long close = p.side().closePrice(quotes.get(p.symbol()));
    return PnlCalculator.profit(terms, p.side(), p.volume(), p.openPrice(), close, accountCurrency,
      route(terms.instrument().quoteCurrency()), Rounding.Purpose.FLOATING_PNL);
  }

  /** The conversion route from {@code currency}, looked up once per currency rather than per position. */
  private CurrencyConverter.Route route(String currency) {
    CurrencyConverter.Route route = routes.get(currency);
    if (route == null) {
      route = converter.requireRoute(currency, accountCurrency);
      routes.put(currency, route);
    }
    return route;
  }

  /** The account's snapshot with {@code balance}, {@code credit} and these positions. */
  public MarginSnapshot snapshot(long balance, long credit, Collection<Position> positions) {
    long floating = 0;
    for (Position p : positions) {
      floating = Math.addExact(floating, floatingPnl(p));
    }
    return new MarginSnapshot(accountCurrency, balance, credit, floating, margins.accountMargin(positions));
  }

  public MarginCalculator margins() {
    return margins;
  }
}
