/**
 * Valuation of an account at current prices: floating P&amp;L, margin per position and per
 * account (with the hedged-margin policy and leverage caps), equity, free margin and margin
 * level, and the margin snapshot that stop-out decisions and daily equity snapshots record. Pure
 * domain code.
 */
package com.rtx.core.margin;
