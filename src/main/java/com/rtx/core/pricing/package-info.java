/**
 * From LP quotes to client prices: sanity checks, spike filtering, best-price aggregation and
 * markup. Pure domain code: time is passed in by the caller, nothing here reads a clock.
 */
package com.rtx.core.pricing;
