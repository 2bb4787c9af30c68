/**
 * Overnight financing: the daily roll-over calendar (17:00 New York, holidays, each instrument's
 * triple-swap weekday) and the swap of one position at one roll-over. Pure domain code: the
 * caller passes the current time and the last roll-over it has persisted.
 */
package com.rtx.core.swap;
