/**
 * The trading vocabulary shared by valuation and dealing: sides, order types and life cycle, time
 * in force, orders, positions, deals, quote evidence and the stable rejection reason codes.
 * Immutable records only; the rules that change them live in {@code com.rtx.core.dealing}.
 */
package com.rtx.core.trading;
