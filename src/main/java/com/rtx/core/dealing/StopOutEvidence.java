package com.rtx.core.dealing;

import com.rtx.core.margin.MarginSnapshot;
import com.rtx.core.trading.QuoteRef;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a dealer needs to answer a stop-out complaint: the settings it ran under, the quotes it
 * used, and the margin before and after each position it closed.
 *
 * @param accountId the account
 * @param at when it ran
 * @param group the group's name
 * @param groupVersion the version of the group settings in force
 * @param stopOutLevel the stop-out level, percent
 * @param quotes every quote used: the positions' symbols and the conversion pairs
 * @param initial the snapshot that triggered the stop-out
 * @param steps one per closed position, in order
 * @param fin the snapshot after the last step (and after negative-balance protection)
 * @param negativeBalanceReset amount credited by negative-balance protection, 0 if none
 */
public record StopOutEvidence(long accountId, Instant at, String group, long groupVersion, BigDecimal stopOutLevel,
                              List<QuoteRef> quotes, MarginSnapshot initial, List<Step> steps, MarginSnapshot fin,
                              long negativeBalanceReset) {

  public StopOutEvidence {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(stopOutLevel, "stopOutLevel");
    quotes = List.copyOf(quotes);
    Objects.requireNonNull(initial, "initial");
    steps = List.copyOf(steps);
    Objects.requireNonNull(fin, "fin");
  }

  /**
   * One closed position.
   *
   * @param positionId the position closed
   * @param dealId its closing deal
   * @param floatingPnl its P&amp;L when chosen (the most negative of the closable positions)
   * @param before the account before closing it
   * @param after the account after closing it
   */
  public record Step(long positionId, long dealId, long floatingPnl, MarginSnapshot before, MarginSnapshot after) {
    public Step {
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }
  }
}
