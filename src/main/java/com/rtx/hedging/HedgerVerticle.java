package com.rtx.hedging;

import com.rtx.platform.db.LeaderLock;

import com.rtx.core.toxicity.ToxicityParams;
import com.rtx.bus.Addresses;
import com.rtx.bus.DealingAddresses;
import com.rtx.bus.HedgingAddresses;
import com.rtx.platform.Platform;
import com.rtx.platform.config.RtxConfig;
import com.rtx.platform.config.DealingConfig;
import com.rtx.platform.config.HedgingConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Deployed by the dealing role next to {@code DealingVerticle}. On every node: keeps the latest
 * {@code rtx.exposure} of each shard and records the markouts of the deals this node's shards
 * execute ({@link MarkoutCollector}). On the one leader of the cluster (advisory lock,
 * {@link LeaderLock}): hedges every {@code hedging.check-ms} ({@link Hedger}), snapshots the
 * exposure every {@code hedging.snapshot-ms}, recomputes toxicity every
 * {@code toxicity.recompute-ms} ({@link ToxicityRecompute}) and answers
 * {@link HedgingAddresses#EXPOSURE}. The hedger plans nothing until every shard has reported its
 * exposure, so a fresh leader never mistakes its hedges for unhedged exposure.
 */
public final class HedgerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HedgerVerticle.class);
  /** Second key of the leader lock: the hedger. */
  private static final int HEDGER_KEY = 1;

  private final Platform platform;
  private final HedgingConfig settings;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private LeaderLock lock;
  private Hedger hedger;
  private HedgingStore store;
  private MarkoutCollector markouts;
  private ToxicityRecompute toxicity;
  private MessageConsumer<JsonObject> view;
  private boolean cycling;
  private boolean waitingLogged;

  public HedgerVerticle(Platform platform) {
    this.platform = platform;
    this.settings = platform.config().hedging();
  }

  @Override
  public Future<?> start() {
    DealingConfig dealing = platform.config().dealing();
    store = new HedgingStore(platform.pool());
    hedger = new Hedger(vertx, store, settings.houseAccount(), dealing.shards(), dealing.lpTimeoutMs() + 10_000,
      platform.clock());
    lock = new LeaderLock(vertx, platform.pgConnect(), HEDGER_KEY, "rtx-hedger-lock", this::lost);
    markouts = new MarkoutCollector(vertx, context, platform.pool(), settings.houseAccount(), settings.horizonsMs(),
      System::nanoTime);
    toxicity = new ToxicityRecompute(vertx, platform.pool(), platform.clock(),
      ToxicityParams.defaults(settings.shortHoldMs()), settings.toxicityWindowDays());
    // What the house carries from its B-Book clients, per symbol, for the dashboard (every dealing node
    // hears every shard, so each exports the same figure: panels take the max, not the sum).
    io.micrometer.core.instrument.MultiGauge netLots = io.micrometer.core.instrument.MultiGauge
      .builder("rtx_exposure_net_lots").description("House net position from B-Book clients, lots, by symbol")
      .register(platform.metrics());
    MessageConsumer<JsonObject> exposure = vertx.eventBus().consumer(DealingAddresses.EXPOSURE, m -> {
      hedger.exposure(m.body());
      netLots.register(hedger.clientNet().entrySet().stream().map(e -> io.micrometer.core.instrument.MultiGauge.Row.of(
        io.micrometer.core.instrument.Tags.of("symbol", e.getKey()),
        com.rtx.core.market.Lots.toBigDecimal(e.getValue()).doubleValue())).toList(), true);
    });
    consumers.add(exposure);
    standby = platform.config().standby();
    consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.CONFIG_CHANGED,
      m -> standbyChanged(m.body())));
    return exposure.completion()
      .compose(v -> markouts.start())
      .compose(v -> lead())
      .onSuccess(v -> {
        vertx.setPeriodic(dealing.acquireIntervalMs(), id -> lead());
        vertx.setPeriodic(dealing.lockCheckMs(), id -> lock.check());
        vertx.setPeriodic(settings.checkMs(), id -> hedge());
        vertx.setPeriodic(settings.snapshotMs(), id -> snapshot());
        vertx.setPeriodic(settings.toxicityRecomputeMs(), id -> recompute());
      });
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> done = new ArrayList<>();
    consumers.forEach(c -> done.add(c.unregister()));
    if (view != null) {
      done.add(view.unregister());
    }
    done.add(markouts.stop());
    return Future.join(done).transform(v -> lock.close());
  }

  /** Blue-green idle colour: never lead (see RtxConfig.standby). */
  private boolean standby;

  /** The live colour switched: the idle colour gives the lead up; the live one competes for it. */
  private void standbyChanged(JsonObject change) {
    JsonObject config = change.getJsonObject("config", new JsonObject());
    JsonObject deployment = config.getJsonObject("deployment", new JsonObject());
    boolean next = com.rtx.platform.config.RtxConfig.standby(
      Boolean.parseBoolean(String.valueOf(config.getValue("standby", false))),
      deployment.getString("colour"), deployment.getString("live-colour"));
    if (next != standby) {
      standby = next;
      if (standby && lock.held()) {
        lost();
        lock.release().onFailure(e -> LOG.warn("hedger: releasing the lead failed: {}", e.toString()));
      }
    }
  }

  /** Tries for leadership; on winning it, starts answering the exposure view. */
  private Future<Void> lead() {
    if (standby) {
      return Future.succeededFuture();
    }
    if (lock.held()) {
      return Future.succeededFuture();
    }
    return lock.tryAcquire().compose(mine -> {
      if (!mine || view != null) {
        return Future.succeededFuture();
      }
      LOG.info("hedger: this node ({}) leads hedging and toxicity", platform.node());
      view = vertx.eventBus().consumer(HedgingAddresses.EXPOSURE, this::exposureView);
      return view.completion();
    }).recover(e -> {
      LOG.warn("hedger: leadership not acquired: {}", e.toString());
      return Future.succeededFuture();
    });
  }

  private void lost() {
    LOG.warn("hedger: leadership lost; another node takes over");
    hedger.resign();
    if (view != null) {
      view.unregister();
      view = null;
    }
  }

  private boolean complete() {
    int reporting = hedger.shardsReporting();
    int shards = platform.config().dealing().shards();
    if (reporting < shards && !waitingLogged) {
      LOG.info("hedger waits for the exposure of {} more shard(s)", shards - reporting);
      waitingLogged = true;
    }
    return reporting >= shards;
  }

  private void hedge() {
    if (!lock.held() || cycling || !complete()) {
      return;
    }
    cycling = true;
    hedger.cycle()
      .onFailure(e -> LOG.warn("hedger: no decision this time: {}", e.toString()))
      .onComplete(ar -> cycling = false);
  }

  private void snapshot() {
    if (!lock.held() || !complete()) {
      return;
    }
    hedger.look()
      .compose(book -> store.snapshot(platform.clock().instant(), book.exposures(), platform.node()))
      .onFailure(e -> LOG.warn("hedger: exposure snapshot not taken: {}", e.toString()));
  }

  private void recompute() {
    if (lock.held()) {
      toxicity.run().onFailure(e -> LOG.warn("toxicity not recomputed: {}", e.toString()));
    }
  }

  private void exposureView(Message<JsonObject> m) {
    Future.all(hedger.look(), store.houseRealized(settings.houseAccount()))
      .map(all -> ExposureView.of(all.resultAt(0), all.resultAt(1), settings.houseAccount(), platform.node(),
          platform.clock().instant())
        .put("shards", platform.config().dealing().shards()).put("shardsReporting", hedger.shardsReporting()))
      .onSuccess(m::reply)
      .onFailure(e -> m.fail(503, "exposure unavailable: " + e.getMessage()));
  }
}
