package com.rtx.core.dealing;

/**
 * Supplies new ids, in increasing order within each kind. The shard implements it over counters
 * it persists (e.g. seeded from the database's maximum ids at take-over); tests use
 * {@link SequentialIds}. Ids handed out for a command that is then rejected are simply unused.
 */
public interface IdSource {
  long nextOrderId();

  long nextDealId();

  long nextPositionId();

  long nextLedgerId();
}
