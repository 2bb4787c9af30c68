package com.rtx.admin;

import com.rtx.auth.AccessTokens;
import com.rtx.auth.PasswordHasher;
import com.rtx.auth.SigningKeys;
import com.rtx.auth.SessionRevocations;
import com.rtx.bus.AdminAddresses;
import com.rtx.platform.Platform;
import com.rtx.platform.config.RtxConfig;
import com.rtx.platform.config.AdminConfig;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin role: consumes {@link AdminAddresses#API} (requests the gateway validated against
 * {@code api/admin/v1/openapi.yaml}), checks the operation's permission for the caller
 * ({@link StaffGuard}), runs the operation's handler and replies. Start fails when an operation of
 * the contract has no permission or no handler, so the contract and the code cannot drift apart.
 * Stateless: any number of nodes may run it.
 */
public final class AdminVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AdminVerticle.class);
  static final String CONTRACT = "api/admin/v1/openapi.yaml";

  private final Platform platform;
  private final Map<String, AdminHandler> handlers = new HashMap<>();
  private OperationPermissions permissions;
  private StaffGuard guard;
  private MessageConsumer<JsonObject> consumer;

  public AdminVerticle(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Future<?> start() {
    RtxConfig config = platform.config();
    return Future.all(OpenAPIContract.from(vertx, CONTRACT),
        vertx.executeBlocking(() -> SigningKeys.load(config.auth(), config.dataDir(), config.pg().url().isEmpty()), false),
        vertx.executeBlocking(() -> TotpSecrets.load(config), false))
      .compose(loaded -> {
        permissions = OperationPermissions.from(loaded.resultAt(0));
        wire(loaded.resultAt(1), loaded.resultAt(2));
        List<String> missing = permissions.operations().stream().filter(op -> !handlers.containsKey(op)).toList();
        if (!missing.isEmpty()) {
          return Future.failedFuture(new IllegalStateException("admin operations without a handler: " + missing));
        }
        consumer = vertx.eventBus().consumer(AdminAddresses.API, this::handle);
        return consumer.completion();
      })
      .onSuccess(v -> LOG.info("admin API serving {} operations", permissions.operations().size()));
  }

  private void wire(SigningKeys keys, TotpSecrets totpSecrets) {
    RtxConfig config = platform.config();
    AdminConfig settings = config.admin();
    AuditLog audit = new AuditLog(platform.pool());
    Audited audited = new Audited(platform.pool(), audit);
    guard = new StaffGuard(platform.pool(), audit, platform.clock());
    AccessTokens tokens = new AccessTokens(vertx, keys, platform.clock(), config.auth().accessTokenTtlS(),
      AccessTokens.STAFF_AUDIENCE);
    PasswordHasher hasher = new PasswordHasher(vertx);
    DealingClient dealing = new DealingClient(vertx, config.dealing().shards());
    StaffLockout lockout = new StaffLockout(platform.pool(), Duration.ofSeconds(settings.lockoutS()),
      platform.clock());
    List<AdminOperations> groups = List.of(
      new AuthOps(platform.pool(), audited, hasher, tokens,
        lockout, new Totp(platform.clock()), totpSecrets, platform.clock(),
        new AuthOps.Limits(settings.lockoutFailures(), Duration.ofSeconds(settings.lockoutS()), settings.loginMaxFailuresPerIp())),
      new StaffOps(platform.pool(), audited, hasher, platform.clock(), lockout),
      new AuditOps(audit, platform.clock()),
      new AccountOps(platform.pool(), audited, hasher, dealing, platform.clock(), new SessionRevocations(vertx,
        platform.redis(), platform.pool(), platform.clock(), Duration.ofSeconds(config.auth().accessTokenTtlS()))),
      new MoneyOps(platform.pool(), audited, dealing, platform.clock(), new FourEyesLimits(platform.pool(), platform.clock(),
        new FourEyesLimits.Limits(settings.fourEyesAmount(), settings.fourEyesStaffDaily(), settings.fourEyesAccountDaily()))),
      new DeskOps(vertx, platform.pool(), audited, dealing, platform.clock()),
      new RiskOps(vertx, platform.pool()),
      new SettingsOps(vertx, platform.pool(), audited, platform.clock(), settings.maxLeverage()),
      new ReportOps(platform.pool()),
      new ExecutionOps(platform.pool()));
    groups.forEach(g -> g.register(handlers));
  }

  private void handle(Message<JsonObject> message) {
    AdminRequest req;
    try {
      req = AdminRequest.of(message.body());
    } catch (RuntimeException e) {
      message.reply(AdminReply.error(new AdminException(ApiErrorCode.BAD_REQUEST, "malformed admin request", null)).toJson());
      return;
    }
    String permission = permissions.of(req.operationId());
    AdminHandler handler = handlers.get(req.operationId());
    if (permission == null || handler == null) {
      message.reply(AdminReply.error(new AdminException(ApiErrorCode.NOT_FOUND,
        "no admin operation " + req.operationId(), null)).toJson());
      return;
    }
    if (message.body().getBoolean("authorizeOnly", false)) {
      // The gateway's contract refused the request; it asks only whether to say so or answer 403.
      guard.authorize(req, permission)
        .onSuccess(actor -> message.reply(AdminReply.noContent().toJson()))
        .onFailure(e -> message.reply(failure(req, e).toJson()));
      return;
    }
    guard.authorize(req, permission)
      .compose(actor -> {
        AdminException unstorable = StoredText.check(req);
        return unstorable != null ? Future.<AdminReply>failedFuture(unstorable) : handler.handle(req, actor);
      })
      .onSuccess(reply -> message.reply(reply.toJson()))
      .onFailure(e -> message.reply(failure(req, e).toJson()));
  }

  private static AdminReply failure(AdminRequest req, Throwable e) {
    if (e instanceof AdminException refused) {
      return AdminReply.error(refused);
    }
    if (e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
      return AdminReply.error(new AdminException(ApiErrorCode.ALREADY_EXISTS, "that already exists", null));
    }
    // Database text (messages, details with key values) never reaches a client: only our own
    // constraint and column names, which the schema and the contract already show.
    if (e instanceof io.vertx.pgclient.PgException pg && "23503".equals(pg.getSqlState())) {
      // A foreign key: a referenced setting does not exist, or one still in use would be removed.
      return AdminReply.error(new AdminException(ApiErrorCode.REFERENCE_CONFLICT, "refused by a reference between settings"
        + (pg.getConstraint() != null ? " (" + pg.getConstraint() + ")" : ""), null));
    }
    if (e instanceof io.vertx.pgclient.PgException pg && ("23514".equals(pg.getSqlState())
      || "23502".equals(pg.getSqlState()) || pg.getSqlState().startsWith("22"))) {
      LOG.info("admin operation {} refused by the database (request {}): {} {}", req.operationId(), req.requestId(),
        pg.getSqlState(), pg.getConstraint());
      return AdminReply.error(new AdminException(ApiErrorCode.INVALID_SETTING, "the values break a rule of the setting"
        + (pg.getConstraint() != null ? " (" + pg.getConstraint() + ")" : ""), pg.getColumn()));
    }
    LOG.error("admin operation {} failed (request {})", req.operationId(), req.requestId(), e);
    return AdminReply.error(new AdminException(ApiErrorCode.INTERNAL_ERROR,
        "internal error; quote the request id to support", null));
  }

  @Override
  public Future<?> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
