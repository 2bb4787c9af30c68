package com.rtx.admin;

import com.rtx.auth.PasswordHasher;
import com.rtx.auth.RefreshTokens;
import com.rtx.auth.SessionRevocations;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Traders and accounts. Creating rows is the admin role's (trader, account with zero balance:
 * dealing loads an account the first time a command reaches it); the trading status belongs to
 * dealing, so it is changed through the account's shard ({@code changeStatus}) and audited with the
 * shard's answer.
 */
final class AccountOps implements AdminOperations {

  static final String ACCOUNT_COLUMNS = "a.id, a.trader_id, t.username, a.group_name, a.currency, a.leverage, a.mode, "
    + "a.status, a.balance, a.credit, a.version";

  private final Pool pool;
  private final Audited audited;
  private final PasswordHasher hasher;
  private final DealingClient dealing;
  private final Clock clock;
  private final SessionRevocations revocations;

  AccountOps(Pool pool, Audited audited, PasswordHasher hasher, DealingClient dealing, Clock clock,
             SessionRevocations revocations) {
    this.revocations = revocations;
    this.pool = pool;
    this.audited = audited;
    this.hasher = hasher;
    this.dealing = dealing;
    this.clock = clock;
  }

  @Override
  public void register(Map<String, AdminHandler> handlers) {
    handlers.put("listAccounts", (req, actor) -> list(req));
    handlers.put("createTrader", this::createTrader);
    handlers.put("setAccountStatus", this::setStatus);
    handlers.put("moveAccountGroup", this::moveGroup);
    handlers.put("resetTraderPassword", this::resetTraderPassword);
  }

  private Future<AdminReply> list(AdminRequest req) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE true");
    if (req.queryLong("traderId") != null) {
      args.add(req.queryLong("traderId"));
      where.append(" AND a.trader_id = $").append(args.size());
    }
    if (req.query("group") != null) {
      args.add(req.query("group"));
      where.append(" AND a.group_name = $").append(args.size());
    }
    if (req.query("status") != null) {
      args.add(req.query("status"));
      where.append(" AND a.status = $").append(args.size());
    }
    args.add(req.limit(100));
    return pool.preparedQuery("SELECT " + ACCOUNT_COLUMNS + " FROM account a JOIN trader t ON t.id = a.trader_id"
        + where + " ORDER BY a.id LIMIT $" + args.size()).execute(Tuple.from(args))
      .map(rows -> {
        JsonArray accounts = new JsonArray();
        rows.forEach(r -> accounts.add(json(r)));
        return AdminReply.ok(new JsonObject().put("accounts", accounts));
      });
  }

  private Future<AdminReply> createTrader(AdminRequest req, Actor actor) {
    JsonObject body = req.body();
    return hasher.hash(body.getString("password")).compose(hash -> audited.change(
      AuditEntry.of(clock.instant(), req, actor, "createTrader", AuditEntry.OK).target("trader", null),
      conn -> conn.preparedQuery("SELECT currency, leverage FROM client_group WHERE name = $1")
        .execute(Tuple.of(body.getString("group")))
        .compose(groups -> {
          if (groups.size() == 0) {
            return Future.failedFuture(new AdminException(ApiErrorCode.UNKNOWN_GROUP,
                "no client group " + body.getString("group"),
              "group"));
          }
          Row group = groups.iterator().next();
          Integer leverage = body.getInteger("leverage");
          if (leverage != null && leverage > group.getInteger("leverage")) {
            // The group's leverage is the most an account of it gets: staff creating accounts cannot
            // hand out 1:1000 in a 1:100 group (the group is changed under groups.write, audited).
            return Future.failedFuture(new AdminException(ApiErrorCode.LEVERAGE_ABOVE_GROUP,
                "leverage may be at most the group's "
              + group.getInteger("leverage"), "leverage"));
          }
          // A password staff chose is temporary: the trader must change it at first login.
          return conn.preparedQuery("INSERT INTO trader (username, password_hash, must_change_password) "
              + "VALUES ($1, $2, true) RETURNING id")
            .execute(Tuple.of(body.getString("username"), hash))
            .compose(t -> conn.preparedQuery("INSERT INTO account (trader_id, group_name, currency, leverage, mode) "
                + "VALUES ($1, $2, $3, $4, $5) RETURNING id")
              .execute(Tuple.of(t.iterator().next().getLong("id"), body.getString("group"), group.getString("currency"),
                body.getInteger("leverage", group.getInteger("leverage")), body.getString("mode"))))
            .compose(a -> account(conn, a.iterator().next().getLong("id")));
        })
        .map(account -> {
          JsonObject after = new JsonObject().put("traderId", account.getLong("traderId"))
            .put("username", account.getString("username")).put("account", account);
          return new Audited.Change(null, after, account.getLong("traderId"), AdminReply.status(201, after));
        })));
  }

  private Future<AdminReply> setStatus(AdminRequest req, Actor actor) {
    long accountId = req.pathLong("accountId");
    String status = req.body().getString("status");
    return account(pool, accountId).compose(before -> dealing.send(accountId, new JsonObject().put("op", "changeStatus")
        .put("status", status))
      .compose(reply -> {
        boolean ok = DealingClient.ok(reply);
        AuditEntry entry = AuditEntry.of(clock.instant(), req, actor, "setAccountStatus", ok ? AuditEntry.OK : AuditEntry.FAILED)
          .target("account", accountId)
          .change(new JsonObject().put("status", before.getString("status")),
            new JsonObject().put("status", ok ? status : before.getString("status")).put("reason", req.body().getString("reason"))
              .put("dealing", reply.getValue("status", reply.getValue("error"))));
        return audited.log().append(entry).map(id -> DealingClient.toReply(reply));
      }));
  }

  /**
   * Moves the account's row to another group. Refused while it has open positions or pending
   * orders (margin and markup would change under them). Once committed, the account's shard is
   * asked to {@code reload} it (forget its in-memory state, so the next command reads the new group
   * from PostgreSQL); its answer is in the reply's {@code dealing}. Should an order slip in between
   * (the shard then answers 409 ACCOUNT_NOT_IDLE), the shard keeps the old group until the account
   * is idle and moved again, or the shard is restarted.
   */
  private Future<AdminReply> moveGroup(AdminRequest req, Actor actor) {
    long accountId = req.pathLong("accountId");
    String group = req.body().getString("group");
    return audited.change(AuditEntry.of(clock.instant(), req, actor, "moveAccountGroup", AuditEntry.OK)
        .target("account", accountId),
      conn -> account(conn, accountId).compose(before -> conn.preparedQuery(
            "SELECT (SELECT count(*) FROM position WHERE account_id = $1 AND closed_at IS NULL) "
              + "+ (SELECT count(*) FROM trade_order WHERE account_id = $1 AND status = 'PENDING') AS open, "
              + "EXISTS (SELECT 1 FROM client_group WHERE name = $2) AS known")
          .execute(Tuple.of(accountId, group))
          .compose(rows -> {
            Row row = rows.iterator().next();
            if (!row.getBoolean("known")) {
              return Future.failedFuture(new AdminException(ApiErrorCode.UNKNOWN_GROUP, "no client group " + group, "group"));
            }
            if (row.getLong("open") > 0) {
              return Future.failedFuture(new AdminException(ApiErrorCode.ACCOUNT_HAS_OPEN_TRADES,
                "close the account's positions and orders before moving it", null));
            }
            return conn.preparedQuery("UPDATE account SET group_name = $2 WHERE id = $1").execute(Tuple.of(accountId, group))
              .compose(v -> account(conn, accountId))
              .map(after -> new Audited.Change(new JsonObject().put("group", before.getString("group")),
                new JsonObject().put("group", group).put("reason", req.body().getString("reason")), AdminReply.ok(after)));
          })))
      .compose(moved -> dealing.send(accountId, new JsonObject().put("op", "reload"))
        .map(reloaded -> AdminReply.ok(((JsonObject) moved.body()).copy().put("dealing", reloaded))));
  }

  static Future<JsonObject> account(SqlClient client, long accountId) {
    return client.preparedQuery("SELECT " + ACCOUNT_COLUMNS + " FROM account a JOIN trader t ON t.id = a.trader_id "
        + "WHERE a.id = $1").execute(Tuple.of(accountId))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(AdminException.notFound(ApiErrorCode.ACCOUNT_NOT_FOUND, "account", accountId, "accountId"))
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  /** Money in minor units of the account currency, as stored. */
  static JsonObject json(Row r) {
    return new JsonObject().put("accountId", r.getLong("id")).put("traderId", r.getLong("trader_id"))
      .put("username", r.getString("username")).put("group", r.getString("group_name"))
      .put("currency", r.getString("currency")).put("leverage", r.getInteger("leverage")).put("mode", r.getString("mode"))
      .put("status", r.getString("status")).put("balanceMinor", r.getLong("balance")).put("creditMinor", r.getLong("credit"))
      .put("version", r.getLong("version"));
  }

  /**
   * A trader's forgotten password: a one-time password (in the reply only) replaces it and every
   * session of the trader ends at once: refresh tokens revoked in the same transaction, then, once
   * committed, their access tokens refused and open WebSockets closed ({@link SessionRevocations}).
   */
  private Future<AdminReply> resetTraderPassword(AdminRequest req, Actor actor) {
    long id = req.pathLong("traderId");
    String temporary = TemporaryPasswords.next();
    java.time.Instant now = clock.instant();
    List<UUID> ended = new ArrayList<>();
    return hasher.hash(temporary).compose(hash -> audited.change(
      AuditEntry.of(clock.instant(), req, actor, "resetTraderPassword", AuditEntry.OK).target("trader", id),
      conn -> conn.preparedQuery("UPDATE trader SET password_hash = $2, must_change_password = true WHERE id = $1 "
          + "RETURNING username, status")
        .execute(Tuple.of(id, hash))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(AdminException.notFound(ApiErrorCode.TRADER_NOT_FOUND,
            "trader", id, "traderId"))
          : RefreshTokens.revokeTraderSessions(conn, id, null, now).map(families -> {
            ended.addAll(families);
            return rows.iterator().next();
          }))
        .map(row -> {
          JsonObject trader = new JsonObject().put("traderId", id).put("username", row.getString("username"));
          return new Audited.Change(trader, trader.copy().put("passwordReset", true),
            AdminReply.ok(trader.copy().put("temporaryPassword", temporary)));
        })))
      .compose(reply -> revocations.revoke(ended).map(v -> reply));
  }
}
