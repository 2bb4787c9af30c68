/**
 * The hedger and the toxicity monitor, deployed by the dealing role: one leader in the cluster
 * (PostgreSQL advisory lock) aggregates the shards' exposure, hedges it through the house
 * account, snapshots it and recomputes toxicity scores; every dealing node records the markouts of
 * the deals its own shards execute.
 */
package com.rtx.hedging;
