package com.rtx.core.ledger;

/**
 * Kind of ledger entry and which account total it moves. Sign convention: positive credits the
 * client, negative debits them.
 */
public enum LedgerEntryType {
  /** Cash paid in; positive. */
  DEPOSIT(Target.BALANCE),
  /** Cash paid out; negative. */
  WITHDRAWAL(Target.BALANCE),
  /** P&amp;L of a closing deal; any sign. */
  REALIZED_PNL(Target.BALANCE),
  /** Commission of a deal side; negative. */
  COMMISSION(Target.BALANCE),
  /** Swap of a position at a roll-over; any sign. */
  SWAP(Target.BALANCE),
  /** A dealer's correction; any sign, with a comment. */
  ADJUSTMENT(Target.BALANCE),
  /** Credit (bonus) granted or removed; any sign. Moves the credit, not the balance. */
  CREDIT(Target.CREDIT),
  /** Negative-balance protection: brings a negative balance back to zero after a stop-out; positive. */
  NEGATIVE_BALANCE_RESET(Target.BALANCE);

  /** The account total an entry moves. */
  public enum Target {
    BALANCE,
    CREDIT
  }

  private final Target target;

  LedgerEntryType(Target target) {
    this.target = target;
  }

  public Target target() {
    return target;
  }
}
