package com.rtx.bus;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The router role's event-bus contract: the FIX adapter between dealing shards and LPs. Bodies are
 * JSON; decimals are strings; volumes on the bus are lots.
 *
 * <h2>{@value #ORDERS} — request/reply, dealing → router</h2>
 * <ul>
 *   <li>{@code {"type":"new","clOrdId","orderId":long,"accountId":long,"lp":"LP1","symbol":"EURUSD",
 *       "side":"BUY|SELL","volume":"0.10","ordType":"MARKET|LIMIT","price":"1.10003" (LIMIT only),
 *       "timeInForce":"IOC|FOK|GTC|DAY", "quotedPrice":"1.10003" (MARKET, optional: the quote's price on
 *       the order's side when it was sent), "quoteLp":"LP2" (with quotedPrice: the LP whose quote made that
 *       side), "quoteId":"Q-17" (optional: that LP quote's QuoteEntryID, 1-128 printable ASCII)}} →
 *       NewOrderSingle. Absent timeInForce: IOC for MARKET, GTC for LIMIT. The LP's execution profile
 *       shapes it: a MARKET order for an LP that takes limits only goes as a limit at quotedPrice ± the
 *       LP's deviation; for an LP that takes previously quoted orders, as 40=D with QuoteID = quoteId and
 *       Price = quotedPrice, only when quoteLp is that LP and quoteId is present (else UNSUPPORTED); its
 *       Account, HandlInst and fixed tags are added.</li>
 *   <li>{@code {"type":"status","clOrdId","lp","orderId","accountId","symbol","side"}} → OrderStatusRequest
 *       for the order sent as {@code clOrdId}.</li>
 *   <li>{@code {"type":"cancel","clOrdId","origClOrdId","lp","orderId","accountId","symbol","side",
 *       "volume" (optional)}} → OrderCancelRequest; {@code clOrdId} is the cancel's own id.</li>
 * </ul>
 * Reply {@code {"sent":true}} once the message has been handed to the logged-on trade session;
 * otherwise {@code {"sent":false,"reason":"LP_DOWN|UNKNOWN_LP|INVALID|UNSUPPORTED|STATUS_UNSUPPORTED","message":"..."}}:
 * LP_DOWN — no node holds the LP's session logged on now (or the LP is disabled); UNKNOWN_LP — no
 * trading LP of that name; INVALID — the request breaks this contract (nothing was sent);
 * UNSUPPORTED — the LP's execution profile does not take the order (a time in force it does not
 * list, no quote to price the limit it wants, a previously quoted order without this LP's quote id,
 * or a profile that cannot be read): the desk tries the
 * next LP, as for LP_DOWN; STATUS_UNSUPPORTED — a status request to an LP that has refused one
 * before (its words in message) or whose profile says it does not answer them.
 * Every ClOrdID (also origClOrdId) must be {@link #clOrdId(long, long, String)}:
 * {@code <accountId>-<orderId>-<suffix>}, suffix 1-20 letters or digits, naming the same account and
 * order as the request: that is how reports find their way back, the router keeping no order state.
 *
 * <p>Volumes: FIX OrderQty is sent in units of the base currency or instrument, as LPs expect:
 * {@code volume × symbol.contract_size} (0.10 lot EURUSD → 10000). Reports convert back to lots.
 *
 * <h2>{@code rtx.dealing.shard.<accountId mod dealing.shards>} — router → dealing</h2>
 * For every ExecutionReport received, a {@link DealingRequest.LpExecution} (see {@link DealingAddresses#shard}), whose JSON form is:
 * {@code {"op":"execution","accountId","orderId","clOrdId","lp","execId","possDup":bool,
 * "execType":"NEW|PARTIAL_FILL|FILL|REJECTED|CANCELED|ORDER_STATUS|EXPIRED|STATUS_REFUSED",
 * "ordStatus":"NEW|PARTIALLY_FILLED|FILLED|REJECTED|CANCELED|EXPIRED","lastQty","lastPx","cumQty",
 * "leavesQty","avgPx","text","symbol"}}; quantities in lots, absent fields (lastQty, lastPx, text,
 * symbol) omitted. symbol is the platform symbol the LP's report named (its Symbol through the LP's
 * dialect; {@code LP:<name>} for a name that maps to none), present when the report carried one: the
 * shard books a report only when it names the order's own symbol.
 * accountId and orderId come from the ClOrdID. Fills are recognised by OrdStatus and quantities,
 * not by ExecType alone (FIX 4.4 ExecType F, FIX 4.2 style 1/2 and LPs that fill with ExecType 2
 * and OrdStatus NEW for an acknowledgement all map right); ExecTypes outside the list (pending
 * new, pending cancel, replaced...) arrive as ORDER_STATUS with the order's state. An LP's
 * session-level Reject (35=3) or BusinessMessageReject (35=j) of a message of ours (found by
 * RefSeqNum, or by BusinessRejectRefID = ClOrdID) is definitive, and arrives as a report too: of a
 * NewOrderSingle as REJECTED (execId {@code refused-<clOrdId>}, the LP's words in text), of an
 * OrderStatusRequest as STATUS_REFUSED (execId {@code status-refused-<clOrdId>}, no ordStatus). The shard
 * replies ({@code {"status":"OK"}}) once it has applied or ignored the report; no reply,
 * no handlers or a failure make the router send it again with back-off (100 ms doubling to
 * {@code router.report-retry-max-ms}), forever, in order per account: the shard dedupes by
 * {@code execId}. Reports are kept in memory until acknowledged; a router that dies with some
 * unacknowledged loses them (the LP's sequence number has moved on): the shard's status request
 * recovers them.
 *
 * <h2>{@value #LP_STATUS} — published by the router</h2>
 * {@code {"lp","state":"LOGGED_ON|LOGGED_OUT|DISABLED","node"}} on every change and every
 * {@code router.status-publish-ms}, by the node holding the LP's session (DISABLED: the LP row is
 * disabled or not trading, published by every router node).
 */
public final class RouterAddresses {

  public static final String ORDERS = "rtx.router.orders";
  public static final String LP_STATUS = "rtx.router.lp-status";
  /**
   * Internal to the router role: {@code rtx.router.lp.<LP>} is consumed only by the node holding
   * that LP's session; a router node that receives an order for an LP held elsewhere passes it on.
   * Same bodies and replies as {@link #ORDERS}.
   */
  public static final String LP_PREFIX = "rtx.router.lp.";

  private static final Pattern CL_ORD_ID = Pattern.compile("(\\d{1,18})-(\\d{1,18})-([A-Za-z0-9]{1,20})");

  /** Account and order a ClOrdID names. */
  public record OrderRef(long accountId, long orderId) {
  }

  private RouterAddresses() {
  }

  public static String lp(String lp) {
    return LP_PREFIX + lp;
  }

  /** The ClOrdID of attempt {@code suffix} (e.g. "1", "c1") at {@code orderId} of {@code accountId}. */
  public static String clOrdId(long accountId, long orderId, String suffix) {
    String id = accountId + "-" + orderId + "-" + suffix;
    if (!CL_ORD_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a valid ClOrdID: " + id);
    }
    return id;
  }

  /** The account and order encoded in {@code clOrdId}, or empty when it is not in the router's format. */
  public static Optional<OrderRef> parse(String clOrdId) {
    if (clOrdId == null) {
      return Optional.empty();
    }
    Matcher m = CL_ORD_ID.matcher(clOrdId);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new OrderRef(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
  }
}
