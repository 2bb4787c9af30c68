package com.rtx.core.dealing;

import java.util.Objects;

/**
 * A step of an account's automatic processing (a trailing stop, a triggered SL/TP or order, one
 * stop-out close, the margin control itself) that failed with an exception and was rolled back so
 * that the rest of the account's processing — above all margin call, stop-out and negative-balance
 * protection — still ran (SECURITY.md invariant 1). It is a bug or corrupt state, never a business
 * rejection: the caller counts it, alerts once per {@link #key()} and keeps going.
 *
 * @param accountId the account
 * @param stage what was being done
 * @param itemId the position or order id ({@code 0} for the whole account)
 * @param error the exception's class and message (no stack trace: the caller logs that once)
 */
public record ProcessingFault(long accountId, Stage stage, long itemId, String error) {

  /** The step that failed. */
  public enum Stage {
    TRAILING_STOP,
    TRIGGER,
    STOP_OUT_CLOSE,
    MARGIN_CONTROL
  }

  public ProcessingFault {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(error, "error");
  }

  static ProcessingFault of(long accountId, Stage stage, long itemId, RuntimeException e) {
    return new ProcessingFault(accountId, stage, itemId, e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  /** Identifies the failing item across quotes: the same key failing again is the same fault. */
  public String key() {
    return accountId + "/" + stage + "/" + itemId;
  }
}
