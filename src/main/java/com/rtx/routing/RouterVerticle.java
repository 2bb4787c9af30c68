package com.rtx.routing;

import com.rtx.bus.Addresses;
import com.rtx.core.routing.ExecutionProfile;
import com.rtx.platform.Platform;
import com.rtx.bus.LpStatus;
import com.rtx.bus.RouterAddresses;
import com.rtx.core.market.LpDialect;
import com.rtx.platform.config.RtxConfig;
import com.rtx.platform.config.RouterConfig;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code router} role: the FIX adapter between dealing shards and LPs (contract on
 * {@link RouterAddresses}). Holds the trade session of every LP whose advisory lock it wins
 * ({@link TradeSessions}), sends what dealing asks on {@value RouterAddresses#ORDERS} and hands
 * every ExecutionReport to the account's shard ({@link ReportDelivery}). LP states go to
 * {@value RouterAddresses#LP_STATUS}, to the {@code dependencies/router} health check and to the
 * gauges {@code rtx_router_lp_held{lp}} and {@code rtx_router_lp_logged_on{lp}}.
 *
 * <p>A standard verticle: its state changes on its event loop only; QuickFIX/J callbacks are
 * handed there, and blocking FIX calls (start, stop, send with its file store write) run as
 * ordered blocking tasks, which also keeps sends in request order.
 */
public final class RouterVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RouterVerticle.class);

  private final Platform platform;
  private final RouterConfig settings;
  private final RouterRepository repository;
  private final Map<String, TradeLp> lps = new ConcurrentHashMap<>();
  private final Map<String, Boolean> gauges = new ConcurrentHashMap<>();
  private final List<Long> timers = new ArrayList<>();
  private volatile Map<String, BigDecimal> contractSizes = Map.of();
  private volatile Map<String, Integer> digits = Map.of();
  /** The last report handed on: the next waits for it (on the verticle's context only). */
  private Future<Void> reportsInOrder = Future.succeededFuture();
  /** How each LP names symbols and counts quantities; an LP missing here speaks the platform's way. */
  private volatile Map<String, LpDialect> dialects = Map.of();
  private TradeSessions sessions;
  private ReportDelivery delivery;
  private LpReconciler reconciler;
  private long unroutable;
  /** LPs that refused an OrderStatusRequest, with their words: they are not asked again (until a restart). */
  private final Map<String, String> statusRefusals = new ConcurrentHashMap<>();
  /** Blue-green idle colour: hold no LP session (see RtxConfig.standby). */
  private boolean standby;

  public RouterVerticle(Platform platform) {
    this.platform = platform;
    this.settings = platform.config().router();
    this.repository = new RouterRepository(platform.pool());
  }

  @Override
  public Future<?> start() {
    delivery = new ReportDelivery(vertx, platform.config().dealing().shards(), settings.reportTimeoutMs(),
      settings.reportRetryMaxMs());
    sessions = new TradeSessions(vertx, context, platform, new FixSessionStore(platform.pgConnect(), 4), new Events(),
      this::publish, this::sendHere);
    reconciler = new LpReconciler(vertx, new ReconciliationStore(platform.pool()), platform.metrics(),
      platform.clock(), settings.reconcileTimeoutMs(), settings.reconcileRepairMaxLots(), sessions::send,
      () -> contractSizes, new Counterparties());
    return reload().onSuccess(v -> {
      vertx.eventBus().<JsonObject>consumer(RouterAddresses.ORDERS, this::onOrder);
      vertx.eventBus().<JsonObject>consumer(Addresses.REFDATA_CHANGED, m -> reload()
        .onFailure(e -> LOG.warn("router: reference data reload failed: {}", e.getMessage())));
      registerHealth();
      standby = platform.config().standby();
      vertx.eventBus().<JsonObject>consumer(Addresses.CONFIG_CHANGED, m -> standbyChanged(m.body()));
      timers.add(vertx.setPeriodic(settings.acquireIntervalMs(), id -> {
        if (!standby) {
          sessions.acquire(lps.values());
        }
      }));
      timers.add(vertx.setPeriodic(settings.lockCheckMs(), id -> sessions.checkLocks()));
      timers.add(vertx.setPeriodic(settings.statusPublishMs(), id -> publishAll()));
      timers.add(vertx.setPeriodic(settings.reconcileIntervalMs(), id -> reconcileAll()));
      if (!standby) {
        sessions.acquire(lps.values());
      }
      LOG.info("router: {} LP row(s), FIX session store in PostgreSQL ({}), node {}{}", lps.size(),
        FixSessionStore.SESSIONS_TABLE, platform.node(),
        standby ? " (standby)" : "");
    });
  }

  /** One reconciliation run for every LP whose trade session is held here and logged on. */
  private void reconcileAll() {
    sessions.states().forEach((lp, state) -> {
      if ("LOGGED_ON".equals(state)) {
        reconciler.reconcile(lp);
      }
    });
  }

  /** The live colour switched: the idle colour logs its LP sessions out and releases them. */
  private void standbyChanged(JsonObject change) {
    JsonObject config = change.getJsonObject("config", new JsonObject());
    JsonObject deployment = config.getJsonObject("deployment", new JsonObject());
    boolean next = RtxConfig.standby(Boolean.parseBoolean(String.valueOf(config.getValue("standby", false))),
      deployment.getString("colour"), deployment.getString("live-colour"));
    if (next != standby) {
      standby = next;
      LOG.warn("router {}", standby ? "goes to standby: releasing every LP session" : "leaves standby");
      if (standby) {
        sessions.dropInactive(Map.of());
      } else {
        sessions.acquire(lps.values());
      }
    }
  }

  private Future<Void> reload() {
    return Future.all(repository.lps(), repository.contractSizes(), repository.digits(), repository.dialects())
      .map(all -> {
      Map<String, TradeLp> loaded = all.resultAt(0);
      contractSizes = all.resultAt(1);
      digits = all.resultAt(2);
      dialects = all.resultAt(3);
      lps.keySet().retainAll(loaded.keySet());
      lps.putAll(loaded);
      loaded.keySet().forEach(this::registerGauges);
      if (sessions != null) {
        sessions.dropInactive(lps);
      }
      return null;
    });
  }

  /** {@value RouterAddresses#ORDERS}: send on a session held here, or pass on to the node that holds it. */
  private void onOrder(Message<JsonObject> message) {
    String lp;
    try {
      lp = OrderCommands.lp(message.body());
    } catch (OrderCommands.Invalid e) {
      message.reply(notSent("INVALID", e.getMessage()));
      return;
    }
    TradeLp known = lps.get(lp);
    if (known == null) {
      message.reply(notSent("UNKNOWN_LP", "no LP named " + lp));
    } else if (!known.active()) {
      message.reply(notSent("LP_DOWN", lp + " is disabled for trading"));
    } else if (sessions.holds(lp)) {
      sendHere(message);
    } else {
      vertx.eventBus().<JsonObject>request(RouterAddresses.lp(lp), message.body(),
          new DeliveryOptions().setSendTimeout(settings.reportTimeoutMs()))
        .onSuccess(reply -> message.reply(reply.body()))
        .onFailure(e -> message.reply(notSent("LP_DOWN", "no router node holds " + lp + "'s session: "
          + e.getMessage())));
    }
  }

  /** The consumer of {@code rtx.router.lp.<LP>} (registered while this node holds the LP) and the local path. */
  void sendHere(Message<JsonObject> message) {
    JsonObject body = message.body();
    String lp = body.getString("lp");
    TradeLp known = lps.get(lp);
    ExecutionProfile profile = known == null ? null : known.profile().orElse(null);
    if (profile == null) {
      message.reply(notSent("UNSUPPORTED", lp + "'s execution profile cannot be read: nothing is sent to it"));
      return;
    }
    String refusal = !"status".equals(body.getString("type")) ? null
      : !profile.statusRequests() ? "its execution profile says so" : statusRefusals.get(lp);
    if (refusal != null) {
      message.reply(notSent("STATUS_UNSUPPORTED", lp + " does not answer status requests: " + refusal));
      return;
    }
    quickfix.Message fix;
    try {
      fix = OrderCommands.toFix(body, contractSizes, dialect(lp), profile, digits, platform.clock().instant());
    } catch (OrderCommands.Invalid e) {
      message.reply(notSent("INVALID", e.getMessage()));
      return;
    } catch (OrderCommands.Unsupported e) {
      message.reply(notSent("UNSUPPORTED", e.getMessage()));
      return;
    }
    sessions.send(lp, fix).onComplete(sent -> {
      if (sent.succeeded() && sent.result()) {
        message.reply(new JsonObject().put("sent", true));
      } else {
        message.reply(notSent("LP_DOWN", sent.failed() ? sent.cause().getMessage()
          : lp + "'s trade session is not logged on"));
      }
    });
  }

  private LpDialect dialect(String lp) {
    return dialects.getOrDefault(lp, LpDialect.STANDARD);
  }

  /** The LPs as reconciliation needs them: read at the moment of use, so setting changes apply. */
  private final class Counterparties implements LpReconciler.Counterparties {
    @Override
    public LpDialect dialect(String lp) {
      return RouterVerticle.this.dialect(lp);
    }

    @Override
    public java.util.Optional<ExecutionProfile> profile(String lp) {
      TradeLp known = lps.get(lp);
      return known == null ? java.util.Optional.empty() : known.profile();
    }

    @Override
    public boolean answersStatus(String lp) {
      return profile(lp).map(ExecutionProfile::statusRequests).orElse(false) && !statusRefusals.containsKey(lp);
    }

    @Override
    public int digits(String symbol) {
      return digits.getOrDefault(symbol, 5);
    }

    /**
     * The aggregated quote pricing keeps in Redis ({@link com.rtx.bus.QuoteMessages#redisKey}, expiring
     * after pricing.stale-ms): read once per repair to a limit-only LP, never on the order path.
     */
    @Override
    public Future<BigDecimal> quoted(String symbol, boolean buy) {
      return platform.redis().get(com.rtx.bus.QuoteMessages.redisKey(symbol)).map(value -> {
        if (value == null) {
          return null;
        }
        JsonObject quote = new JsonObject(value.toString());
        String price = quote.getString(buy ? "ask" : "bid");
        return "OK".equals(quote.getString("status")) && price != null ? new BigDecimal(price) : null;
      });
    }
  }

  /**
   * The platform symbol a report is about: the LP's Symbol mapped back through its dialect, or —
   * when the report leaves Symbol out — the symbol of the order its ClOrdID names, from
   * PostgreSQL (reports keep their order: see {@code reportsInOrder}).
   */
  private Future<java.util.Optional<String>> reportSymbol(ExecutionReports.Report report) {
    if (report.symbol() != null) {
      return Future.succeededFuture(dialect(report.lp()).symbol(report.symbol()));
    }
    return RouterAddresses.parse(report.clOrdId())
      .map(ref -> repository.orderSymbol(ref.accountId(), ref.orderId()))
      .orElse(Future.succeededFuture(java.util.Optional.empty()));
  }

  private static JsonObject notSent(String reason, String text) {
    return new JsonObject().put("sent", false).put("reason", reason).put("message", text);
  }

  private void publish(String lp, String state) {
    vertx.eventBus().publish(RouterAddresses.LP_STATUS, new LpStatus(lp, state, platform.node()).toJson());
  }

  private void publishAll() {
    sessions.states().forEach(this::publish);
    lps.values().stream().filter(lp -> !lp.active()).forEach(lp -> publish(lp.name(), "DISABLED"));
  }

  /** Session events, already on this verticle's context. */
  private final class Events implements LpTradeSession.Listener {
    @Override
    public void onLogon(String lp) {
      LOG.info("LP {} trade session logged on", lp);
      sessions.changed(lp, true);
      // After a reconnect the LP may hold fills the platform never heard of (or the reverse).
      reconciler.reconcile(lp);
    }

    @Override
    public void onLogout(String lp) {
      LOG.warn("LP {} trade session logged out", lp);
      sessions.changed(lp, false);
    }

    @Override
    public void onReport(ExecutionReports.Report report) {
      if (reconciler.onExecution(report)) {
        return;
      }
      // Chained so that a report waiting for its order's symbol is not overtaken by the next one.
      reportsInOrder = reportsInOrder.transform(v -> reportSymbol(report)).transform(symbol -> {
        LpDialect dialect = dialect(report.lp());
        String platformSymbol = symbol.succeeded() ? symbol.result().orElse(null) : null;
        BigDecimal size = platformSymbol == null ? null : contractSizes.get(platformSymbol);
        if (size == null) {
          LOG.error("LP {} reported on {} ({}), a symbol without a contract size: quantities sent as lots of 1",
            report.lp(), report.symbol(), report.clOrdId());
        }
        ExecutionReports.toShard(report, size == null ? null : platformSymbol, size == null ? BigDecimal.ONE : size,
            dialect)
          // The symbol the LP's report claims (its own name where it maps to none of ours): the shard books a
          // report only on the order it names, so a report whose symbol is not the order's scales nothing.
          .map(json -> report.symbol() == null ? json
            : json.put("symbol", platformSymbol != null ? platformSymbol : "LP:" + report.symbol()))
          .ifPresentOrElse(delivery::deliver, () -> {
            unroutable++;
            LOG.error("LP {} sent ExecutionReport {} for ClOrdID {}, which names no account and order: not routed",
              report.lp(), report.execId(), report.clOrdId());
          });
        return Future.<Void>succeededFuture();
      }).onFailure(e -> LOG.error("LP {} ExecutionReport {} for ClOrdID {} could not be read: {}", report.lp(),
        report.execId(), report.clOrdId(), e.toString()));
    }

    @Override
    public void onRefused(LpRefusals.Refusal refusal) {
      LOG.warn("LP {} refused message {} for ClOrdID {}: {}", refusal.lp(), refusal.msgType(), refusal.clOrdId(),
        refusal.text());
      if (reconciler.onRefused(refusal)) {
        return;
      }
      if (quickfix.field.MsgType.ORDER_STATUS_REQUEST.equals(refusal.msgType())) {
        statusRefusals.put(refusal.lp(), refusal.text());
      }
      ExecutionReports.refused(refusal).ifPresent(delivery::deliver);
    }

    @Override
    public void onPositions(PositionMessages.Answer answer) {
      reconciler.onAnswer(answer);
    }

    @Override
    public void onCancelReject(String lp, String clOrdId, String text) {
      // Not part of the shard contract: the order's own reports (or a status request) tell its state.
      LOG.warn("LP {} rejected cancel {}: {}", lp, clOrdId, text);
    }
  }

  private void registerGauges(String lp) {
    if (gauges.putIfAbsent(lp, true) != null) {
      return;
    }
    reconciler.register(lp);
    Gauge.builder("rtx.router.lp.held", this, v -> sessions != null && sessions.holds(lp) ? 1 : 0).tag("lp", lp)
      .description("Whether this node holds the LP's trade session (its advisory lock)").register(platform.metrics());
    Gauge.builder("rtx.router.lp.logged.on", this, v -> "LOGGED_ON".equals(sessions == null ? null
        : sessions.states().get(lp)) ? 1 : 0).tag("lp", lp)
      .description("Whether the LP's trade session held by this node is logged on").register(platform.metrics());
  }

  private void registerHealth() {
    Gauge.builder("rtx.router.reports.pending", this, v -> delivery.pending())
      .description("Execution reports not yet acknowledged by their dealing shard").register(platform.metrics());
    platform.health().checks().register("dependencies/router", settings.lockCheckMs() * 2,
      promise -> context.runOnContext(v -> promise.complete(health())));
  }

  private Status health() {
    Map<String, String> states = sessions.states();
    JsonObject perLp = new JsonObject();
    boolean allUp = true;
    for (TradeLp lp : lps.values()) {
      String state = !lp.active() ? "DISABLED" : states.getOrDefault(lp.name(), "STANDBY");
      allUp &= !"LOGGED_OUT".equals(state);
      perLp.put(lp.name(), new JsonObject().put("state", state).put("heldHere", states.containsKey(lp.name()))
        .put("host", lp.host()).put("port", lp.port())
        .put("statusRequests", statusRefusals.containsKey(lp.name()) ? "REFUSED: " + statusRefusals.get(lp.name())
          : lp.profile().map(ExecutionProfile::statusRequests).orElse(true) ? "ANSWERED" : "NOT_ASKED (execution profile)")
        .put("executionProfile", lp.profile().map(p -> new JsonObject(p.toMap())).orElse(null)));
    }
    JsonObject details = new JsonObject().put("node", platform.node()).put("lockConnection", sessions.lockConnected())
      .put("lps", perLp).put("pendingReports", delivery.pending()).put("deliveredReports", delivery.delivered())
      .put("reportRetries", delivery.retries()).put("unroutableReports", unroutable);
    return allUp ? Status.OK(details) : Status.KO(details);
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    if (delivery != null) {
      delivery.close();
    }
    return sessions == null ? Future.succeededFuture() : sessions.close();
  }
}
