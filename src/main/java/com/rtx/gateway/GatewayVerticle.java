package com.rtx.gateway;

import com.rtx.auth.AccessTokens;
import com.rtx.auth.LoginThrottle;
import com.rtx.auth.PasswordHasher;
import com.rtx.auth.RefreshTokens;
import com.rtx.auth.SessionRevocations;
import com.rtx.auth.SigningKeys;
import com.rtx.auth.TraderAuth;
import com.rtx.auth.TokenRejected;
import com.rtx.auth.AccessTokenAuth;
import com.rtx.core.market.Instrument;
import com.rtx.execution.ExecutionRecords;
import com.rtx.execution.StopOutRecords;
import com.rtx.marketdata.BarRepository;
import com.rtx.bus.Addresses;
import com.rtx.platform.Platform;
import com.rtx.platform.PortInUseException;
import com.rtx.platform.health.EngineHealth;
import com.rtx.platform.health.PublicHealthHandler;
import com.rtx.platform.http.ApiErrorCode;
import com.rtx.refdata.ReferenceDataRepository;
import com.rtx.platform.config.AuthConfig;
import com.rtx.platform.config.Endpoint;
import com.rtx.platform.config.WsConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP front door ({@code http.host}:{@code http.port}): the UP/DOWN probes {@code /health/live}
 * and {@code /health/ready} (metrics and health details are on the management port), the traders'
 * REST API {@code /api/v1}
 * (auth, accounts, market data; built from its OpenAPI contract by {@link TraderApiRouter}), the
 * staff API {@code /api/admin/v1} (validated here, served by the admin role over the bus:
 * {@link AdminApiProxy}) and WebSocket ({@code /ws}). Stopping it stops accepting connections and lets in-flight requests finish
 * within {@code shutdown.grace-ms}.
 */
public final class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

  private final Platform platform;
  private HttpServer server;
  private volatile boolean stopping;
  private QuoteHub hub;
  private AccountHub accountHub;
  private WsEndpoint ws;
  private WsAdmission admission;
  private AccessTokens tokens;
  private AccountAccess access;
  private ClientAddress clients;
  private SessionRevocations revocations;
  private long purgeTimer = -1;

  /** How often each gateway deletes refresh tokens of long-ended sessions (idempotent across nodes). */
  private static final long PURGE_PERIOD_MS = 3_600_000;

  public GatewayVerticle(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Future<?> start() {
    ReferenceDataRepository refdata = new ReferenceDataRepository(platform.pool());
    return Future.all(refdata.instruments(), refdata.groupMarkups())
      .compose(loaded -> {
        Map<String, Instrument> instruments = new TreeMap<>(loaded.<Map<String, Instrument>>resultAt(0));
        instruments.values().removeIf(i -> !i.enabled());
        hub = new QuoteHub(vertx, platform.clock(), platform.config().pricing(), instruments,
          loaded.resultAt(1), platform.metrics());
        vertx.eventBus().consumer(Addresses.REFDATA_CHANGED, m -> Future.all(refdata.groupMarkups(), refdata.instruments())
          .onSuccess(fresh -> {
            hub.markupChanged(fresh.resultAt(0));
            Map<String, Instrument> enabled = new TreeMap<>(fresh.<Map<String, Instrument>>resultAt(1));
            enabled.values().removeIf(i -> !i.enabled());
            hub.instrumentsChanged(enabled);
          })
          .onFailure(e -> LOG.warn("could not reload reference data; quotes keep the previous: {}", e.getMessage())));
        return hub.start(platform.redis());
      })
      .compose(v -> vertx.executeBlocking(() -> SigningKeys.load(platform.config().auth(), platform.config().dataDir(),
        platform.config().pg().url().isEmpty()), false))
      .map(keys -> {
        tokens = new AccessTokens(vertx, keys, platform.clock(), platform.config().auth().accessTokenTtlS());
        access = new AccountAccess(platform.pool());
        clients = new ClientAddress(platform.config().trustedProxies());
        revocations = new SessionRevocations(vertx, platform.redis(), platform.pool(), platform.clock(),
          Duration.ofSeconds(platform.config().auth().accessTokenTtlS()));
        ws = webSocket();
        return keys;
      })
      .compose(keys -> revocations.loadRecent().map(n -> {
        LOG.info("{} session(s) revoked within the access-token lifetime remembered", n);
        return keys;
      }))
      .compose(keys -> Future.all(traderApi(keys), AdminApiProxy.create(vertx, AccessTokenAuth.staff(new AccessTokens(vertx,
        keys, platform.clock(), platform.config().auth().accessTokenTtlS(), AccessTokens.STAFF_AUDIENCE)), clients)))
      .compose(routers -> listen(routers.resultAt(0), routers.resultAt(1)));
  }

  /** {@code /ws}: quotes, and the account channel authenticated with the same tokens as REST. */
  private WsEndpoint webSocket() {
    accountHub = new AccountHub(vertx, platform.clock());
    WsConfig limits = platform.config().ws();
    WsAccountChannel accounts = new WsAccountChannel(vertx, platform.clock(), tokens, revocations, access, accountHub,
      platform.config().dealing().shards(), limits.maxSubscriptions());
    admission = WsAdmission.shared(vertx, limits.maxConnections(), limits.maxConnectionsPerIp(), platform.metrics(),
      clients);
    return new WsEndpoint(vertx, platform.clock(), limits, hub, accounts, revocations, platform.metrics(), admission);
  }

  /** The {@code /api/v1} router: auth, accounts and market data on the OpenAPI contract. */
  private Future<Router> traderApi(SigningKeys keys) {
    AuthConfig config = platform.config().auth();
    LoginThrottle throttle = new LoginThrottle(platform.redis(), new LoginThrottle.Limits(config.loginMaxFailures(),
      config.loginMaxFailuresPerIp(), Duration.ofSeconds(config.loginWindowS())), platform.clock(), platform.metrics());
    TraderAuth auth = new TraderAuth(platform.pool(), new PasswordHasher(vertx), tokens,
      new RefreshTokens(platform.pool(), revocations), throttle, platform.clock(), Duration.ofSeconds(config.refreshTokenTtlS()),
      revocations);
    purgeTimer = vertx.setPeriodic(PURGE_PERIOD_MS, id -> auth.purgeExpired()
      .onFailure(e -> LOG.warn("could not purge expired refresh tokens: {}", e.getMessage())));
    return TraderApiRouter.create(vertx, AccessTokenAuth.traders(tokens, revocations), List.of(
      new AuthApi(auth, keys, clients),
      new AccountsApi(platform.pool()),
      new HistoryApi(platform.pool(), access),
      new ExecutionApi(access, new ExecutionRecords(platform.pool()), new StopOutRecords(platform.pool())),
      new WithdrawalsApi(platform.pool(), access, platform.clock()),
      new TradingApi(vertx, access, platform.config().dealing().shards(),
        new OrderRateLimiter(platform.redis(), platform.config().dealing().orderRatePerS(), platform.clock(),
          platform.metrics()), platform.metrics()),
      new MarketDataApi(hub, new BarRepository(platform.pool()), platform.clock())));
  }

  private Future<HttpServer> listen(Router api, Router adminApi) {
    Endpoint http = platform.config().http();
    WsConfig limits = platform.config().ws();
    Router router = Router.router(vertx);
    router.route().handler(new RequestIdHandler());
    router.route().handler(new PercentEncodingCheck());
    router.route().handler(new FormsOnlyWithBodies());
    // Once stopping, a request that still reaches this instance (the port is shared by every
    // instance and stays open until the last one has drained) is refused at once, never started.
    router.route().handler(rc -> {
      if (stopping) {
        rc.response().putHeader("Connection", "close");
        rc.fail(new ApiException(ApiError.of(ApiErrorCode.SHUTTING_DOWN,
          "the engine is shutting down; retry on another node", null)));
      } else {
        rc.next();
      }
    });
    // Only UP/DOWN here: /metrics and the checks' details are on the management port.
    router.get("/health/live").handler(new PublicHealthHandler(platform.health(), EngineHealth.LIVE));
    router.get("/health/ready").handler(new PublicHealthHandler(platform.health(), EngineHealth.READY));
    Buffer contract = classpathResource("api/v1/openapi.yaml");
    router.get("/api/v1/openapi.yaml").handler(rc -> rc.response()
      .putHeader("Content-Type", "application/yaml").end(contract));
    router.route("/api/v1/*").handler(new PrivateResponses());
    router.route("/api/v1/*").subRouter(api);
    Buffer adminContract = classpathResource(AdminApiProxy.CONTRACT);
    router.get("/api/admin/v1/openapi.yaml").handler(rc -> rc.response()
      .putHeader("Content-Type", "application/yaml").end(adminContract));
    router.route("/api/admin/v1/*").handler(new SourceAllowList(platform.config().adminAllowCidrs(), clients));
    router.route("/api/admin/v1/*").subRouter(adminApi);
    // Connection caps before anything else of the upgrade (ws.max-connections, ws.max-connections-per-ip).
    router.get("/ws").handler(admission);
    router.get("/ws").handler(rc -> {
      String authorization = rc.request().getHeader("Authorization");
      String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).trim() : null;
      if (bearer == null) {
        rc.request().toWebSocket().onSuccess(socket -> ws.handle(socket, null)).onFailure(rc::fail);
        return;
      }
      // A token in the upgrade request is checked before upgrading: a refused one is a 401 like on
      // REST, not a socket that opens and then says no.
      rc.request().pause();
      tokens.verify(bearer).compose(revocations::live)
        .onSuccess(claims -> {
          if (claims.mustChangePassword()) {
            rc.fail(new ApiException(PasswordChangeGate.REQUIRED));
          } else {
            rc.request().toWebSocket().onSuccess(socket -> ws.handle(socket, bearer)).onFailure(rc::fail);
          }
        })
        .onFailure(e -> rc.fail(new ApiException(ApiError.of(ApiErrorCode.UNAUTHENTICATED,
          e instanceof TokenRejected ? e.getMessage() : "the access token could not be verified", null))));
    });
    ws.start();
    ApiErrorHandler errors = new ApiErrorHandler();
    // Every 4xx/5xx the router produces, not just the common ones, gets the one JSON shape.
    for (int status = 400; status < 600; status++) {
      router.errorHandler(status, errors);
    }
    server = vertx.createHttpServer(new HttpServerOptions().setHost(http.host()).setPort(http.port())
      .setMaxWebSocketMessageSize(limits.maxMessageBytes()).setMaxWebSocketFrameSize(limits.maxMessageBytes()));
    return server.requestHandler(router).listen()
      .onSuccess(s -> LOG.info("gateway listening on http://{}:{}", http.host(), s.actualPort()))
      .recover(e -> Future.failedFuture(PortInUseException.isBindFailure(e)
        ? new PortInUseException("http.port", http.host(), http.port(), e)
        : e));
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(purgeTimer);
    long graceMs = platform.config().shutdownGraceMs();
    if (ws != null) {
      ws.stop();
    }
    Future<Void> stopped = server == null ? Future.succeededFuture() : server.shutdown(graceMs, TimeUnit.MILLISECONDS);
    return stopped
      .compose(v -> accountHub == null ? Future.succeededFuture() : accountHub.stop())
      .compose(v -> hub == null ? Future.succeededFuture() : hub.stop());
  }

  /** Read once into memory: serving from the jar needs no file cache on a read-only filesystem. */
  private static Buffer classpathResource(String path) {
    try (var in = GatewayVerticle.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " missing from the jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
