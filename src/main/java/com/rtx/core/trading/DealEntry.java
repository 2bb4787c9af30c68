package com.rtx.core.trading;

/** What a deal did to positions (MetaTrader's deal entry). */
public enum DealEntry {
  /** Opened or increased a position. */
  IN,
  /** Reduced or closed a position. */
  OUT,
  /** Netting: closed a position and opened the opposite one with the excess volume (a flip). */
  INOUT,
  /** Hedging: closed against an opposite position (close-by). */
  OUT_BY
}
