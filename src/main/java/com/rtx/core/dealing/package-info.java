/**
 * The B-Book dealing engine of one account, as a pure state machine:
 * {@code AccountState.apply(command, context) → Result} (new state and events, or a rejection
 * with a stable reason code). The dealing shard (single writer) holds the states in memory,
 * applies commands in order, persists the events and only then swaps in the new state. Time,
 * ids, quotes and settings come in through {@link com.rtx.core.dealing.DealingContext}; nothing
 * here reads a clock, a random source or does I/O.
 */
package com.rtx.core.dealing;
