package com.rtx.dealing;

import com.rtx.core.swap.RolloverSchedule;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * What every shard of a dealing verticle shares: its Vert.x, the current reference data, the LP
 * quotes, the roll-over calendar, the clock, the LP board, the fault counters and two settings.
 *
 * @param maxBatch    most client commands in one group-commit transaction ({@code dealing.max-batch})
 * @param lpTimeoutMs silence from an LP after which an order's status is asked ({@code dealing.lp-timeout-ms})
 */
record ShardServices(Vertx vertx, Supplier<DealingRefData> refdata, DealingQuotes quotes, RolloverSchedule rollovers,
                     Clock clock, LpBoard board, ProcessingFaults faults, int maxBatch, long lpTimeoutMs) {
}
