package com.rtx.pricing;

import com.rtx.core.market.Instrument;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.LpQuote;
import com.rtx.core.pricing.QuoteCheck;
import com.rtx.core.pricing.QuoteStatus;
import com.rtx.core.pricing.SpikeFilter;
import com.rtx.core.pricing.SymbolBook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns LP quotes into one clean aggregated quote per symbol: drops crossed, locked and
 * non-positive quotes, holds spikes until confirmed, keeps a book of the LPs' latest quotes,
 * leaves stale LPs out, marks symbols STALE (no fresh LP) or CLOSED (outside their sessions), and
 * says when a new aggregated quote must be published (only on a change of price, source, status
 * or the LP quote id behind a side; each publication gets the symbol's next sequence number).
 *
 * <p>Not thread-safe: owned by the pricing verticle's event loop. Time is passed in.
 */
public final class PriceEngine {

  private final Map<String, Instrument> instruments;
  private final long staleMs;
  private final int defaultSpikeBps;
  private final Map<String, Integer> spikeBpsBySymbol;
  private final int confirmTicks;
  private final Map<String, SymbolBook> books = new HashMap<>();
  private final Map<String, SpikeFilter> spikeFilters = new HashMap<>();
  private final Map<String, AggregatedQuote> published = new HashMap<>();
  private final Map<String, Long> sequences = new HashMap<>();
  private final Set<String> staleLpSymbols = new HashSet<>();
  private final Map<PricingFilter, LongAdder> counts = new EnumMap<>(PricingFilter.class);

  public PriceEngine(Map<String, Instrument> instruments, long staleMs, int defaultSpikeBps,
                     Map<String, Integer> spikeBpsBySymbol, int confirmTicks) {
    this.instruments = Map.copyOf(instruments);
    this.staleMs = staleMs;
    this.defaultSpikeBps = defaultSpikeBps;
    this.spikeBpsBySymbol = Map.copyOf(spikeBpsBySymbol);
    this.confirmTicks = confirmTicks;
    for (PricingFilter filter : PricingFilter.values()) {
      counts.put(filter, new LongAdder());
    }
  }

  /** Applies one LP quote; returns the aggregated quote to publish, if anything changed. */
  public Optional<AggregatedQuote> onLpQuote(LpQuote quote, long now) {
    Instrument instrument = instruments.get(quote.symbol());
    if (instrument == null || !instrument.enabled()) {
      count(PricingFilter.UNKNOWN_SYMBOL);
      return Optional.empty();
    }
    QuoteCheck.Rejection rejection = QuoteCheck.check(quote);
    if (rejection != QuoteCheck.Rejection.NONE) {
      count(switch (rejection) {
        case CROSSED -> PricingFilter.CROSSED;
        case LOCKED -> PricingFilter.LOCKED;
        default -> PricingFilter.NON_POSITIVE;
      });
      return Optional.empty();
    }
    SpikeFilter.Decision decision = spikeFilter(quote).offer(quote);
    if (decision == SpikeFilter.Decision.HOLD) {
      count(PricingFilter.SPIKE_HELD);
      return Optional.empty();
    }
    if (decision == SpikeFilter.Decision.CONFIRMED) {
      count(PricingFilter.SPIKE_CONFIRMED);
    }
    staleLpSymbols.remove(quote.lp() + "|" + quote.symbol());
    books.computeIfAbsent(quote.symbol(), SymbolBook::new).update(quote);
    return reaggregate(instrument, now);
  }

  /**
   * Re-evaluates every symbol without a new quote (staleness, sessions); returns what must be
   * published because a status or source changed.
   */
  public List<AggregatedQuote> onTimer(long now) {
    List<AggregatedQuote> changed = new ArrayList<>();
    for (SymbolBook book : books.values()) {
      for (String lp : book.staleLps(now, staleMs)) {
        if (staleLpSymbols.add(lp + "|" + book.symbol())) {
          count(PricingFilter.STALE_LP);
        }
      }
      reaggregate(instruments.get(book.symbol()), now).ifPresent(changed::add);
    }
    return changed;
  }

  /** A disconnected LP's quotes cannot be relied on: they leave every book at once. */
  public List<AggregatedQuote> onLpDisconnected(String lp, long now) {
    List<AggregatedQuote> changed = new ArrayList<>();
    for (SymbolBook book : books.values()) {
      book.remove(lp);
      spikeFilters.remove(lp + "|" + book.symbol());
      reaggregate(instruments.get(book.symbol()), now).ifPresent(changed::add);
    }
    return changed;
  }

  private Optional<AggregatedQuote> reaggregate(Instrument instrument, long now) {
    String symbol = instrument.name();
    SymbolBook book = books.get(symbol);
    if (book == null) {
      return Optional.empty();
    }
    long nextSequence = sequences.getOrDefault(symbol, 0L) + 1;
    Optional<AggregatedQuote> candidate = book.aggregate(now, staleMs, instrument.sessions().isOpen(now), nextSequence);
    if (candidate.isEmpty()) {
      return Optional.empty();
    }
    AggregatedQuote next = candidate.get();
    AggregatedQuote previous = published.get(symbol);
    if (previous != null && sameContent(previous, next)) {
      return Optional.empty();
    }
    if (next.status() == QuoteStatus.STALE && (previous == null || previous.status() != QuoteStatus.STALE)) {
      count(PricingFilter.STALE_SYMBOL);
    }
    if (next.status() == QuoteStatus.CLOSED && (previous == null || previous.status() != QuoteStatus.CLOSED)) {
      count(PricingFilter.CLOSED);
    }
    sequences.put(symbol, nextSequence);
    published.put(symbol, next);
    return Optional.of(next);
  }

  /**
   * A new quote id is new content even at the same prices: an order against the LP's quote (40=D)
   * must name its latest id, as the older one may have expired at the LP. LPs that send no ids
   * publish on price, source and status changes only, as before.
   */
  private static boolean sameContent(AggregatedQuote a, AggregatedQuote b) {
    return a.bid() == b.bid() && a.ask() == b.ask() && a.status() == b.status()
      && a.bidLp().equals(b.bidLp()) && a.askLp().equals(b.askLp())
      && Objects.equals(a.bidQuoteId(), b.bidQuoteId()) && Objects.equals(a.askQuoteId(), b.askQuoteId());
  }

  private SpikeFilter spikeFilter(LpQuote quote) {
    return spikeFilters.computeIfAbsent(quote.lp() + "|" + quote.symbol(), key -> {
      int bps = spikeBpsBySymbol.getOrDefault(quote.symbol(), defaultSpikeBps);
      long mid = quote.bid() / 2 + quote.ask() / 2;
      return new SpikeFilter(SpikeFilter.maxJumpUnits(mid, bps), confirmTicks);
    });
  }

  private void count(PricingFilter filter) {
    counts.get(filter).increment();
  }

  /** How often each filter acted since start (read from any thread for metrics). */
  public long filtered(PricingFilter filter) {
    return counts.get(filter).sum();
  }

  /**
   * Takes over the publication counters of the engine this one replaces (reference data reloaded),
   * so each symbol's sequence keeps rising for the consumers that watch it for gaps.
   */
  public void continueFrom(PriceEngine previous) {
    previous.sequences.forEach((symbol, sequence) -> {
      if (instruments().containsKey(symbol)) {
        sequences.put(symbol, sequence);
      }
    });
  }

  public Map<String, AggregatedQuote> lastPublished() {
    return Map.copyOf(published);
  }

  public Instrument instrument(String symbol) {
    return instruments.get(symbol);
  }

  public Map<String, Instrument> instruments() {
    return instruments;
  }
}
