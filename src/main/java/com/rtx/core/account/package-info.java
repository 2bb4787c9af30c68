/**
 * Trading accounts and client groups: currency, leverage, position accounting mode, status, and
 * the group's business settings (levels, markup profile, commission, swaps, execution, pre-trade
 * limits). Pure domain code.
 */
package com.rtx.core.account;
