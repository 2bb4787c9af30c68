package com.rtx.core.dealing;

import com.rtx.core.money.Rounding;
import com.rtx.core.trading.DealEntry;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.Side;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one deal does to the position it meets, computed without side effects (used both to
 * preview a fill for the margin check and to book it).
 *
 * <p>Rules:
 * <ul>
 *   <li>No position (or any opening deal in a HEDGING account): a new position at the deal price,
 *       entry IN.</li>
 *   <li>A close of a named position: its volume shrinks (entry OUT) or it closes.</li>
 *   <li>NETTING, same side: volume adds up, the open price becomes the volume-weighted average
 *       ({@link Rounding#averagePrice}), entry IN; SL/TP/trailing of the deal replace the
 *       position's when set.</li>
 *   <li>NETTING, opposite side, smaller or equal volume: reduce or close at the unchanged average
 *       price, entry OUT.</li>
 *   <li>NETTING, opposite side, larger volume: a flip (entry INOUT). The whole old volume is
 *       closed at its average price; the same position id continues on the deal's side with
 *       exactly {@code dealVolume − oldVolume} at exactly the deal price, opened now, with the
 *       deal's SL/TP and no swap.</li>
 * </ul>
 *
 * @param before the position before the deal, or null when it opens a new one
 * @param after the position after the deal, or null when it closes
 * @param closedVolume volume of {@code before} closed by the deal (P&amp;L is realized on it)
 * @param entry the deal entry
 */
record PositionChange(Position before, Position after, long closedVolume, DealEntry entry) {

  /** A new position from an opening deal. */
  static PositionChange open(long positionId, long accountId, String symbol, Side side, long volume, BigDecimal price,
                             Instant now, long sl, long tp, long trailing) {
    return new PositionChange(null, new Position(positionId, accountId, symbol, side, volume, price, now, sl, tp,
      trailing, 0), 0, DealEntry.IN);
  }

  /** Closing {@code volume} of {@code position}. */
  static PositionChange close(Position position, long volume) {
    if (volume <= 0 || volume > position.volume()) {
      throw new IllegalArgumentException("cannot close " + volume + " of position " + position.id() + " holding "
        + position.volume());
    }
    Position after = volume == position.volume() ? null : position.withVolume(position.volume() - volume);
    return new PositionChange(position, after, volume, DealEntry.OUT);
  }

  /** A deal meeting the netting position {@code existing} of its symbol. */
  static PositionChange net(Position existing, Side side, long volume, BigDecimal price, int digits, Instant now,
                            long sl, long tp, long trailing) {
    if (existing.side() == side) {
      BigDecimal average = Rounding.averagePrice(existing.openPrice(), existing.volume(), price, volume, digits);
      Position grown = new Position(existing.id(), existing.accountId(), existing.symbol(), side,
        Math.addExact(existing.volume(), volume), average, existing.openedAt(),
        sl != 0 ? sl : existing.sl(), tp != 0 ? tp : existing.tp(), trailing != 0 ? trailing : existing.trailingPoints(),
        existing.swap());
      return new PositionChange(existing, grown, 0, DealEntry.IN);
    }
    if (volume <= existing.volume()) {
      return close(existing, volume);
    }
    Position flipped = new Position(existing.id(), existing.accountId(), existing.symbol(), side,
      volume - existing.volume(), price, now, sl, tp, trailing, 0);
    return new PositionChange(existing, flipped, existing.volume(), DealEntry.INOUT);
  }

  /** The id of the position the deal belongs to. */
  long positionId() {
    return after != null ? after.id() : before.id();
  }
}
