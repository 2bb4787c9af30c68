/** OHLC bid/ask bars built from ticks, aligned to UTC periods. Pure domain code. */
package com.rtx.core.bars;
