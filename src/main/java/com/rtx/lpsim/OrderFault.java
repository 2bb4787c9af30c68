package com.rtx.lpsim;

import java.util.Arrays;
import java.util.Optional;

/**
 * Order-side fault switches of a simulated LP, switched on through the control endpoint
 * ({@code POST /lps/{lp}/orders/<path>}) and off with {@code .../orders/resume} or {@code /reset}.
 */
enum OrderFault {
  /** Order requests are held unanswered (no report at all) until resumed; then they are processed in order. */
  HANG("hang"),
  /** One shot: the next order executes, the session is dropped, and its reports wait for the resend after reconnect. */
  DISCONNECT_MID_ORDER("disconnect-mid-order"),
  /**
   * One shot: the next order to fill is filled twice over — its last fill is the order's quantity
   * more than asked, as a broken LP engine might: the house holds the excess at the LP, and the
   * platform books only what it asked for (reconciliation from the LP's fills shows an orphan).
   */
  OVERFILL("overfill"),
  /**
   * One shot: the next order is acknowledged (New) and fills {@value OrderDesk#SILENT_FILL_MS} ms later
   * without a report, as if the fill's report were lost: only a status request learns of the fill.
   */
  SILENT_FILL("silent-fill"),
  /** Every ExecutionReport is sent twice; the copy keeps the ExecID and carries PossDupFlag=Y. */
  DUPLICATE_REPORTS("duplicate-reports"),
  /** The reports produced by one request go out last first (a fill before its order's New). */
  OUT_OF_ORDER("out-of-order"),
  /** Every NewOrderSingle is rejected. */
  REJECT_ALL("reject-all"),
  /**
   * Every NewOrderSingle is refused at session level: a Reject (35=3, RefMsgType D, RefSeqNum,
   * RefTagID 40 "value is incorrect"), as an LP does for an order type it does not take.
   */
  SESSION_REJECT("session-reject"),
  /**
   * The LP takes previously quoted orders only: a NewOrderSingle that is not 40=D is refused at
   * session level like {@link #SESSION_REJECT} (35=3, RefTagID 40). A 40=D still needs a live quote
   * id (see {@link IssuedQuotes}).
   */
  QUOTED_ONLY("quoted-only"),
  /** Every NewOrderSingle is refused with a BusinessMessageReject (35=j, RefMsgType D, RefSeqNum). */
  BUSINESS_REJECT("business-reject"),
  /** Every OrderStatusRequest is refused with a BusinessMessageReject (an LP that cannot answer them). */
  REFUSE_STATUS("refuse-status"),
  /**
   * Every RequestForPositions (35=AN) is refused with a BusinessMessageReject (an LP without
   * position reporting): the router's reconciliation records such an LP as UNSUPPORTED.
   */
  REFUSE_POSITIONS("refuse-positions");

  private final String path;

  OrderFault(String path) {
    this.path = path;
  }

  String path() {
    return path;
  }

  static Optional<OrderFault> fromPath(String path) {
    return Arrays.stream(values()).filter(f -> f.path.equals(path)).findFirst();
  }
}
