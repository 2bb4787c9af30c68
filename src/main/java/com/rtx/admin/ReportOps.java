package com.rtx.admin;

import com.rtx.core.money.CurrencyDigits;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reports for dealers and compliance, as JSON or CSV ({@code ?format=csv}): the trade blotter
 * (deals with filters), the daily P&amp;L per account, group or symbol, and the exposure history
 * (the hedger's snapshots). A day is the FX trade
 * date (17:00 New York to 17:00 New York, as roll-overs and equity snapshots count it).
 *
 * <p>Daily P&amp;L, per row, in the accounts' currency (rows never mix currencies):
 * <ul>
 *   <li>B-Book deals are those filled internally ({@code trade_order.lp} null), A-Book deals those
 *       filled at an LP; accounts of a {@code house} group are the broker's own (hedge) accounts.</li>
 *   <li>{@code clientRealizedBBook}: realized P&amp;L of clients' B-Book deals; {@code clientFloatingBBook}:
 *       the day's change of clients' floating P&amp;L (equity − balance − credit of the day's equity
 *       snapshot against the one before) in B_BOOK groups — per account and group only, as
 *       floating P&amp;L is not recorded per symbol.</li>
 *   <li>{@code houseBBookPnl} = −(clientRealizedBBook + clientFloatingBBook): what the house won or
 *       lost against its B-Book clients.</li>
 *   <li>{@code hedgePnl}: realized (and, per account and group, floating change) P&amp;L of house accounts.</li>
 *   <li>{@code housePnl} = houseBBookPnl + hedgePnl.</li>
 *   <li>{@code bBookCommission}: commission charged on clients' B-Book deals; {@code aBookRevenue}:
 *       commission plus the markup earned on A-Book fills (client price against the LP's,
 *       {@code deal.lp_markup}).</li>
 * </ul>
 */
final class ReportOps implements AdminOperations {

  static final String TRADE_DATE = "((%s AT TIME ZONE 'America/New_York') + interval '7 hours')::date";

  private static final List<String> BLOTTER_COLUMNS = List.of("dealId", "time", "tradeDate", "accountId", "group",
    "symbol", "side", "volume", "price", "entry", "reason", "realizedPnl", "commission", "currency", "orderId",
    "positionId", "book", "lp", "house");

  private static final List<String> PNL_COLUMNS = List.of("date", "key", "currency", "deals", "volume",
    "clientRealizedBBook", "clientFloatingBBook", "houseBBookPnl", "hedgePnl", "housePnl", "bBookCommission",
    "aBookRevenue");

  private static final List<String> EXPOSURE_COLUMNS = List.of("takenAt", "symbol", "clientNet", "houseHedge",
    "unhedged", "node");

  private final Pool pool;

  ReportOps(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void register(Map<String, AdminHandler> handlers) {
    handlers.put("reportBlotter", (req, actor) -> blotter(req));
    handlers.put("reportDailyPnl", (req, actor) -> dailyPnl(req));
    handlers.put("reportExposureHistory", (req, actor) -> exposureHistory(req));
  }

  /** The hedger's exposure snapshots (table exposure_snapshot): lots from the house's side. */
  private Future<AdminReply> exposureHistory(AdminRequest req) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE true");
    filter(where, args, "taken_at >= $", req.query("from") == null ? null : OffsetDateTime.parse(req.query("from")));
    filter(where, args, "taken_at < $", req.query("to") == null ? null : OffsetDateTime.parse(req.query("to")));
    filter(where, args, "symbol = $", req.query("symbol"));
    args.add(req.limit(1000));
    return pool.preparedQuery("SELECT * FROM exposure_snapshot" + where + " ORDER BY taken_at, symbol LIMIT $"
        + args.size()).execute(Tuple.from(args))
      .map(rows -> {
        JsonArray out = new JsonArray();
        for (Row r : rows) {
          out.add(new JsonObject().put("takenAt", r.getOffsetDateTime("taken_at").toInstant().toString())
            .put("symbol", r.getString("symbol")).put("clientNet", lots(r, "client_net"))
            .put("houseHedge", lots(r, "house_hedge")).put("unhedged", lots(r, "unhedged")).put("node", r.getString("node")));
        }
        return respond(req, "exposure", EXPOSURE_COLUMNS, out, "snapshots");
      });
  }

  private static String lots(Row r, String column) {
    return r.getBigDecimal(column).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
  }

  private Future<AdminReply> blotter(AdminRequest req) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE true");
    filter(where, args, "dl.time >= $", req.query("from") == null ? null : OffsetDateTime.parse(req.query("from")));
    filter(where, args, "dl.time < $", req.query("to") == null ? null : OffsetDateTime.parse(req.query("to")));
    filter(where, args, "dl.account_id = $", req.queryLong("accountId"));
    filter(where, args, "a.group_name = $", req.query("group"));
    filter(where, args, "dl.symbol = $", req.query("symbol"));
    if (req.query("book") != null) {
      where.append(req.query("book").equals("A_BOOK") ? " AND o.lp IS NOT NULL" : " AND o.lp IS NULL");
    }
    args.add(req.limit(1000));
    String sql = "SELECT dl.*, " + String.format(TRADE_DATE, "dl.time") + " AS trade_date, a.group_name, a.currency, "
      + "s.digits, o.lp, g.house FROM deal dl JOIN account a ON a.id = dl.account_id "
      + "JOIN client_group g ON g.name = a.group_name LEFT JOIN symbol s ON s.name = dl.symbol "
      + "LEFT JOIN trade_order o ON o.id = dl.order_id" + where + " ORDER BY dl.time, dl.id LIMIT $" + args.size();
    return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> {
      JsonArray deals = new JsonArray();
      for (Row r : rows) {
        String currency = r.getString("currency");
        int digits = r.getValue("digits") == null ? 0 : r.getInteger("digits");
        deals.add(new JsonObject().put("dealId", r.getLong("id"))
          .put("time", r.getOffsetDateTime("time").toInstant().toString())
          .put("tradeDate", r.getLocalDate("trade_date").toString()).put("accountId", r.getLong("account_id"))
          .put("group", r.getString("group_name")).put("symbol", r.getString("symbol")).put("side", r.getString("side"))
          .put("volume", scaled(r.getLong("volume"), 2)).put("price", scaled(r.getLong("price"), digits))
          .put("entry", r.getString("entry")).put("reason", r.getString("reason"))
          .put("realizedPnl", money(r.getLong("realized_pnl"), currency))
          .put("commission", money(r.getLong("commission"), currency)).put("currency", currency)
          .put("orderId", r.getLong("order_id")).put("positionId", r.getLong("position_id"))
          .put("book", r.getString("lp") == null ? "B_BOOK" : "A_BOOK").put("lp", r.getString("lp"))
          .put("house", r.getBoolean("house")));
      }
      return respond(req, "blotter", BLOTTER_COLUMNS, deals, "deals");
    });
  }

  private Future<AdminReply> dailyPnl(AdminRequest req) {
    String by = req.query("by") == null ? "account" : req.query("by");
    String key = switch (by) {
      case "group" -> "a.group_name";
      case "symbol" -> "dl.symbol";
      default -> "a.id::text";
    };
    LocalDate from = LocalDate.parse(req.query("from"));
    LocalDate to = req.query("to") == null ? from : LocalDate.parse(req.query("to"));
    String day = String.format(TRADE_DATE, "dl.time");
    Future<Map<String, JsonObject>> deals = pool.preparedQuery("SELECT " + day + " AS day, " + key + " AS key, "
        + "a.currency, count(*) AS deals, sum(dl.volume) AS volume, "
        + "coalesce(sum(dl.realized_pnl) FILTER (WHERE NOT g.house AND o.lp IS NULL), 0) AS client_realized, "
        + "coalesce(sum(dl.commission) FILTER (WHERE NOT g.house AND o.lp IS NULL), 0) AS b_commission, "
        + "coalesce(sum(dl.commission) FILTER (WHERE NOT g.house AND o.lp IS NOT NULL), 0) AS a_commission, "
        + "coalesce(sum(dl.lp_markup) FILTER (WHERE NOT g.house AND o.lp IS NOT NULL), 0) AS a_markup, "
        + "coalesce(sum(dl.realized_pnl) FILTER (WHERE g.house), 0) AS hedge_realized "
        + "FROM deal dl JOIN account a ON a.id = dl.account_id JOIN client_group g ON g.name = a.group_name "
        + "LEFT JOIN trade_order o ON o.id = dl.order_id "
        + "WHERE " + day + " BETWEEN $1 AND $2 GROUP BY 1, 2, 3")
      .execute(Tuple.of(from, to))
      .map(rows -> {
        Map<String, JsonObject> byRow = new TreeMap<>();
        for (Row r : rows) {
          JsonObject row = row(byRow, r.getLocalDate("day"), r.getString("key"), r.getString("currency"));
          row.put("deals", r.getLong("deals")).put("volumeHundredths", r.getLong("volume"))
            .put("clientRealized", r.getLong("client_realized")).put("bCommission", r.getLong("b_commission"))
            .put("aCommission", r.getLong("a_commission")).put("aMarkup", r.getLong("a_markup"))
            .put("hedgeRealized", r.getLong("hedge_realized"));
        }
        return byRow;
      });
    Future<Map<String, JsonObject>> floating = by.equals("symbol") ? deals : deals.compose(byRow -> pool.preparedQuery(
        "SELECT * FROM (SELECT s.trade_date AS day, " + key.replace("dl.", "s.") + " AS key, a.currency, g.house, "
          + "g.execution, (s.equity - s.balance - s.credit) - coalesce(lag(s.equity - s.balance - s.credit) "
          + "OVER (PARTITION BY s.account_id ORDER BY s.trade_date), 0) AS change "
          + "FROM equity_snapshot s JOIN account a ON a.id = s.account_id JOIN client_group g ON g.name = a.group_name "
          + "WHERE s.trade_date BETWEEN $1::date - 7 AND $2) f WHERE day BETWEEN $1 AND $2")
      .execute(Tuple.of(from, to))
      .map(rows -> {
        for (Row r : rows) {
          JsonObject row = row(byRow, r.getLocalDate("day"), r.getString("key"), r.getString("currency"));
          String field = r.getBoolean("house") ? "hedgeFloating"
            : "B_BOOK".equals(r.getString("execution")) ? "clientFloating" : null;
          if (field != null) {
            row.put(field, row.getLong(field, 0L) + r.getLong("change"));
          }
        }
        return byRow;
      }));
    return floating.map(byRow -> {
      JsonArray out = new JsonArray();
      byRow.values().forEach(row -> out.add(present(row, !by.equals("symbol"))));
      return respond(req, "daily-pnl-" + by, PNL_COLUMNS, out, "rows");
    });
  }

  private static JsonObject row(Map<String, JsonObject> byRow, LocalDate day, String key, String currency) {
    return byRow.computeIfAbsent(day + "|" + key + "|" + currency, k -> new JsonObject().put("date", day.toString())
      .put("key", key).put("currency", currency));
  }

  private static JsonObject present(JsonObject raw, boolean withFloating) {
    String currency = raw.getString("currency");
    long clientRealized = raw.getLong("clientRealized", 0L);
    long clientFloating = raw.getLong("clientFloating", 0L);
    long hedge = raw.getLong("hedgeRealized", 0L) + raw.getLong("hedgeFloating", 0L);
    long houseBBook = -(clientRealized + clientFloating);
    return new JsonObject().put("date", raw.getString("date")).put("key", raw.getString("key")).put("currency", currency)
      .put("deals", raw.getLong("deals", 0L)).put("volume", scaled(raw.getLong("volumeHundredths", 0L), 2))
      .put("clientRealizedBBook", money(clientRealized, currency))
      .put("clientFloatingBBook", withFloating ? money(clientFloating, currency) : null)
      .put("houseBBookPnl", money(houseBBook, currency)).put("hedgePnl", money(hedge, currency))
      .put("housePnl", money(houseBBook + hedge, currency))
      .put("bBookCommission", money(raw.getLong("bCommission", 0L), currency))
      .put("aBookRevenue", money(raw.getLong("aCommission", 0L) + raw.getLong("aMarkup", 0L), currency));
  }

  private static AdminReply respond(AdminRequest req, String name, List<String> columns, JsonArray rows, String field) {
    if ("csv".equals(req.query("format"))) {
      return AdminReply.text("text/csv; charset=utf-8", Csv.of(columns, rows),
        new JsonObject().put("Content-Disposition", "attachment; filename=\"" + name + ".csv\""));
    }
    return AdminReply.ok(new JsonObject().put(field, rows));
  }

  private static String money(long minor, String currency) {
    return scaled(minor, CurrencyDigits.of(currency));
  }

  private static String scaled(long units, int digits) {
    return BigDecimal.valueOf(units, digits).toPlainString();
  }

  private static void filter(StringBuilder where, List<Object> args, String condition, Object value) {
    if (value != null) {
      args.add(value);
      where.append(" AND ").append(condition).append(args.size());
    }
  }
}
