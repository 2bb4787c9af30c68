package com.rtx.dealing;

import com.rtx.core.dealing.IdSource;

/**
 * Ids of one shard's orders, deals, positions and ledger entries: {@code counter * STRIDE + shard}.
 * Every shard hands out ids of its own residue, so shards never collide and need no round trip per
 * id; the counters start above the largest id in each table when the shard is acquired, so a new
 * owner never reuses an id of the old one. (An id handed out for a command that is then rolled
 * back is simply never used.)
 */
final class ShardIds implements IdSource {

  /** Upper bound of {@code dealing.shards}. */
  static final int STRIDE = 1024;

  private final int shard;
  private long order;
  private long deal;
  private long position;
  private long ledger;

  /** @param max* the largest id present in each table (0 when empty) */
  ShardIds(int shard, long maxOrder, long maxDeal, long maxPosition, long maxLedger) {
    if (shard < 0 || shard >= STRIDE) {
      throw new IllegalArgumentException("shard must be in [0, " + STRIDE + "), got " + shard);
    }
    this.shard = shard;
    this.order = maxOrder / STRIDE;
    this.deal = maxDeal / STRIDE;
    this.position = maxPosition / STRIDE;
    this.ledger = maxLedger / STRIDE;
  }

  @Override
  public long nextOrderId() {
    return ++order * STRIDE + shard;
  }

  @Override
  public long nextDealId() {
    return ++deal * STRIDE + shard;
  }

  @Override
  public long nextPositionId() {
    return ++position * STRIDE + shard;
  }

  @Override
  public long nextLedgerId() {
    return ++ledger * STRIDE + shard;
  }
}
