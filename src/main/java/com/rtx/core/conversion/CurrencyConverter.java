package com.rtx.core.conversion;

import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Rounding;
import com.rtx.core.pricing.AggregatedQuote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Converts amounts between currencies at the current client quotes.
 *
 * <p>Route, first that exists with a quote: the same currency (rate 1); the direct pair
 * FROM/TO (multiply); the inverse pair TO/FROM (divide); a cross through a pivot currency,
 * {@link #PIVOTS} in order, each leg direct or inverse. Which side of each quote is used is
 * decided by the {@link ConversionDirection}. Example: 1,000 JPY of profit into a USD account
 * through USDJPY 150.000/150.020 is 1000 / 150.020 = 6.6658 USD (CREDIT divides by the ask); the
 * same amount as a loss is 1000 / 150.000 = 6.6667 USD (DEBIT divides by the bid).
 *
 * <p>Quotes of any {@code status} are used: a conversion rate only values an amount, it is not
 * dealt on, and the last known rate is the best available for a closed or stale pair.
 *
 * <p>The result is not rounded: callers round once, with {@link Rounding}, after the last step.
 */
public final class CurrencyConverter {

  /** Pivot currencies for crosses, tried in this order. */
  public static final List<String> PIVOTS = List.of("USD", "EUR");

  private final SymbolCatalog catalog;
  private final Quotes quotes;

  public CurrencyConverter(SymbolCatalog catalog, Quotes quotes) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.quotes = Objects.requireNonNull(quotes, "quotes");
  }

  /**
   * {@code amount} of {@code from} in {@code to}, unrounded; empty if no route has quotes.
   */
  public Optional<BigDecimal> convert(BigDecimal amount, String from, String to, ConversionDirection direction) {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(direction, "direction");
    return route(from, to).map(legs -> Route.apply(legs, amount, direction));
  }

  /**
   * The route {@link #convert} takes from {@code from} to {@code to} with the quotes at hand, or
   * empty if none has quotes: for a caller converting many amounts of one currency (an account's
   * positions), which then looks the route up once instead of once per amount.
   */
  public Optional<Route> routeOf(String from, String to) {
    return route(from, to).map(Route::new);
  }

  /**
   * {@link #routeOf} for a route that must exist.
   *
   * @throws PriceUnavailableException if there is none
   */
  public Route requireRoute(String from, String to) {
    return routeOf(from, to).orElseThrow(() -> PriceUnavailableException.noConversion(from, to));
  }

  /** A route bound to the converter's quotes: {@link #apply} is {@link #convert}, same arithmetic. */
  public static final class Route {

    private final List<Leg> legs;

    private Route(List<Leg> legs) {
      this.legs = legs;
    }

    /** {@code amount} converted in {@code direction}, unrounded. */
    public BigDecimal apply(BigDecimal amount, ConversionDirection direction) {
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(direction, "direction");
      return apply(legs, amount, direction);
    }

    /** Whether the route is the same currency (rate 1, the amount unchanged). */
    public boolean identity() {
      return legs.isEmpty();
    }

    private static BigDecimal apply(List<Leg> legs, BigDecimal amount, ConversionDirection direction) {
      BigDecimal result = amount;
      for (Leg leg : legs) {
        result = leg.apply(result, direction);
      }
      return result;
    }
  }

  /**
   * {@link #convert} for a route that must exist.
   *
   * @throws PriceUnavailableException if there is none (callers check {@link #canConvert} before
   *     accepting a command that needs the conversion)
   */
  public BigDecimal require(BigDecimal amount, String from, String to, ConversionDirection direction) {
    return convert(amount, from, to, direction)
      .orElseThrow(() -> PriceUnavailableException.noConversion(from, to));
  }

  /** Whether {@code from} can be converted to {@code to} with the quotes at hand. */
  public boolean canConvert(String from, String to) {
    return route(from, to).isPresent();
  }

  /** The symbols whose quotes a conversion uses, in order (empty for the same currency). */
  public List<String> symbolsUsed(String from, String to) {
    List<String> symbols = new ArrayList<>();
    route(from, to).ifPresent(legs -> legs.forEach(l -> symbols.add(l.quote.symbol())));
    return symbols;
  }

  /**
   * One step of a conversion route: through the quote of {@code symbol}, multiplying by its rate,
   * or dividing when {@code inverse} (the pair is TO/FROM).
   */
  public record RouteLeg(String symbol, boolean inverse) {
    public RouteLeg {
      Objects.requireNonNull(symbol, "symbol");
    }
  }

  /**
   * The legs {@link #convert} would take from {@code from} to {@code to} with the quotes at hand
   * (empty list for the same currency), or empty if no route has quotes. Which route is taken
   * depends only on which quotes exist, not on their prices.
   */
  public Optional<List<RouteLeg>> legs(String from, String to) {
    return route(from, to).map(legs -> legs.stream().map(l -> new RouteLeg(l.quote.symbol(), l.inverse)).toList());
  }

  /**
   * The symbols whose quote, should it appear, could change the route from {@code from} to
   * {@code to}: every pair of the catalog between two of {@code from}, {@code to} and the
   * {@link #PIVOTS} that has no quote now. A superset; a quote that disappears shows in the
   * route's own legs.
   */
  public List<String> unquotedRouteCandidates(String from, String to) {
    List<String> currencies = new ArrayList<>(List.of(from, to));
    PIVOTS.stream().filter(p -> !currencies.contains(p)).forEach(currencies::add);
    List<String> out = new ArrayList<>();
    for (String a : currencies) {
      for (String b : currencies) {
        if (!a.equals(b)) {
          catalog.pair(a, b).map(SymbolTerms::symbol).filter(s -> quotes.find(s).isEmpty()).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  /**
   * One conversion step at {@code rate} (price units of {@code terms}): {@code amount × rate}, or
   * {@code amount / rate} when {@code inverse}. The one place a rate is applied, so that bounds
   * computed elsewhere (the revaluation guard) use exactly the same arithmetic.
   */
  public static BigDecimal applyRate(BigDecimal amount, SymbolTerms terms, boolean inverse, long rate) {
    return inverse ? Rounding.divide(amount, terms.price(rate)) : amount.multiply(terms.price(rate));
  }

  /** The side of a leg's quote a conversion in {@code direction} uses: true for the bid. */
  public static boolean usesBid(boolean inverse, ConversionDirection direction) {
    // BASE -> QUOTE: the bid gives less, the ask more; QUOTE -> BASE: dividing by the ask gives less.
    return (direction == ConversionDirection.CREDIT) != inverse;
  }

  private Optional<List<Leg>> route(String from, String to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.equals(to)) {
      return Optional.of(List.of());
    }
    Optional<Leg> single = leg(from, to);
    if (single.isPresent()) {
      return Optional.of(List.of(single.get()));
    }
    for (String pivot : PIVOTS) {
      if (pivot.equals(from) || pivot.equals(to)) {
        continue;
      }
      Optional<Leg> first = leg(from, pivot);
      Optional<Leg> second = leg(pivot, to);
      if (first.isPresent() && second.isPresent()) {
        return Optional.of(List.of(first.get(), second.get()));
      }
    }
    return Optional.empty();
  }

  private Optional<Leg> leg(String from, String to) {
    Optional<AggregatedQuote> direct = catalog.pair(from, to).map(SymbolTerms::symbol).flatMap(quotes::find);
    if (direct.isPresent()) {
      return Optional.of(new Leg(catalog.get(direct.get().symbol()), direct.get(), false));
    }
    return catalog.pair(to, from).map(SymbolTerms::symbol).flatMap(quotes::find)
      .map(q -> new Leg(catalog.get(q.symbol()), q, true));
  }

  /** One step through one quote: multiply by the pair's rate, or divide when inverse. */
  private record Leg(SymbolTerms terms, AggregatedQuote quote, boolean inverse) {

    BigDecimal apply(BigDecimal amount, ConversionDirection direction) {
      return applyRate(amount, terms, inverse, usesBid(inverse, direction) ? quote.bid() : quote.ask());
    }
  }
}
