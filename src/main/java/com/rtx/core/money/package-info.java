/**
 * Money in account and fee currencies as exact scaled {@code long}s of the currency's minor
 * unit, the currency-digits table, and the one place where every rounding rule of the engine is
 * written down ({@link com.rtx.core.money.Rounding}). Pure domain code: no I/O, no clock.
 */
package com.rtx.core.money;
