package com.rtx.core.trading;

/**
 * Why a command was refused: one stable code per cause, the same on REST ({@code error.code}),
 * WebSocket and FIX. Codes never change meaning; new ones are added, old ones never reused.
 * Numbers group them: 1xx request, 2xx symbol and market, 3xx account, 4xx limits and margin,
 * 5xx references to orders and positions, 6xx balance operations.
 */
public enum RejectReason {
  // 1xx: the request itself
  VOLUME_BELOW_MIN(101, "volume is below the instrument's minimum"),
  VOLUME_ABOVE_MAX(102, "volume is above the instrument's maximum"),
  VOLUME_NOT_ON_STEP(103, "volume is not a multiple of the instrument's volume step"),
  INVALID_PRICE(104, "a price is missing, not positive, or not allowed for this order type"),
  PRICE_NOT_ON_TICK(105, "a price is not a multiple of the instrument's tick"),
  INVALID_PENDING_PRICE(106, "the pending price is on the wrong side of the market for this order type"),
  INVALID_STOPS(107, "stop loss or take profit is on the wrong side of the price"),
  STOPS_TOO_CLOSE(108, "stop loss, take profit or pending price is closer to the market than the stops level"),
  PRICE_OUTSIDE_COLLAR(109, "the pending price is too far from the market"),
  INVALID_TIME_IN_FORCE(110, "time in force does not apply to this order type"),
  INVALID_EXPIRATION(111, "GTD needs an expiry in the future; other types take none"),
  LIMIT_NOT_MARKETABLE(112, "an IOC/FOK limit order cannot fill at the current price"),
  DEVIATION_EXCEEDED(113, "the price moved against the requested price by more than the allowed deviation"),
  INVALID_TRAILING(114, "trailing distance must be positive and at least the stops level"),
  PRICE_OUT_OF_RANGE(115, "a price or distance is outside what the instrument allows at the current market"),

  // 2xx: symbol and market
  UNKNOWN_SYMBOL(201, "no such symbol"),
  SYMBOL_DISABLED(202, "the symbol is not tradable"),
  SYMBOL_CLOSED(203, "the symbol's trading session is closed"),
  SYMBOL_STALE(204, "no fresh price for the symbol"),
  NO_QUOTE(205, "the symbol has never been priced"),
  NO_CONVERSION_RATE(206, "no price to convert an amount into the account currency"),
  TRADING_HALTED(207, "trading is halted by the dealing desk (kill switch): no new orders"),

  // 3xx: account
  ACCOUNT_DISABLED(301, "the account is disabled"),
  ACCOUNT_CLOSE_ONLY(302, "the account may only reduce positions"),
  ROUTING_UNAVAILABLE(303, "no liquidity provider is available to route the order to (A-Book)"),
  LP_REJECTED(304, "the liquidity provider rejected the order"),
  ORDER_AT_LP(305, "the order is at a liquidity provider and cannot be changed now"),
  GROUP_DISABLED(306, "trading is disabled for the account's group"),

  // 4xx: limits and margin
  MAX_VOLUME_EXCEEDED(401, "order volume is above the group's maximum per order"),
  MAX_NOTIONAL_EXCEEDED(402, "order notional is above the group's maximum per order"),
  MAX_POSITIONS_EXCEEDED(403, "the account holds the group's maximum number of positions and orders"),
  INSUFFICIENT_MARGIN(404, "not enough free margin"),
  INSUFFICIENT_MARGIN_LEVERAGE_CAP(405, "not enough free margin under the asset class's leverage cap"),

  // 5xx: references
  ORDER_NOT_FOUND(501, "no such pending order"),
  POSITION_NOT_FOUND(502, "no such open position"),
  NO_CHANGES(503, "the modification changes nothing"),
  INVALID_CLOSE_VOLUME(504, "close volume is not positive, not on step, or above the position's volume"),
  CLOSE_BY_NOT_ALLOWED(505, "close-by needs two opposite positions of one symbol in a hedging account"),

  // 6xx: balance operations
  INVALID_AMOUNT(601, "the amount must be positive (or non-zero for adjustments)"),
  INSUFFICIENT_FUNDS(602, "the withdrawal exceeds the free margin or the balance");

  private final int code;
  private final String description;

  RejectReason(int code, String description) {
    this.code = code;
    this.description = description;
  }

  /** Stable numeric code, e.g. 404 for INSUFFICIENT_MARGIN. */
  public int code() {
    return code;
  }

  /** What it means, in English, for logs and API documentation. */
  public String description() {
    return description;
  }
}
