package com.rtx.core.dealing;

import com.rtx.core.ledger.LedgerEntryType;
import com.rtx.core.margin.MarginSnapshot;
import com.rtx.core.money.Money;
import com.rtx.core.trading.RejectReason;

/**
 * Back-office money movements. Allowed whatever the account status (they are the broker's, not
 * the client's). Each is one ledger entry.
 */
final class BalanceOperations {

  /**
   * The largest amount of one balance operation, in minor units (10^15: ten trillion of a
   * two-decimal currency). Far above any real movement, and it keeps balances far from overflow.
   */
  static final long MAX_AMOUNT = 1_000_000_000_000_000L;

  private BalanceOperations() {
  }

  /** Out of range for one operation, or a total the balance or credit could not hold. */
  private static boolean outOfRange(long amount, long total) {
    if (amount == Long.MIN_VALUE || Math.abs(amount) > MAX_AMOUNT) {
      return true;
    }
    long after = total + amount;
    return ((total ^ after) & (amount ^ after)) < 0 || Math.abs(after) > Long.MAX_VALUE / 4;
  }

  private static Result tooLarge(AccountTxn t, long amount) {
    return Result.reject(RejectReason.INVALID_AMOUNT, "amount " + amount + " minor units of " + t.currency()
      + " is outside what one operation may move (at most " + MAX_AMOUNT + ")");
  }

  static Result deposit(AccountTxn t, Command.Deposit c) {
    if (c.amount() <= 0) {
      return Result.reject(RejectReason.INVALID_AMOUNT, "deposit must be positive, got " + c.amount());
    }
    if (outOfRange(c.amount(), t.balance)) {
      return tooLarge(t, c.amount());
    }
    t.post(LedgerEntryType.DEPOSIT, c.amount(), 0, 0, comment(c.comment()));
    return t.commit();
  }

  /**
   * A withdrawal may take neither more than the balance (credit is not cash) nor more than the
   * free margin (it must not leave open positions under-margined).
   */
  static Result withdraw(AccountTxn t, Command.Withdraw c) {
    if (c.amount() <= 0) {
      return Result.reject(RejectReason.INVALID_AMOUNT, "withdrawal must be positive, got " + c.amount());
    }
    if (outOfRange(-c.amount(), t.balance)) {
      return tooLarge(t, c.amount());
    }
    MarginSnapshot s = t.snapshot();
    long available = Math.min(t.balance, s.freeMargin());
    if (c.amount() > available) {
      return Result.reject(RejectReason.INSUFFICIENT_FUNDS, "withdrawal " + new Money(t.currency(), c.amount())
        + " exceeds the available " + new Money(t.currency(), Math.max(0, available)));
    }
    t.post(LedgerEntryType.WITHDRAWAL, -c.amount(), 0, 0, comment(c.comment()));
    return t.commit();
  }

  static Result adjust(AccountTxn t, Command.Adjust c) {
    if (c.amount() == 0) {
      return Result.reject(RejectReason.INVALID_AMOUNT, "adjustment must not be zero");
    }
    if (outOfRange(c.amount(), t.balance)) {
      return tooLarge(t, c.amount());
    }
    t.post(LedgerEntryType.ADJUSTMENT, c.amount(), 0, 0, comment(c.comment()));
    return t.commit();
  }

  static Result credit(AccountTxn t, Command.ChangeCredit c) {
    if (c.amount() == 0) {
      return Result.reject(RejectReason.INVALID_AMOUNT, "credit change must not be zero");
    }
    if (outOfRange(c.amount(), t.credit)) {
      return tooLarge(t, c.amount());
    }
    if (t.credit + c.amount() < 0) {
      return Result.reject(RejectReason.INSUFFICIENT_FUNDS, "cannot remove " + new Money(t.currency(), -c.amount())
        + " of credit " + new Money(t.currency(), t.credit));
    }
    t.post(LedgerEntryType.CREDIT, c.amount(), 0, 0, comment(c.comment()));
    return t.commit();
  }

  static Result status(AccountTxn t, Command.ChangeStatus c) {
    if (c.status() == t.profile.status()) {
      return Result.reject(RejectReason.NO_CHANGES, "account is already " + c.status());
    }
    t.profile = t.profile.withStatus(c.status());
    t.emit(new AccountEvent.StatusChanged(c.status()));
    return t.commit();
  }

  private static String comment(String comment) {
    return comment == null ? "" : comment;
  }
}
