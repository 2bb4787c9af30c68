package com.rtx.core.account;

import com.rtx.core.market.AssetClass;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Pre-trade limits of a client group. A zero means "no limit" for every field but the caps.
 *
 * @param maxVolumePerOrder largest order in {@link com.rtx.core.market.Lots} units, on top of the
 *     instrument's own maximum
 * @param maxNotionalPerOrder largest order notional ({@code lots × contractSize × price}) in minor
 *     units of the group currency
 * @param maxOpenPositions most open positions an account may hold
 * @param pendingCollarBps how far, in basis points of the current price, a pending order's price
 *     may be from the market (a "price collar" against fat-finger orders)
 * @param leverageCaps highest leverage per asset class (e.g. ESMA retail: FX majors 30, metals 20,
 *     indices 20, commodities 10, crypto 2); asset classes not listed are uncapped
 */
public record GroupLimits(long maxVolumePerOrder, long maxNotionalPerOrder, int maxOpenPositions, long pendingCollarBps,
                          Map<AssetClass, Integer> leverageCaps) {

  /** No limit at all. */
  public static final GroupLimits NONE = new GroupLimits(0, 0, 0, 0, Map.of());

  public GroupLimits {
    if (maxVolumePerOrder < 0 || maxNotionalPerOrder < 0 || maxOpenPositions < 0 || pendingCollarBps < 0) {
      throw new IllegalArgumentException("group limits must be >= 0 (0 means none)");
    }
    Objects.requireNonNull(leverageCaps, "leverageCaps");
    leverageCaps.forEach((assetClass, cap) -> {
      if (cap == null || cap < 1) {
        throw new IllegalArgumentException("leverage cap of " + assetClass + " must be >= 1, got " + cap);
      }
    });
    leverageCaps = leverageCaps.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(leverageCaps));
  }

  /** The cap of {@code assetClass}, or {@link Integer#MAX_VALUE} when uncapped. */
  public int leverageCap(AssetClass assetClass) {
    return leverageCaps.getOrDefault(assetClass, Integer.MAX_VALUE);
  }
}
