package com.rtx.core.dealing;

/** An {@link IdSource} counting from given starting values. Not thread-safe (single writer). */
public final class SequentialIds implements IdSource {

  private long order;
  private long deal;
  private long position;
  private long ledger;

  /** Counters whose next ids are {@code last + 1} of each kind. */
  public SequentialIds(long lastOrder, long lastDeal, long lastPosition, long lastLedger) {
    this.order = lastOrder;
    this.deal = lastDeal;
    this.position = lastPosition;
    this.ledger = lastLedger;
  }

  /** Counters starting at 1. */
  public SequentialIds() {
    this(0, 0, 0, 0);
  }

  @Override
  public long nextOrderId() {
    return ++order;
  }

  @Override
  public long nextDealId() {
    return ++deal;
  }

  @Override
  public long nextPositionId() {
    return ++position;
  }

  @Override
  public long nextLedgerId() {
    return ++ledger;
  }
}
