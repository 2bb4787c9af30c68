package com.rtx.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.AccountProfile;
import com.rtx.core.account.AccountStatus;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.OrderStatus;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dealing shard's PostgreSQL access: rebuilding its accounts at acquisition, loading an account
 * created since, finding earlier results of client order ids, and writing one group-commit batch
 * in one transaction.
 */
final class ShardStore implements DealingStore {

  private static final String ACCOUNT_COLUMNS = "id, group_name, currency, leverage, mode, status, balance, credit, "
    + "margin_call_active, last_rollover, version";

  private final Pool pool;
  private final int shards;
  private final int shard;
  private final String node;
  private final Clock clock;

  /** @param clock the engine's clock: each batch row carries the time its transaction was sent */
  ShardStore(Pool pool, int shards, int shard, String node, Clock clock) {
    this.pool = pool;
    this.shards = shards;
    this.shard = shard;
    this.node = node;
    this.clock = clock;
  }

  /** Every account of the shard with its open positions and pending orders. */
  /**
   * Open orders (followed by the accounts' condition), with, for those at an LP, the reports already
   * booked and the volume already filled: the row keeps the volume ordered, memory the volume still
   * at the LP after partial fills.
   */
  private static final String OPEN_ORDERS = "SELECT t.*, CASE WHEN t.status = 'SENT_TO_LP' THEN (SELECT "
    + "array_agg(e.lp || '/' || e.exec_id) FROM lp_execution e WHERE e.order_id = t.id AND e.account_id = t.account_id) "
    + "END AS booked_exec_ids, CASE WHEN t.status = 'SENT_TO_LP' THEN (SELECT coalesce(sum(d.volume), 0)::bigint FROM deal d "
    + "WHERE d.order_id = t.id AND d.account_id = t.account_id) ELSE 0 END AS filled_volume "
    + "FROM trade_order t WHERE t.status IN ('PENDING', 'SENT_TO_LP') AND t.";

  Future<Map<Long, StoredAccount>> loadShard() {
    String where = "account_id % $1 = $2";
    Tuple args = Tuple.of(shards, shard);
    Future<RowSet<Row>> accounts = pool.preparedQuery("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE id % $1 = $2")
      .execute(args);
    Future<RowSet<Row>> positions = pool.preparedQuery("SELECT * FROM position WHERE closed_at IS NULL AND " + where)
      .execute(args);
    Future<RowSet<Row>> orders = pool.preparedQuery(OPEN_ORDERS + where).execute(args);
    return Future.all(accounts, positions, orders)
      .map(all -> assemble(accounts.result(), positions.result(), orders.result()));
  }

  @Override
  public Future<Map<Long, StoredAccount>> loadAccounts(Collection<Long> ids) {
    Tuple args = Tuple.tuple().addArrayOfLong(ids.toArray(new Long[0]));
    Future<RowSet<Row>> accounts = pool.preparedQuery("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE id = ANY($1)")
      .execute(args);
    Future<RowSet<Row>> positions = pool.preparedQuery(
      "SELECT * FROM position WHERE closed_at IS NULL AND account_id = ANY($1)").execute(args);
    Future<RowSet<Row>> orders = pool.preparedQuery(OPEN_ORDERS + "account_id = ANY($1)").execute(args);
    return Future.all(accounts, positions, orders)
      .map(all -> assemble(accounts.result(), positions.result(), orders.result()));
  }

  /** The id counters of this shard, above every id in the tables. */
  Future<ShardIds> ids() {
    return pool.query("SELECT (SELECT coalesce(max(id), 0) FROM trade_order) AS o, "
        + "(SELECT coalesce(max(id), 0) FROM deal) AS d, (SELECT coalesce(max(id), 0) FROM position) AS p, "
        + "(SELECT coalesce(max(id), 0) FROM ledger_entry) AS l").execute()
      .map(rows -> {
        Row r = rows.iterator().next();
        return new ShardIds(shard, r.getLong("o"), r.getLong("d"), r.getLong("p"), r.getLong("l"));
      });
  }

  @Override
  public Future<Set<String>> recentRequestKeys(Instant since, int limit) {
    // order_request_created_at is a BRIN index: tiny and nearly free to keep on an append-only table.
    return pool.preparedQuery("SELECT account_id, client_order_id FROM order_request WHERE created_at > $1 "
        + "AND account_id % $2 = $3 ORDER BY created_at DESC LIMIT $4")
      .execute(Tuple.of(OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC), shards, shard, limit))
      .map(rows -> {
        Set<String> keys = new HashSet<>();
        rows.forEach(r -> keys.add(DealingStore.requestKey(r.getLong(0), r.getString(1))));
        return keys;
      });
  }

  @Override
  public Future<Map<String, JsonObject>> findRequests(List<Long> accountIds, List<String> clientOrderIds) {
    if (accountIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery("SELECT r.account_id, r.client_order_id, r.result FROM order_request r "
        + "JOIN unnest($1::bigint[], $2::varchar[]) AS k(a, c) ON r.account_id = k.a AND r.client_order_id = k.c")
      .execute(Tuple.tuple().addArrayOfLong(accountIds.toArray(new Long[0]))
        .addArrayOfString(clientOrderIds.toArray(new String[0])))
      .map(rows -> {
        Map<String, JsonObject> found = new HashMap<>();
        rows.forEach(r -> found.put(DealingStore.requestKey(r.getLong("account_id"), r.getString("client_order_id")),
          (JsonObject) r.getValue("result")));
        return found;
      });
  }

  @Override
  public Future<Long> write(ShardWrites w, int commands) {
    return pool.getConnection().compose(conn -> conn.begin()
      .compose(tx -> statements(conn, w, commands)
        .compose(batchId -> tx.commit()
          .<Long>map(v -> batchId)
          .recover(e -> Future.failedFuture(e instanceof PgException ? e : new CommitOutcomeUnknown(batchId, e))))
        .recover(e -> e instanceof CommitOutcomeUnknown ? Future.failedFuture(e) : rollback(tx, e)))
      .eventually(conn::close));
  }

  @Override
  public Future<Boolean> batchCommitted(long batchId) {
    return pool.preparedQuery("SELECT 1 FROM dealing_batch WHERE id = $1").execute(Tuple.of(batchId))
      .map(rows -> rows.size() == 1);
  }

  @Override
  public Future<Void> noteLpOrder(long orderId, String note) {
    return pool.preparedQuery("UPDATE trade_order SET lp_note = $2 WHERE id = $1 AND status = 'SENT_TO_LP'")
      .execute(Tuple.of(orderId, note)).mapEmpty();
  }

  @Override
  public Future<Void> stampReplies(List<Tuple> replied) {
    return pool.preparedQuery("UPDATE dealing_batch SET replied_at = $2 WHERE id = $1").executeBatch(replied).mapEmpty();
  }

  private static Future<Long> rollback(Transaction tx, Throwable cause) {
    return tx.rollback().transform(v -> Future.failedFuture(cause));
  }

  /**
   * The batch's statements, sent back to back (the client pipelines them on the connection): the
   * batch row first, whose id the other rows take through {@code currval}.
   */
  private Future<Long> statements(SqlConnection conn, ShardWrites w, int commands) {
    Future<Long> batchId = conn.preparedQuery(
        "INSERT INTO dealing_batch (shard, node, commands, committed_at) VALUES ($1, $2, $3, $4) RETURNING id")
      .execute(Tuple.of(shard, node, commands, ShardWrites.utc(clock.instant()))).map(rows -> rows.iterator().next().getLong(0));
    List<Future<?>> all = new ArrayList<>();
    all.add(batchId);
    List<Tuple> accounts = w.accountTuples();
    if (!accounts.isEmpty()) {
      all.add(conn.preparedQuery("UPDATE account SET balance = $2, credit = $3, status = $4, margin_call_active = $5, "
          + "last_rollover = $6, version = $7 WHERE id = $1 AND version = $8")
        .executeBatch(accounts).compose(rows -> versionsHeld(rows, accounts)));
    }
    batch(conn, all, "INSERT INTO trade_order (id, account_id, client_order_id, symbol, side, type, volume, price, "
      + "stop_limit_price, sl, tp, trailing_points, time_in_force, expire_at, position_id, triggered, status, "
      + "reject_reason, reject_detail, created_at, updated_at, lp_sent_at, lp_ack_at, lp, lp_cl_ord_id, route_rule, "
      + "route_reason, route_rule_version, batch_id, last_batch_id) VALUES "
      + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, "
      + "$24, $25, $26, $27, $28, currval('dealing_batch_id_seq'), currval('dealing_batch_id_seq')) "
      + "ON CONFLICT (id) DO UPDATE SET price = EXCLUDED.price, stop_limit_price = EXCLUDED.stop_limit_price, "
      + "sl = EXCLUDED.sl, tp = EXCLUDED.tp, trailing_points = EXCLUDED.trailing_points, "
      + "time_in_force = EXCLUDED.time_in_force, expire_at = EXCLUDED.expire_at, triggered = EXCLUDED.triggered, "
      + "status = EXCLUDED.status, reject_reason = EXCLUDED.reject_reason, reject_detail = EXCLUDED.reject_detail, "
      + "updated_at = EXCLUDED.updated_at, last_batch_id = EXCLUDED.last_batch_id, lp_sent_at = coalesce(trade_order.lp_sent_at, EXCLUDED.lp_sent_at), "
      + "lp_ack_at = coalesce(trade_order.lp_ack_at, EXCLUDED.lp_ack_at), lp = coalesce(EXCLUDED.lp, trade_order.lp), "
      + "lp_cl_ord_id = coalesce(EXCLUDED.lp_cl_ord_id, trade_order.lp_cl_ord_id), "
      + "route_rule = coalesce(EXCLUDED.route_rule, trade_order.route_rule), "
      + "route_reason = coalesce(EXCLUDED.route_reason, trade_order.route_reason), "
      + "route_rule_version = coalesce(EXCLUDED.route_rule_version, trade_order.route_rule_version)", w.orders());
    batch(conn, all, "INSERT INTO position (id, account_id, symbol, side, volume, open_price, opened_at, sl, tp, "
      + "trailing_points, swap, closed_at, close_deal_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
      + "ON CONFLICT (id) DO UPDATE SET side = EXCLUDED.side, volume = EXCLUDED.volume, "
      + "open_price = EXCLUDED.open_price, sl = EXCLUDED.sl, tp = EXCLUDED.tp, "
      + "trailing_points = EXCLUDED.trailing_points, swap = EXCLUDED.swap, closed_at = EXCLUDED.closed_at, "
      + "close_deal_id = EXCLUDED.close_deal_id", w.positions());
    batch(conn, all, "INSERT INTO deal (id, account_id, order_id, position_id, symbol, side, volume, price, entry, "
      + "reason, realized_pnl, commission, time, quote, batch_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
      + "$12, $13, $14, currval('dealing_batch_id_seq'))", w.deals());
    batch(conn, all, "INSERT INTO ledger_entry (id, account_id, type, amount, balance_after, credit_after, deal_id, "
      + "position_id, time, comment, batch_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
      + "currval('dealing_batch_id_seq'))", w.ledger());
    batch(conn, all, "INSERT INTO stop_out (account_id, time, group_version, evidence) VALUES ($1, $2, $3, $4)",
      w.stopOuts());
    batch(conn, all, "INSERT INTO equity_snapshot (account_id, trade_date, taken_at, balance, credit, equity, margin) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (account_id, trade_date) DO NOTHING", w.snapshots());
    batch(conn, all, "INSERT INTO order_request (account_id, client_order_id, result, created_at, batch_id) "
      + "VALUES ($1, $2, $3, $4, currval('dealing_batch_id_seq'))", w.requests());
    batch(conn, all, "UPDATE trade_order SET lp = coalesce($2, lp), lp_cl_ord_id = coalesce($3, lp_cl_ord_id), "
      + "route_rule = coalesce($4, route_rule), route_reason = coalesce($5, route_reason), "
      + "route_rule_version = coalesce($6, route_rule_version) WHERE id = $1", w.orderRoutes());
    batch(conn, all, "INSERT INTO lp_execution (lp, exec_id, account_id, order_id, report, received_at, batch_id) "
      + "VALUES ($1, $2, $3, $4, $5, $6, currval('dealing_batch_id_seq'))", w.executions());
    batch(conn, all, "UPDATE order_request SET result = $3 WHERE account_id = $1 AND client_order_id = $2",
      w.requestUpdates());
    batch(conn, all, "UPDATE deal SET lp_markup = $2 WHERE id = $1", w.lpMarkups());
    batch(conn, all, "UPDATE dealing_batch SET replied_at = $2 WHERE id = $1", w.replied());
    // The audit chain's trigger numbers and hashes the row (and serialises writers on its chain head).
    batch(conn, all, "INSERT INTO audit_log (at, actor_id, actor_username, actor_role, action, outcome, target_type, "
      + "target_id, before, after, ip, user_agent, request_id, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, 'OK', $6, $7, "
      + "$8, $9, $10, $11, $12, '\\x'::bytea, '\\x'::bytea)", w.audits());
    return Future.all(all).map(v -> batchId.result());
  }

  private static void batch(SqlConnection conn, List<Future<?>> all, String sql, List<Tuple> rows) {
    if (!rows.isEmpty()) {
      all.add(conn.preparedQuery(sql).executeBatch(rows));
    }
  }

  private static Future<Void> versionsHeld(RowSet<Row> result, List<Tuple> accounts) {
    RowSet<Row> rs = result;
    for (Tuple account : accounts) {
      if (rs == null || rs.rowCount() != 1) {
        return Future.failedFuture(new VersionConflict(account.getLong(0)));
      }
      rs = rs.next();
    }
    return Future.succeededFuture();
  }

  private static Set<String> bookedExecIds(Row r) {
    String[] ids = r.getArrayOfStrings("booked_exec_ids");
    return ids == null ? Set.of() : Set.of(ids);
  }

  private static Map<Long, StoredAccount> assemble(RowSet<Row> accountRows, RowSet<Row> positionRows,
                                                   RowSet<Row> orderRows) {
    Map<Long, Map<Long, Position>> positions = new HashMap<>();
    positionRows.forEach(r -> {
      Position p = position(r);
      positions.computeIfAbsent(p.accountId(), k -> new HashMap<>()).put(p.id(), p);
    });
    Map<Long, Map<Long, Order>> orders = new HashMap<>();
    Map<Long, Map<Long, Order>> lpOrders = new HashMap<>();
    Map<Long, Map<Long, LpRoute>> lpRoutes = new HashMap<>();
    orderRows.forEach(r -> {
      Order o = order(r);
      if (o.status() == OrderStatus.SENT_TO_LP) {
        o = new Order(o.id(), o.accountId(), o.clientOrderId(), o.symbol(), o.side(), o.type(),
          o.volume() - r.getLong("filled_volume"), o.price(), o.stopLimitPrice(), o.sl(), o.tp(), o.trailingPoints(),
          o.timeInForce(), o.expireAt(), o.positionId(), o.triggered(), o.status(), o.createdAt(), o.updatedAt());
        lpOrders.computeIfAbsent(o.accountId(), k -> new HashMap<>()).put(o.id(), o);
        lpRoutes.computeIfAbsent(o.accountId(), k -> new HashMap<>())
          .put(o.id(), new LpRoute(r.getString("lp"), r.getString("lp_cl_ord_id"), bookedExecIds(r)));
      } else {
        orders.computeIfAbsent(o.accountId(), k -> new HashMap<>()).put(o.id(), o);
      }
    });
    Map<Long, StoredAccount> result = new HashMap<>();
    accountRows.forEach(r -> {
      long id = r.getLong("id");
      AccountProfile profile = new AccountProfile(id, r.getString("currency"), r.getInteger("leverage"),
        AccountMode.valueOf(r.getString("mode")), AccountStatus.valueOf(r.getString("status")),
        r.getString("group_name"));
      AccountState state = new AccountState(profile, r.getLong("balance"), r.getLong("credit"),
        positions.getOrDefault(id, Map.of()), orders.getOrDefault(id, Map.of()), r.getBoolean("margin_call_active"),
        r.getLong("version"), lpOrders.getOrDefault(id, Map.of()));
      result.put(id, new StoredAccount(state, r.getLocalDate("last_rollover"), lpRoutes.getOrDefault(id, Map.of())));
    });
    return result;
  }

  private static Position position(Row r) {
    return new Position(r.getLong("id"), r.getLong("account_id"), r.getString("symbol"), Side.valueOf(r.getString("side")),
      r.getLong("volume"), r.getBigDecimal("open_price"), instant(r.getOffsetDateTime("opened_at")), r.getLong("sl"),
      r.getLong("tp"), r.getLong("trailing_points"), r.getLong("swap"));
  }

  private static Order order(Row r) {
    return new Order(r.getLong("id"), r.getLong("account_id"), r.getString("client_order_id"), r.getString("symbol"),
      Side.valueOf(r.getString("side")), OrderType.valueOf(r.getString("type")), r.getLong("volume"),
      r.getLong("price"), r.getLong("stop_limit_price"), r.getLong("sl"), r.getLong("tp"),
      r.getLong("trailing_points"), TimeInForce.valueOf(r.getString("time_in_force")),
      instant(r.getOffsetDateTime("expire_at")), r.getLong("position_id"), r.getBoolean("triggered"),
      OrderStatus.valueOf(r.getString("status")), instant(r.getOffsetDateTime("created_at")),
      instant(r.getOffsetDateTime("updated_at")));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
