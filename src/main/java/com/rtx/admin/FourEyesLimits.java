package com.rtx.admin;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Four eyes counted cumulatively (SECURITY.md invariant 4), so that splitting a large amount into
 * small ones does not avoid the second person. A balance change is applied without approval only
 * when all hold: the actor's role holds {@value #DIRECT}; its absolute amount is at most
 * {@code admin.four-eyes-amount}; and, added to what was moved without approval today (UTC), it
 * stays within {@code admin.four-eyes-staff-daily} for the staff member and
 * {@code admin.four-eyes-account-daily} for the account. Deposits, withdrawals, credit and
 * corrections all count, by absolute amount, per currency (an account's currency; amounts in
 * different currencies are never added up, so each limit applies per currency). Approved requests
 * do not count: a second person has looked at them.
 *
 * <p>Counters live in {@code balance_daily_total}. {@link #reserve} adds the amount in one
 * transaction that locks the account row, then the staff row ({@code FOR UPDATE}, always in that
 * order, so no deadlock): two parallel requests are serialised and cannot both slip under a limit.
 * A change dealing then refuses gives its amount back ({@link #release}); one whose outcome is
 * unknown (dealing did not answer) keeps it counted, erring towards a second person.
 */
final class FourEyesLimits {

  static final String DIRECT = "balance.adjust.direct";

  /** The settings, amounts in the account's currency. */
  record Limits(BigDecimal perOperation, BigDecimal staffDaily, BigDecimal accountDaily) {
  }

  private final Pool pool;
  private final Clock clock;
  private final Limits limits;

  FourEyesLimits(Pool pool, Clock clock, Limits limits) {
    this.pool = pool;
    this.clock = clock;
    this.limits = limits;
  }

  Limits limits() {
    return limits;
  }

  /**
   * Counts {@code amount} (absolute) for the actor and the account today, or leaves the counters as
   * they are and says why a second person is needed.
   *
   * @return null when counted (apply it now), else the reason the change must wait for approval
   */
  Future<String> reserve(Actor actor, long accountId, String currency, BigDecimal amount) {
    BigDecimal abs = amount.abs();
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return pool.withTransaction(conn -> conn.preparedQuery(
          "SELECT EXISTS (SELECT 1 FROM staff_role_permission WHERE role = $1 AND permission = $2) AS direct")
        .execute(Tuple.of(actor.role(), DIRECT))
        .compose(rows -> {
          if (!rows.iterator().next().getBoolean("direct")) {
            return Future.succeededFuture("role " + actor.role() + " needs a second person for every balance change");
          }
          if (abs.compareTo(limits.perOperation()) > 0) {
            return Future.succeededFuture("above the four-eyes amount " + limits.perOperation().toPlainString());
          }
          Tuple keys = Tuple.of(accountId, actor.staffId(), currency, day);
          return conn.preparedQuery("INSERT INTO balance_daily_total (scope, scope_id, currency, day) "
              + "VALUES ('ACCOUNT', $1, $3, $4), ('STAFF', $2, $3, $4) ON CONFLICT DO NOTHING").execute(keys)
            .compose(v -> conn.preparedQuery("SELECT scope, total FROM balance_daily_total WHERE currency = $3 AND day = $4 "
                + "AND ((scope = 'ACCOUNT' AND scope_id = $1) OR (scope = 'STAFF' AND scope_id = $2)) "
                + "ORDER BY scope FOR UPDATE").execute(keys))
            .compose(totals -> {
              String over = over(totals, abs, currency);
              if (over != null) {
                return Future.succeededFuture(over);
              }
              return add(conn, accountId, actor.staffId(), currency, day, abs).map(v -> (String) null);
            });
        }));
  }

  /**
   * Gives back a reserved amount dealing refused: one row per statement (each its own transaction),
   * so it never holds one counter while waiting for the other.
   */
  Future<Void> release(Actor actor, long accountId, String currency, BigDecimal amount) {
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    String sql = "UPDATE balance_daily_total SET total = greatest(total - $5, 0) "
      + "WHERE scope = $1 AND scope_id = $2 AND currency = $3 AND day = $4";
    return pool.preparedQuery(sql).execute(Tuple.of("ACCOUNT", accountId, currency, day, amount.abs()))
      .compose(v -> pool.preparedQuery(sql).execute(Tuple.of("STAFF", actor.staffId(), currency, day, amount.abs())))
      .mapEmpty();
  }

  private String over(Iterable<Row> totals, BigDecimal amount, String currency) {
    for (Row row : totals) {
      boolean staff = "STAFF".equals(row.getString("scope"));
      BigDecimal limit = staff ? limits.staffDaily() : limits.accountDaily();
      BigDecimal after = row.getBigDecimal("total").add(amount);
      if (after.compareTo(limit) > 0) {
        return (staff ? "the staff member's" : "the account's") + " balance changes without approval today would reach "
          + after.stripTrailingZeros().toPlainString() + " " + currency + ", above the daily limit of "
          + limit.toPlainString();
      }
    }
    return null;
  }

  /** Inside {@link #reserve}'s transaction, which already holds both rows. */
  private static Future<Void> add(io.vertx.sqlclient.SqlClient db, long accountId, long staffId, String currency,
                                  LocalDate day, BigDecimal delta) {
    return db.preparedQuery("UPDATE balance_daily_total SET total = total + $5 WHERE currency = $3 AND day = $4 "
        + "AND ((scope = 'ACCOUNT' AND scope_id = $1) OR (scope = 'STAFF' AND scope_id = $2))")
      .execute(Tuple.of(accountId, staffId, currency, day, delta)).mapEmpty();
  }
}
