package com.rtx.routing;

import com.rtx.bus.RouterAddresses;
import com.rtx.core.market.LpDialect;
import io.vertx.core.json.JsonObject;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.OrdStatus;
import quickfix.field.PossDupFlag;
import quickfix.field.Symbol;
import quickfix.field.Text;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * ExecutionReports from an LP, in two steps: {@link #read} on the QuickFIX/J thread copies the
 * fields as the strings on the wire into a {@link Report}; {@link #toShard} (on the verticle)
 * builds the {@code execution} request of the dealing shard, quantities converted to lots.
 * The mapping is documented on {@link RouterAddresses}.
 */
final class ExecutionReports {

  /** The wire fields of one ExecutionReport; null where the LP left a field out. */
  record Report(String lp, String clOrdId, String execId, boolean possDup, char execType, char ordStatus,
                String symbol, String lastQty, String lastPx, String cumQty, String leavesQty, String avgPx,
                String text) {
  }

  private ExecutionReports() {
  }

  static Report read(String lp, Message message) throws FieldNotFound {
    boolean possDup = message.getHeader().isSetField(PossDupFlag.FIELD)
      && message.getHeader().getBoolean(PossDupFlag.FIELD);
    return new Report(lp, optional(message, ClOrdID.FIELD), message.getString(ExecID.FIELD), possDup,
      message.getChar(ExecType.FIELD), message.getChar(OrdStatus.FIELD), optional(message, Symbol.FIELD),
      optional(message, LastQty.FIELD), optional(message, LastPx.FIELD), optional(message, CumQty.FIELD),
      optional(message, LeavesQty.FIELD), optional(message, AvgPx.FIELD), optional(message, Text.FIELD));
  }

  private static String optional(Message message, int field) throws FieldNotFound {
    return message.isSetField(field) ? message.getString(field) : null;
  }

  /**
   * The shard request for {@code report}, or empty when its ClOrdID names no account and order
   * (a report the router cannot route: not one of ours).
   *
   * @param contractSize the symbol's contract size; reports are in units, the shard wants lots
   */
  static Optional<JsonObject> toShard(Report report, BigDecimal contractSize) {
    return toShard(report, null, contractSize, LpDialect.STANDARD);
  }

  /**
   * {@link #toShard(Report, BigDecimal)} for an LP speaking {@code dialect}: its quantities are read
   * in its unit (lots of its own size for {@code symbol} where it has one). The symbol is the
   * caller's to map back (the shard request does not carry it); null when unknown.
   */
  static Optional<JsonObject> toShard(Report report, String symbol, BigDecimal contractSize, LpDialect dialect) {
    Optional<RouterAddresses.OrderRef> ref = RouterAddresses.parse(report.clOrdId());
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    String ordStatus = ordStatus(report);
    JsonObject json = new JsonObject()
      .put("op", "execution")
      .put("accountId", ref.get().accountId())
      .put("orderId", ref.get().orderId())
      .put("clOrdId", report.clOrdId())
      .put("lp", report.lp())
      .put("execId", report.execId())
      .put("possDup", report.possDup())
      .put("execType", execType(report, ordStatus))
      .put("ordStatus", ordStatus);
    boolean filledNow = positive(report.lastQty());
    if (filledNow) {
      json.put("lastQty", lots(report.lastQty(), symbol, contractSize, dialect));
      json.put("lastPx", decimal(report.lastPx()));
    }
    json.put("cumQty", lots(report.cumQty(), symbol, contractSize, dialect));
    json.put("leavesQty", lots(report.leavesQty(), symbol, contractSize, dialect));
    json.put("avgPx", decimal(report.avgPx()));
    if (report.text() != null) {
      json.put("text", report.text());
    }
    return Optional.of(json);
  }

  /**
   * The shard request for an LP's refusal of one of our messages (see {@link LpRefusals}), or
   * empty when it is not about an order message or its ClOrdID names no account and order. A
   * refused NewOrderSingle is a REJECTED report (the LP never took the order: the shard tries the
   * next LP or rejects it with the LP's words); a refused OrderStatusRequest is STATUS_REFUSED.
   */
  static Optional<JsonObject> refused(LpRefusals.Refusal refusal) {
    String execType = switch (refusal.msgType()) {
      case quickfix.field.MsgType.ORDER_SINGLE -> "REJECTED";
      case quickfix.field.MsgType.ORDER_STATUS_REQUEST -> "STATUS_REFUSED";
      default -> null;
    };
    Optional<RouterAddresses.OrderRef> ref = RouterAddresses.parse(refusal.clOrdId());
    if (execType == null || ref.isEmpty()) {
      return Optional.empty();
    }
    JsonObject json = new JsonObject()
      .put("op", "execution")
      .put("accountId", ref.get().accountId())
      .put("orderId", ref.get().orderId())
      .put("clOrdId", refusal.clOrdId())
      .put("lp", refusal.lp())
      // One refusal per message: the ClOrdID of an attempt is sent once as a NewOrderSingle.
      .put("execId", (execType.equals("REJECTED") ? "refused-" : "status-refused-") + refusal.clOrdId())
      .put("possDup", false)
      .put("execType", execType)
      .put("ordStatus", execType.equals("REJECTED") ? "REJECTED" : null)
      .put("cumQty", "0.00").put("leavesQty", "0.00").put("avgPx", "0")
      .put("text", "refused the " + (execType.equals("REJECTED") ? "order" : "status request") + " ("
        + refusal.text() + ")");
    return Optional.of(json);
  }

  private static String ordStatus(Report report) {
    return switch (report.ordStatus()) {
      case OrdStatus.NEW, OrdStatus.PENDING_NEW -> "NEW";
      case OrdStatus.PARTIALLY_FILLED -> "PARTIALLY_FILLED";
      case OrdStatus.FILLED -> "FILLED";
      case OrdStatus.CANCELED -> "CANCELED";
      case OrdStatus.REJECTED -> "REJECTED";
      case OrdStatus.EXPIRED, OrdStatus.DONE_FOR_DAY -> "EXPIRED";
      // Pending cancel or replace, stopped, suspended...: the order is live with what has filled.
      default -> positive(report.cumQty()) ? "PARTIALLY_FILLED" : "NEW";
    };
  }

  private static String execType(Report report, String ordStatus) {
    return switch (report.execType()) {
      case ExecType.NEW, ExecType.PENDING_NEW -> "NEW";
      // FIX 4.4 Trade (F), FIX 4.2 partial fill / fill (1, 2): decided by what actually filled,
      // since some LPs acknowledge with ExecType 2 and OrdStatus NEW.
      case ExecType.TRADE, ExecType.PARTIAL_FILL, ExecType.FILL -> !positive(report.lastQty()) && "NEW".equals(ordStatus)
        ? "NEW" : "FILLED".equals(ordStatus) ? "FILL" : "PARTIAL_FILL";
      case ExecType.CANCELED -> "CANCELED";
      case ExecType.REJECTED -> "REJECTED";
      case ExecType.EXPIRED, ExecType.DONE_FOR_DAY -> "EXPIRED";
      default -> "ORDER_STATUS";
    };
  }

  private static boolean positive(String decimal) {
    try {
      return decimal != null && new BigDecimal(decimal).signum() > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String decimal(String text) {
    return text == null ? "0" : new BigDecimal(text).toPlainString();
  }

  /** Units to lots, at least two decimals ("0.10"), exact where the contract size allows. */
  static String lots(String units, BigDecimal contractSize) {
    return lots(units, null, contractSize, LpDialect.STANDARD);
  }

  /** The LP's {@code quantity} of {@code symbol} (in its dialect's unit) as lots, at least two decimals. */
  static String lots(String quantity, String symbol, BigDecimal contractSize, LpDialect dialect) {
    if (quantity == null) {
      return "0.00";
    }
    BigDecimal lots = dialect.toLots(symbol, new BigDecimal(quantity), contractSize);
    return (lots.scale() < 2 ? lots.setScale(2) : lots).toPlainString();
  }

  /** Contract sizes by symbol, falling back to 1 (units = lots) with the caller warned. */
  static BigDecimal contractSize(Map<String, BigDecimal> sizes, String symbol) {
    return sizes.getOrDefault(symbol, BigDecimal.ONE);
  }
}
