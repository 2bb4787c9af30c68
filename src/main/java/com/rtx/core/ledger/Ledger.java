package com.rtx.core.ledger;

/** Sums over ledger entries: the balance and credit they imply. */
public final class Ledger {

  private Ledger() {
  }

  /** Sum of the entries that move the balance: equals the balance of an account opened at zero. */
  public static long balance(Iterable<LedgerEntry> entries) {
    long sum = 0;
    for (LedgerEntry e : entries) {
      if (e.movesBalance()) {
        sum = Math.addExact(sum, e.amount());
      }
    }
    return sum;
  }

  /** Sum of the CREDIT entries: equals the credit of an account opened at zero. */
  public static long credit(Iterable<LedgerEntry> entries) {
    long sum = 0;
    for (LedgerEntry e : entries) {
      if (!e.movesBalance()) {
        sum = Math.addExact(sum, e.amount());
      }
    }
    return sum;
  }
}
