/**
 * Currency conversion of P&amp;L, margin, commission and swap into the account currency through
 * the current quotes, directly, inversely or across a pivot currency. Pure domain code.
 */
package com.rtx.core.conversion;
