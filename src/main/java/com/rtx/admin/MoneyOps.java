package com.rtx.admin;

import com.rtx.core.trading.RejectReason;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Deposits, withdrawals, credit and corrections. The ledger entry is dealing's (the account's
 * shard applies {@code deposit|withdraw|credit|adjust} and commits it with the balance), so the
 * audit row is written once the shard has answered, with the balance before and after. A change
 * {@link FourEyesLimits} does not let through alone (above {@code admin.four-eyes-amount}, above a
 * daily limit, or by a role without {@value FourEyesLimits#DIRECT}) is stored as a PENDING request
 * instead, applied only when another staff member with {@code balance.approve} approves it.
 */
final class MoneyOps implements AdminOperations {

  private final Pool pool;
  private final Audited audited;
  private final DealingClient dealing;
  private final Clock clock;
  private final FourEyesLimits fourEyes;

  MoneyOps(Pool pool, Audited audited, DealingClient dealing, Clock clock, FourEyesLimits fourEyes) {
    this.pool = pool;
    this.audited = audited;
    this.dealing = dealing;
    this.clock = clock;
    this.fourEyes = fourEyes;
  }

  @Override
  public void register(Map<String, AdminHandler> handlers) {
    handlers.put("adjustBalance", this::adjust);
    handlers.put("listBalanceRequests", (req, actor) -> list(req));
    handlers.put("approveBalanceRequest", this::approve);
    handlers.put("rejectBalanceRequest", this::reject);
  }

  private Future<AdminReply> adjust(AdminRequest req, Actor actor) {
    long accountId = req.pathLong("accountId");
    String type = req.body().getString("type");
    BigDecimal amount = new BigDecimal(req.body().getString("amount"));
    String reason = req.body().getString("reason");
    if ((type.equals("DEPOSIT") || type.equals("WITHDRAWAL")) && amount.signum() <= 0
      || amount.signum() == 0) {
      return Future.failedFuture(new AdminException(RejectReason.INVALID_AMOUNT,
        "amount must be positive for deposits and withdrawals, and never zero", "amount"));
    }
    return AccountOps.account(pool, accountId).compose(account -> {
      String currency = account.getString("currency");
      return fourEyes.reserve(actor, accountId, currency, amount).compose(needsApproval -> {
        if (needsApproval != null) {
          return requestApproval(req, actor, accountId, type, amount, reason, needsApproval);
        }
        return apply(req, actor, "adjustBalance", accountId, type, amount, reason, actor.username())
          .compose(reply -> refusedByDealing(reply)
            ? fourEyes.release(actor, accountId, currency, amount).map(reply) : Future.succeededFuture(reply))
          .map(DealingClient::toReply);
      });
    });
  }

  /** Dealing said no (4xx): nothing moved. A 5xx may mean "did not answer", so the outcome is unknown. */
  private static boolean refusedByDealing(JsonObject reply) {
    int status = reply.getInteger("httpStatus", 200);
    return status >= 400 && status < 500;
  }

  private Future<AdminReply> requestApproval(AdminRequest req, Actor actor, long accountId, String type, BigDecimal amount,
                                             String reason, String why) {
    return audited.change(AuditEntry.of(clock.instant(), req, actor, "adjustBalance", AuditEntry.PENDING)
        .target("account", accountId),
      conn -> conn.preparedQuery("INSERT INTO balance_request (account_id, type, amount, reason, status, requested_by, "
          + "requested_at) VALUES ($1, $2, $3, $4, 'PENDING', $5, $6) RETURNING id")
        .execute(Tuple.of(accountId, type, amount, reason, actor.staffId(), clock.instant().atOffset(ZoneOffset.UTC)))
        .map(rows -> {
          JsonObject pending = new JsonObject().put("requestId", rows.iterator().next().getLong("id"))
            .put("status", "PENDING").put("accountId", accountId).put("type", type).put("amount", amount.toPlainString())
            .put("reason", reason).put("message", why + ": another staff member must approve it");
          return new Audited.Change(null, pending, AdminReply.status(202, pending));
        }));
  }

  /** Sends the balance operation to dealing and audits the outcome with the balance before and after. */
  private Future<JsonObject> apply(AdminRequest req, Actor actor, String action, long accountId, String type,
                                   BigDecimal amount, String reason, String requestedBy) {
    String op = switch (type) {
      case "DEPOSIT" -> "deposit";
      case "WITHDRAWAL" -> "withdraw";
      case "CREDIT" -> "credit";
      default -> "adjust";
    };
    return AccountOps.account(pool, accountId).compose(before -> {
      JsonObject beforeJson = new JsonObject().put("balanceMinor", before.getLong("balanceMinor"))
        .put("creditMinor", before.getLong("creditMinor"));
      JsonObject requested = new JsonObject().put("type", type).put("amount", amount.toPlainString()).put("reason", reason);
      AuditEntry pending = AuditEntry.of(clock.instant(), req, actor, action, AuditEntry.OK).target("account", accountId)
        .change(beforeJson, requested);
      // Dealing commits the audit row with the ledger entry, in one transaction (AuditEntry.toDealing).
      return dealing.send(accountId, new JsonObject().put("op", op).put("amount", amount.toPlainString())
          .put("comment", reason + " [staff " + requestedBy + "]").put("audit", pending.toDealing()))
        .compose(reply -> {
          if (reply.getBoolean("audited", false)) {
            return Future.succeededFuture(reply);
          }
          boolean ok = DealingClient.ok(reply);
          JsonObject summary = reply.getJsonObject("account");
          JsonObject after = requested.copy()
            .put("balance", summary == null ? null : summary.getValue("balance"))
            .put("credit", summary == null ? null : summary.getValue("credit"))
            .put("dealing", ok ? reply.getString("status") : reply.getValue("error", reply.getValue("reason")));
          AuditEntry entry = AuditEntry.of(clock.instant(), req, actor, action, ok ? AuditEntry.OK : AuditEntry.FAILED)
            .target("account", accountId).change(beforeJson, after);
          return audited.log().append(entry).map(id -> reply);
        });
    });
  }

  private Future<AdminReply> approve(AdminRequest req, Actor actor) {
    long id = req.pathLong("requestId");
    return claim(id, actor, "APPROVED").compose(row -> apply(req, actor, "approveBalanceRequest", row.getLong("account_id"),
        row.getString("type"), row.getBigDecimal("amount"), row.getString("reason"), "request " + id)
      .compose(reply -> pool.preparedQuery("UPDATE balance_request SET status = $2, result = $3 WHERE id = $1")
        .execute(Tuple.of(id, DealingClient.ok(reply) ? "APPROVED" : "FAILED", reply))
        .map(v -> DealingClient.toReply(reply.copy().put("requestId", id)))));
  }

  private Future<AdminReply> reject(AdminRequest req, Actor actor) {
    long id = req.pathLong("requestId");
    return audited.change(AuditEntry.of(clock.instant(), req, actor, "rejectBalanceRequest", AuditEntry.OK)
        .target("balance_request", id),
      conn -> conn.preparedQuery("UPDATE balance_request SET status = 'REJECTED', decided_by = $2, decided_at = $3 "
          + "WHERE id = $1 AND status = 'PENDING' RETURNING *")
        .execute(Tuple.of(id, actor.staffId(), clock.instant().atOffset(ZoneOffset.UTC)))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(notPending(id))
          : Future.succeededFuture(new Audited.Change(new JsonObject().put("status", "PENDING"),
            new JsonObject().put("status", "REJECTED"), AdminReply.ok(json(rows.iterator().next()))))));
  }

  /**
   * Takes a PENDING request for the approver in one statement, so two approvers cannot both apply
   * it; the requester can never approve their own request.
   */
  private Future<Row> claim(long id, Actor actor, String status) {
    return pool.preparedQuery("UPDATE balance_request SET status = $3, decided_by = $2, decided_at = $4 "
        + "WHERE id = $1 AND status = 'PENDING' AND requested_by IS DISTINCT FROM $2 RETURNING *")
      .execute(Tuple.of(id, actor.staffId(), status, clock.instant().atOffset(ZoneOffset.UTC)))
      .compose(rows -> rows.size() > 0 ? Future.succeededFuture(rows.iterator().next())
        : pool.preparedQuery("SELECT requested_by, status FROM balance_request WHERE id = $1").execute(Tuple.of(id))
          .compose(found -> {
            if (found.size() == 0) {
              return Future.failedFuture(
                AdminException.notFound(ApiErrorCode.BALANCE_REQUEST_NOT_FOUND, "balance request", id, "requestId"));
            }
            Row row = found.iterator().next();
            if ("PENDING".equals(row.getString("status"))) {
              return Future.failedFuture(new AdminException(ApiErrorCode.FOUR_EYES_REQUIRED,
                "a request must be approved by someone other than its requester", null));
            }
            return Future.failedFuture(notPending(id));
          }));
  }

  private Future<AdminReply> list(AdminRequest req) {
    String status = req.query("status");
    return pool.preparedQuery("SELECT * FROM balance_request WHERE ($1::text IS NULL OR status = $1) ORDER BY id DESC LIMIT 500")
      .execute(Tuple.of(status)).map(rows -> {
        JsonArray list = new JsonArray();
        rows.forEach(r -> list.add(json(r)));
        return AdminReply.ok(new JsonObject().put("requests", list));
      });
  }

  private static AdminException notPending(long id) {
    return new AdminException(ApiErrorCode.REQUEST_NOT_PENDING, "balance request " + id + " is no longer pending", null);
  }

  private static JsonObject json(Row r) {
    return new JsonObject().put("requestId", r.getLong("id")).put("accountId", r.getLong("account_id"))
      .put("type", r.getString("type")).put("amount", r.getBigDecimal("amount").stripTrailingZeros().toPlainString())
      .put("reason", r.getString("reason")).put("status", r.getString("status"))
      .put("requestedBy", r.getLong("requested_by")).put("decidedBy", r.getLong("decided_by"))
      .put("result", r.getValue("result"));
  }
}
