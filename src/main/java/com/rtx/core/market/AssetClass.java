package com.rtx.core.market;

/** Broad kind of an instrument; drives defaults such as margin style and reporting groups. */
public enum AssetClass {
  FX,
  METAL,
  INDEX,
  COMMODITY,
  CRYPTO
}
