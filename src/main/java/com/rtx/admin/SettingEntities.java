package com.rtx.admin;

import com.rtx.platform.http.ApiErrorCode;
import java.util.List;

import static com.rtx.admin.SettingField.bool;
import static com.rtx.admin.SettingField.decimal;
import static com.rtx.admin.SettingField.integer;
import static com.rtx.admin.SettingField.text;

/** The versioned business settings of the admin API (tables of changesets 0002, 0005, 0009, 0020, 0030, 0069, 0071, 0072). */
final class SettingEntities {

  static final SettingEntity GROUP = new SettingEntity("group", "client_group", "name", "name", false, "version",
    List.of(text("markupProfile", "markup_profile"), bool("isDefault", "is_default"), text("currency", "currency"),
      integer("leverage", "leverage"), decimal("marginCallLevel", "margin_call_level"),
      decimal("stopOutLevel", "stop_out_level"), text("commissionType", "commission_type"),
      decimal("commissionAmount", "commission_amount"), text("commissionCurrency", "commission_currency"),
      bool("swapFree", "swap_free"), text("execution", "execution"), text("hedgedMargin", "hedged_margin"),
      bool("negativeBalanceProtection", "negative_balance_protection"),
      decimal("maxVolumePerOrder", "max_volume_per_order"), decimal("maxNotionalPerOrder", "max_notional_per_order"),
      integer("maxOpenPositions", "max_open_positions"), integer("pendingCollarBps", "pending_collar_bps"),
      new SettingField("leverageCaps", "leverage_caps", SettingField.Kind.JSON),
      bool("tradingEnabled", "trading_enabled"), bool("house", "house")),
    null, "Group", "groups");

  static final SettingEntity SYMBOL = new SettingEntity("symbol", "symbol", "name", "name", false, null,
    List.of(text("baseCurrency", "base_currency"), text("quoteCurrency", "quote_currency"),
      text("assetClass", "asset_class"), integer("digits", "digits"), decimal("contractSize", "contract_size"),
      decimal("pipSize", "pip_size"), decimal("volumeMin", "volume_min"), decimal("volumeMax", "volume_max"),
      decimal("volumeStep", "volume_step"), text("marginCurrency", "margin_currency"),
      decimal("marginRate", "margin_rate"), text("sessions", "sessions"), decimal("swapLong", "swap_long"),
      decimal("swapShort", "swap_short"), text("tripleSwapDay", "triple_swap_day"),
      integer("spikeMaxJumpBps", "spike_max_jump_bps"), bool("enabled", "enabled"),
      integer("tickPoints", "tick_points"), integer("stopsLevelPoints", "stops_level_points")),
    null, "Symbol", "symbols");

  static final SettingEntity MARKUP_PROFILE = new SettingEntity("markup-profile", "markup_profile", "name", "name",
    false, null,
    List.of(integer("bidPoints", "bid_points"), integer("askPoints", "ask_points"),
      integer("minSpreadPoints", "min_spread_points")),
    new SettingEntity.Children("overrides", "markup_override", "profile", "symbol",
      List.of(integer("bidPoints", "bid_points"), integer("askPoints", "ask_points"),
        integer("minSpreadPoints", "min_spread_points"))),
    "MarkupProfile", "markupProfiles");

  static final SettingEntity LP = new SettingEntity("lp", "liquidity_provider", "name", "name", false, null,
    List.of(text("host", "host"), integer("port", "port"), text("senderCompId", "sender_comp_id"),
      text("targetCompId", "target_comp_id"), integer("heartbeatS", "heartbeat_s"),
      text("credentialsRef", "credentials_ref"), bool("marketData", "market_data"), bool("enabled", "enabled"),
      text("quantityUnit", "quantity_unit"), new SettingField("symbolNames", "symbol_names", SettingField.Kind.JSON),
      new SettingField("contractSizes", "contract_sizes", SettingField.Kind.JSON),
      new SettingField("executionProfile", "execution_profile", SettingField.Kind.JSON)),
    null, "Lp", "lps");

  static final SettingEntity ROUTING_RULE = new SettingEntity("routing-rule", "routing_rule", "id", "id", true, null,
    List.of(integer("priority", "priority"), text("group", "group_name"),
      new SettingField("accountId", "account_id", SettingField.Kind.LONG), text("symbol", "symbol"),
      decimal("minVolume", "min_volume"), decimal("maxVolume", "max_volume"), decimal("minToxicity", "min_toxicity"),
      decimal("maxToxicity", "max_toxicity"), text("action", "action"), integer("aBookPercent", "a_book_percent"),
      new SettingField("lps", "lps", SettingField.Kind.TEXT_ARRAY), bool("enabled", "enabled"),
      text("comment", "comment")),
    null, "RoutingRule", "routingRules");

  /** Hedging limits per symbol (0020); the hedger reads them on every look, so changes apply at once. */
  static final SettingEntity EXPOSURE_LIMIT = new SettingEntity("exposure-limit", "exposure_limit", "symbol", "symbol",
    false, null, List.of(decimal("maxNetLots", "max_net_lots"), decimal("targetNetLots", "target_net_lots"),
      bool("enabled", "enabled")),
    null, "ExposureLimit", "exposureLimits");

  static final List<SettingEntity> ALL = List.of(GROUP, SYMBOL, MARKUP_PROFILE, LP, ROUTING_RULE, EXPOSURE_LIMIT);

  private SettingEntities() {
  }

  static SettingEntity byType(String type) {
    return ALL.stream().filter(e -> e.type().equals(type)).findFirst()
      .orElseThrow(() -> new AdminException(ApiErrorCode.VALIDATION_INVALID_VALUE, "no setting type " + type, "entityType"));
  }
}
