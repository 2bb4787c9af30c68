/**
 * Hedging decisions: the house's unhedged exposure per symbol against its limits, and the hedge
 * orders that bring it back to target. Pure: no I/O, no clock.
 */
package com.rtx.core.hedging;
