/**
 * Instruments, their trading sessions and the exact scaled-integer price representation. Pure
 * domain code: no I/O, no clock, no framework.
 */
package com.rtx.core.market;
