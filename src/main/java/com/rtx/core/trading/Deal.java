package com.rtx.core.trading;

import java.time.Instant;
import java.util.Objects;

/**
 * An execution: volume changing hands between the client and the house (B-Book) at one price.
 *
 * @param id deal id
 * @param accountId the client's account
 * @param orderId the order it executed (a close, stop-out or SL/TP has its own order)
 * @param positionId the position it opened, changed or closed
 * @param symbol instrument
 * @param side the client's side of the deal
 * @param volume in {@link com.rtx.core.market.Lots} units
 * @param price deal price in the instrument's units
 * @param entry what it did to the position
 * @param reason who or what caused it
 * @param realizedPnl P&amp;L realized by the closed part, minor units of the account currency
 * @param commission commission charged, {@code >= 0}, minor units of the account currency
 * @param time execution time
 * @param quote the client quote it filled on (sequence and LPs), the evidence of its price; for a
 *     close-by, which deals at the positions' own prices, the quote current at the time
 */
public record Deal(long id, long accountId, long orderId, long positionId, String symbol, Side side, long volume,
                   long price, DealEntry entry, DealReason reason, long realizedPnl, long commission, Instant time,
                   QuoteRef quote) {

  public Deal {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(quote, "quote");
    if (volume <= 0 || price <= 0) {
      throw new IllegalArgumentException("deal volume and price must be positive, got " + volume + " @ " + price);
    }
    if (commission < 0) {
      throw new IllegalArgumentException("commission must be >= 0, got " + commission);
    }
  }

  /** {@code +volume} for a client BUY, {@code -volume} for a SELL. */
  public long signedVolume() {
    return side.sign() * volume;
  }
}
