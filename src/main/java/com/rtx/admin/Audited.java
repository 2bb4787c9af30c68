package com.rtx.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.util.function.Function;

/**
 * Runs a database change and writes its audit row in one transaction: either both commit or
 * neither does. The work returns the state before and after (the audit row's JSON) and the reply.
 */
final class Audited {

  /** What a change did: before and after for the audit row, the target id when only known now, the reply. */
  record Change(JsonObject before, JsonObject after, Object targetId, AdminReply reply) {
    Change(JsonObject before, JsonObject after, AdminReply reply) {
      this(before, after, null, reply);
    }
  }

  private final Pool pool;
  private final AuditLog audit;

  Audited(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  Future<AdminReply> change(AuditEntry entry, Function<SqlConnection, Future<Change>> work) {
    return pool.withTransaction(conn -> work.apply(conn).compose(change -> {
      AuditEntry row = entry.change(change.before(), change.after());
      if (change.targetId() != null) {
        row = row.target(entry.targetType(), change.targetId());
      }
      return audit.append(conn, row).map(id -> change.reply());
    }));
  }

  AuditLog log() {
    return audit;
  }
}
