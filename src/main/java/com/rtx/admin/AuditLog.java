package com.rtx.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash-chained audit log (table {@code audit_log}). Chaining happens in the database: the
 * insert trigger locks the chain head, numbers the row and stores
 * {@code sha256(previous hash || audit_canonical(row))}, so every writer on every node extends one
 * chain, and {@link #append} only has to insert in the caller's transaction — the audit row
 * commits or rolls back with the change it describes.
 *
 * <p>{@link #verify} recomputes every hash with the same {@code audit_canonical} function and
 * checks each row links to the one before (no row changed, removed or inserted) and the head
 * matches the last row (no tail cut off).
 */
final class AuditLog {

  private static final String ZERO_HASH = "00".repeat(32);

  private final Pool pool;

  AuditLog(Pool pool) {
    this.pool = pool;
  }

  /** Inserts {@code entry} through {@code conn} (the change's transaction); its id. */
  Future<Long> append(SqlClient conn, AuditEntry e) {
    Actor a = e.actor() == null ? Actor.ANONYMOUS : e.actor();
    return conn.preparedQuery("INSERT INTO audit_log (at, actor_id, actor_username, actor_role, action, outcome, "
        + "target_type, target_id, before, after, ip, user_agent, request_id, prev_hash, hash) "
        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, '\\x'::bytea, '\\x'::bytea) RETURNING id")
      .execute(Tuple.from(java.util.Arrays.asList(e.at().atOffset(ZoneOffset.UTC), a.staffId(), a.username(),
        a.role(), e.action(), e.outcome(), e.targetType(), e.targetId(),
        e.before(), e.after(), e.ip(), truncate(e.userAgent()),
        e.requestId())))
      .map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Inserts {@code entry} in a transaction of its own (security events with no change). */
  Future<Long> append(AuditEntry e) {
    return pool.withTransaction(conn -> append(conn, e));
  }

  /** Filters: actor, action, outcome, targetType, targetId, from, to, before (id); newest first. */
  Future<JsonObject> list(AdminRequest req) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE true");
    filter(where, args, "actor_username = $", req.query("actor"));
    filter(where, args, "action = $", req.query("action"));
    filter(where, args, "outcome = $", req.query("outcome"));
    filter(where, args, "target_type = $", req.query("targetType"));
    filter(where, args, "target_id = $", req.query("targetId"));
    filter(where, args, "at >= $", req.query("from") == null ? null : OffsetDateTime.parse(req.query("from")));
    filter(where, args, "at < $", req.query("to") == null ? null : OffsetDateTime.parse(req.query("to")));
    filter(where, args, "id < $", req.queryLong("before"));
    args.add(req.limit(100));
    String sql = "SELECT * FROM audit_log" + where + " ORDER BY id DESC LIMIT $" + args.size();
    return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> {
      JsonArray entries = new JsonArray();
      Long last = null;
      for (Row row : rows) {
        entries.add(json(row));
        last = row.getLong("id");
      }
      return new JsonObject().put("entries", entries).put("nextBefore", entries.size() == req.limit(100) ? last : null);
    });
  }

  /** {"status":"OK","rows":n} or {"status":"BROKEN","firstBrokenId":id,"problem":...}. */
  Future<JsonObject> verify() {
    // One pass in the database: each row's stored hash against its recomputed one, its prev_hash
    // against the previous row's hash, and its id against the previous id + 1.
    String sql = "SELECT id, problem FROM ("
      + " SELECT id, CASE"
      + "   WHEN id <> coalesce(lag(id) OVER w, 0) + 1 THEN 'a row before it is missing'"
      + "   WHEN prev_hash <> coalesce(lag(hash) OVER w, decode('" + ZERO_HASH + "', 'hex')) THEN 'prev_hash does not match the previous row'"
      + "   WHEN hash <> sha256(prev_hash || convert_to(audit_canonical(a), 'UTF8')) THEN 'content does not match its hash'"
      + "   END AS problem"
      + " FROM audit_log a WINDOW w AS (ORDER BY id)) checked"
      + " WHERE problem IS NOT NULL ORDER BY id LIMIT 1";
    return pool.query(sql).execute().compose(rows -> {
      if (rows.size() > 0) {
        Row broken = rows.iterator().next();
        return Future.succeededFuture(new JsonObject().put("status", "BROKEN").put("firstBrokenId", broken.getLong("id"))
          .put("problem", broken.getString("problem")));
      }
      return pool.query("SELECT h.last_id, h.last_hash, (SELECT count(*) FROM audit_log) AS n, "
          + "(SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS tail FROM audit_chain_head h").execute()
        .map(head -> {
          Row h = head.iterator().next();
          long n = h.getLong("n");
          boolean tailIntact = h.getLong("last_id") == n && (n == 0
            || HexFormat.of().formatHex(h.getBuffer("last_hash").getBytes()).equals(
            HexFormat.of().formatHex(h.getBuffer("tail").getBytes())));
          return tailIntact ? new JsonObject().put("status", "OK").put("rows", n)
            : new JsonObject().put("status", "BROKEN").put("firstBrokenId", n + 1)
              .put("problem", "rows after " + n + " are missing (the chain head is at " + h.getLong("last_id") + ")");
        });
    });
  }

  private static void filter(StringBuilder where, List<Object> args, String condition, Object value) {
    if (value != null) {
      args.add(value);
      where.append(" AND ").append(condition).append(args.size());
    }
  }

  private static JsonObject json(Row row) {
    return new JsonObject().put("id", row.getLong("id")).put("at", row.getOffsetDateTime("at").toInstant().toString())
      .put("actorId", row.getLong("actor_id")).put("actor", row.getString("actor_username"))
      .put("role", row.getString("actor_role")).put("action", row.getString("action"))
      .put("outcome", row.getString("outcome")).put("targetType", row.getString("target_type"))
      .put("targetId", row.getString("target_id")).put("before", row.getValue("before"))
      .put("after", row.getValue("after")).put("ip", row.getString("ip")).put("userAgent", row.getString("user_agent"))
      .put("requestId", row.getString("request_id"))
      .put("hash", HexFormat.of().formatHex(row.getBuffer("hash").getBytes()));
  }

  private static String truncate(String value) {
    return value == null || value.length() <= 512 ? value : value.substring(0, 512);
  }
}
