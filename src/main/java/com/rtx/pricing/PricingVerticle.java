package com.rtx.pricing;

import com.rtx.core.bars.Bar;
import com.rtx.core.bars.BarBuilder;
import com.rtx.core.market.Instrument;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.LpQuote;
import com.rtx.core.pricing.QuoteStatus;
import com.rtx.marketdata.BarRepository;
import com.rtx.bus.QuoteMessages;
import com.rtx.bus.Addresses;
import com.rtx.platform.Platform;
import com.rtx.platform.config.RtxConfig;
import com.rtx.platform.config.PricingConfig;
import com.rtx.platform.db.LeaderLock;
import com.rtx.refdata.LiquidityProvider;
import com.rtx.refdata.ReferenceDataRepository;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The {@code pricing} role: LP market-data sessions in, one aggregated quote per symbol out on
 * {@code rtx.prices.<SYMBOL>} ({@link QuoteMessages}), the last one in Redis, bars (and optionally
 * ticks) in PostgreSQL. Filter counts are metrics ({@code rtx_pricing_filtered_total{filter}})
 * and, with LP session states and STALE/CLOSED symbols, details of the
 * {@code dependencies/pricing} health check.
 *
 * <p><b>One holder in the cluster.</b> LPs refuse a second logon with the same CompIDs, and two
 * aggregations would publish two truths for one symbol: only the node holding the pricing lead (an
 * advisory lock, {@link LeaderLock} key {@value #LEAD_KEY}) opens the LP sessions, aggregates and
 * publishes — on the clustered bus, so every gateway and dealing node hears it. The others try for
 * the lead every {@code pricing.lead-interval-ms} and take over when the holder's connection dies;
 * a node that loses the lead stops its sessions and publishes nothing more. The blue-green idle
 * colour never leads.
 */
public final class PricingVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PricingVerticle.class);
  private static final long MAINTENANCE_MS = 6 * 3600_000L;
  static final int LEAD_KEY = 2;

  private final Platform platform;
  private final PricingConfig settings;
  private final ReferenceDataRepository refdata;
  private final BarRepository bars;
  private final LpQuoteAssembler assembler = new LpQuoteAssembler();
  private final Map<String, BarBuilder> barBuilders = new HashMap<>();
  private final List<Bar> unwrittenBars = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();
  private PriceEngine engine;
  private volatile LpMarketDataSessions sessions;
  private TickArchive ticks;
  private List<LiquidityProvider> lps = List.of();
  private Map<String, Integer> spikeLimits = Map.of();
  private final RedisQuoteCache redisCache;
  private LeaderLock lead;
  /** This node holds the lead and its sessions are (being) started: the only state that publishes. */
  private boolean leading;
  private boolean standby;
  /** The reload in progress (or the last one): the next waits for it. */
  private Future<Void> reloading = Future.succeededFuture();

  public PricingVerticle(Platform platform) {
    this.platform = platform;
    this.settings = platform.config().pricing();
    this.refdata = new ReferenceDataRepository(platform.pool());
    this.bars = new BarRepository(platform.pool());
    this.redisCache = new RedisQuoteCache(platform.redisClient(), settings.staleMs());
  }

  @Override
  public Future<?> start() {
    return Future.all(refdata.instruments(), refdata.liquidityProviders(), refdata.spikeLimits())
      .compose(all -> {
        Map<String, Instrument> instruments = new TreeMap<>(all.<Map<String, Instrument>>resultAt(0));
        instruments.values().removeIf(i -> !i.enabled());
        engine = new PriceEngine(instruments, settings.staleMs(), settings.spikeMaxJumpBps(), all.resultAt(2),
          settings.spikeConfirmTicks());
        // Through the field, not a bound method reference: a reload replaces the engine.
        ticks = settings.tickArchive() ? new TickArchive(platform.pool(), symbol -> engine.instrument(symbol)) : null;
        lps = all.<List<LiquidityProvider>>resultAt(1).stream().filter(lp -> lp.enabled() && lp.marketData()).toList();
        spikeLimits = all.resultAt(2);
        registerMetricsAndHealth();
        lead = new LeaderLock(vertx, platform.pgConnect(), LEAD_KEY, "rtx-pricing-lead", this::leadLost);
        standby = platform.config().standby();
        return bars.ensurePartitions(3).compose(v -> tryToLead());
      })
      .onSuccess(v -> {
        startTimers();
        vertx.eventBus().consumer(Addresses.REFDATA_CHANGED, m -> reload()
          .onFailure(e -> LOG.warn("pricing kept its reference data: reload failed: {}", e.toString())));
        vertx.eventBus().<JsonObject>consumer(Addresses.CONFIG_CHANGED, m -> standbyChanged(m.body()));
      });
  }

  /** One leadership round: check the held lock, or try for it and start the LP sessions when won. */
  private Future<Void> tryToLead() {
    if (lead.held()) {
      return lead.check().recover(e -> Future.succeededFuture()); // a dead connection reports through leadLost
    }
    if (standby) {
      return Future.succeededFuture();
    }
    return lead.tryAcquire().compose(won -> {
      if (!won || leading) {
        return Future.succeededFuture();
      }
      leading = true;
      LOG.info("pricing: this node ({}) holds the pricing lead: LP market data sessions start here", platform.node());
      return startSessions(lps);
    }).recover(e -> {
      LOG.warn("pricing: lead not acquired: {}", e.toString());
      return Future.succeededFuture();
    });
  }

  /** The lock's connection died (or standby gave the lead up): stop the sessions, publish nothing more. */
  private void leadLost() {
    if (!leading) {
      return;
    }
    leading = false;
    LOG.warn("pricing: this node lost the pricing lead: LP sessions stop, another node takes over");
    stopSessions().onFailure(e -> LOG.warn("pricing: stopping LP sessions failed: {}", e.toString()));
  }

  private Future<Void> stopSessions() {
    LpMarketDataSessions running = sessions;
    sessions = null;
    assembler.forgetAll();
    return running == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      running.stop();
      return null;
    });
  }

  /** The live colour switched: the idle colour gives the lead up; the live one competes for it. */
  private void standbyChanged(JsonObject change) {
    JsonObject config = change.getJsonObject("config", new JsonObject());
    JsonObject deployment = config.getJsonObject("deployment", new JsonObject());
    boolean next = RtxConfig.standby(Boolean.parseBoolean(String.valueOf(config.getValue("standby", false))),
      deployment.getString("colour"), deployment.getString("live-colour"));
    if (next != standby) {
      standby = next;
      if (standby && lead.held()) {
        leadLost();
        lead.release().onFailure(e -> LOG.warn("pricing: releasing the lead failed: {}", e.toString()));
      }
    }
  }

  /**
   * Symbols, LPs or spike limits changed in the database (admin API): a fresh engine with the new
   * instruments and the LP sessions restarted on the new rows. Nothing happens when what pricing
   * uses is unchanged (most changes are markups or groups, which pricing does not apply). The books
   * refill from the next LP ticks; sequences continue.
   */
  private Future<Void> reload() {
    // One at a time: two changes in quick succession (two LPs edited) each stopping and starting
    // the sessions would leave a second initiator running, and the two log each other out at the LP.
    reloading = reloading.transform(v -> reloadNow());
    return reloading;
  }

  private Future<Void> reloadNow() {
    return Future.all(refdata.instruments(), refdata.liquidityProviders(), refdata.spikeLimits()).compose(all -> {
      Map<String, Instrument> instruments = new TreeMap<>(all.<Map<String, Instrument>>resultAt(0));
      instruments.values().removeIf(i -> !i.enabled());
      List<LiquidityProvider> newLps = all.<List<LiquidityProvider>>resultAt(1).stream()
        .filter(lp -> lp.enabled() && lp.marketData()).toList();
      Map<String, Integer> newSpikes = all.resultAt(2);
      if (instruments.equals(engine.instruments()) && newLps.equals(lps) && newSpikes.equals(spikeLimits)) {
        return Future.succeededFuture();
      }
      LOG.info("pricing: symbols, LPs or spike limits changed: {} symbols from {} LPs, sessions restarting",
        instruments.size(), newLps.size());
      PriceEngine previous = engine;
      return stopSessions().compose(v -> {
        engine = new PriceEngine(instruments, settings.staleMs(), settings.spikeMaxJumpBps(), newSpikes,
          settings.spikeConfirmTicks());
        engine.continueFrom(previous);
        lps = newLps;
        spikeLimits = newSpikes;
        return leading ? startSessions(newLps) : Future.succeededFuture();
      });
    });
  }

  private Future<Void> startSessions(List<LiquidityProvider> lps) {
    Context context = vertx.getOrCreateContext();
    return vertx.executeBlocking(() -> {
      LpMarketDataSessions started = new LpMarketDataSessions(lps, settings, platform.config().lpCredentials(),
        () -> engine.instruments().keySet(), new SessionEvents(), task -> context.runOnContext(v -> task.run()),
        platform.clock());
      started.start();
      sessions = started;
      LOG.info("pricing: {} symbols from {} LPs ({})", engine.instruments().size(), lps.size(),
        lps.stream().map(lp -> lp.name() + "@" + lp.host() + ":" + lp.port()).collect(Collectors.joining(", ")));
      return null;
    });
  }

  private void startTimers() {
    timers.add(vertx.setPeriodic(settings.leadIntervalMs(), id -> tryToLead()));
    timers.add(vertx.setPeriodic(settings.staleCheckMs(), id -> engine.onTimer(now()).forEach(this::publish)));
    timers.add(vertx.setPeriodic(settings.barFlushMs(), id -> flushBars(false)));
    timers.add(vertx.setPeriodic(MAINTENANCE_MS, id -> maintenance()));
  }

  /** QuickFIX/J session events, already moved onto this verticle's context. */
  private final class SessionEvents implements LpMarketDataSessions.Listener {
    @Override
    public void onLogon(String lp) {
      LOG.info("LP {} market data session logged on", lp);
    }

    @Override
    public void onLogout(String lp) {
      LOG.warn("LP {} market data session down: its quotes leave the book", lp);
      assembler.forget(lp);
      engine.onLpDisconnected(lp, now()).forEach(PricingVerticle.this::publish);
    }

    @Override
    public void onEntries(String lp, List<LpMarketDataSessions.Entry> entries, long lpTime, long received) {
      for (LpQuote quote : assembler.apply(lp, entries, lpTime, received, engine.instruments())) {
        engine.onLpQuote(quote, now()).ifPresent(PricingVerticle.this::publish);
      }
    }

    @Override
    public void onReject(String lp, String reason) {
      LOG.warn("LP {} rejected a market data request: {}", lp, reason);
    }
  }

  private void publish(AggregatedQuote quote) {
    if (!leading) {
      return; // the lead's holder is the one source of every symbol's quotes (and bars) in the cluster
    }
    Instrument instrument = engine.instrument(quote.symbol());
    JsonObject json = QuoteMessages.toJson(quote, instrument);
    vertx.eventBus().publish(QuoteMessages.address(quote.symbol()), json);
    redisCache.put(quote.symbol(), json.encode());
    if (quote.status() == QuoteStatus.OK) {
      unwrittenBars.addAll(barBuilders.computeIfAbsent(quote.symbol(), BarBuilder::new)
        .onTick(quote.bid(), quote.ask(), quote.engineTimeMillis()));
    }
    if (ticks != null) {
      ticks.add(quote);
    }
  }

  /** Closes bars whose period ended and writes what is pending; on stop, open bars too. */
  private Future<Void> flushBars(boolean includeOpen) {
    long now = now();
    for (BarBuilder builder : barBuilders.values()) {
      unwrittenBars.addAll(includeOpen ? builder.openBars() : builder.closeDue(now));
    }
    List<Bar> batch = new ArrayList<>(unwrittenBars);
    unwrittenBars.clear();
    Future<Void> tickFlush = ticks == null ? Future.succeededFuture() : ticks.flush();
    return Future.join(bars.write(batch, engine::instrument)
        .onFailure(e -> {
          LOG.warn("could not write {} bars, keeping them for the next flush: {}", batch.size(), e.getMessage());
          unwrittenBars.addAll(0, batch);
        }), tickFlush)
      .mapEmpty();
  }

  private void maintenance() {
    bars.ensurePartitions(3)
      .compose(v -> ticks == null ? Future.succeededFuture() : ticks.applyRetention(settings.tickRetentionDays()))
      .onFailure(e -> LOG.warn("market history maintenance failed: {}", e.getMessage()));
  }

  private void registerMetricsAndHealth() {
    for (PricingFilter filter : PricingFilter.values()) {
      // Read through this verticle: a reload replaces the engine (its counts start again).
      FunctionCounter.builder("rtx.pricing.filtered", this, v -> v.engine.filtered(filter))
        .tag("filter", filter.name().toLowerCase())
        .description("Quotes, LPs or symbols held back by each pricing filter")
        .register(platform.metrics());
    }
    Gauge.builder("rtx.pricing.lp.sessions.up", this,
        v -> sessions == null ? 0 : sessions.loggedOn().values().stream().filter(up -> up).count())
      .description("LP market data sessions logged on").register(platform.metrics());
    platform.health().checks().register("dependencies/pricing", settings.staleCheckMs() * 4,
      promise -> promise.complete(pricingStatus()));
  }

  private Status pricingStatus() {
    Map<String, Boolean> lps = sessions == null ? Map.of() : sessions.loggedOn();
    Map<String, TreeSet<String>> byStatus = new TreeMap<>();
    engine.lastPublished().forEach((symbol, quote) ->
      byStatus.computeIfAbsent(quote.status().name(), s -> new TreeSet<>()).add(symbol));
    JsonObject filters = new JsonObject();
    for (PricingFilter filter : PricingFilter.values()) {
      filters.put(filter.name().toLowerCase(), engine.filtered(filter));
    }
    JsonObject details = new JsonObject()
      .put("lps", new JsonObject(new HashMap<>(lps.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() ? "LOGGED_ON" : "DOWN")))))
      .put("symbols", new JsonObject(new HashMap<>(byStatus.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> new ArrayList<>(e.getValue()))))))
      .put("priced", new ArrayList<>(engine.instruments().keySet()))
      .put("filtered", filters)
      .put("redisWriteFailures", redisCache.failures())
      .put("malformedLpPrices", assembler.malformed())
      .put("tickArchiveDropped", ticks == null ? 0 : ticks.dropped());
    details.put("lead", leading ? "HELD" : standby ? "STANDBY" : "FOLLOWER");
    if (!leading) {
      return Status.OK(details); // another node holds the LP sessions: nothing to be down here
    }
    boolean anyLp = lps.values().stream().anyMatch(up -> up);
    return anyLp ? Status.OK(details) : Status.KO(details);
  }

  private long now() {
    return platform.clock().millis();
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    boolean wasLeading = leading;
    return stopSessions()
      .compose(v -> engine == null || !wasLeading ? Future.succeededFuture() : flushBars(true))
      .eventually(() -> {
        leading = false;
        return lead == null ? Future.succeededFuture() : lead.close();
      });
  }
}
