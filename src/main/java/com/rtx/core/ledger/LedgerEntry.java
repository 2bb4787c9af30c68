package com.rtx.core.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of an account's balance or credit.
 *
 * @param id entry id
 * @param accountId account
 * @param type kind, which also says whether balance or credit moves
 * @param amount signed amount in minor units of the account currency, never zero
 * @param balanceAfter balance after this entry
 * @param creditAfter credit after this entry
 * @param dealId the deal that caused it, or 0
 * @param positionId the position it concerns (swap, P&amp;L), or 0
 * @param time when it was posted
 * @param comment free text (dealer's reason, roll-over date, ...); never null
 */
public record LedgerEntry(long id, long accountId, LedgerEntryType type, long amount, long balanceAfter,
                          long creditAfter, long dealId, long positionId, Instant time, String comment) {

  public LedgerEntry {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(comment, "comment");
    if (amount == 0) {
      throw new IllegalArgumentException("a ledger entry moves money: amount must not be zero");
    }
  }

  /** Whether it moves the balance (every type but CREDIT). */
  public boolean movesBalance() {
    return type.target() == LedgerEntryType.Target.BALANCE;
  }
}
