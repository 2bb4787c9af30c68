package com.rtx.core.dealing;

import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Rejection;

import java.util.List;
import java.util.Objects;

/** The outcome of applying a command: a new state with its events, or a rejection. */
public sealed interface Result {

  /**
   * The command was applied. {@code events} may be empty (a quote that triggered nothing), in
   * which case {@code state} is the state it was applied to. {@code faults} lists the steps of
   * automatic processing that failed and were rolled back while the rest went on (see
   * {@link ProcessingFault}); empty for client commands.
   */
  record Accepted(AccountState state, List<AccountEvent> events, List<ProcessingFault> faults) implements Result {
    public Accepted {
      Objects.requireNonNull(state, "state");
      events = List.copyOf(events);
      faults = List.copyOf(faults);
    }

    public Accepted(AccountState state, List<AccountEvent> events) {
      this(state, events, List.of());
    }
  }

  /** The command was refused; the state is unchanged. */
  record Rejected(Rejection rejection) implements Result {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }

    public RejectReason reason() {
      return rejection.reason();
    }
  }

  static Rejected reject(RejectReason reason, String detail) {
    return new Rejected(new Rejection(reason, detail));
  }
}
