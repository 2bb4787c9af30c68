package com.rtx.dealing;

import com.rtx.core.account.Group;
import com.rtx.core.account.GroupLimits;
import com.rtx.core.account.ExecutionMode;
import com.rtx.core.account.HedgedMarginMode;
import com.rtx.core.commission.CommissionPolicy;
import com.rtx.core.market.AssetClass;
import com.rtx.core.market.Instrument;
import com.rtx.core.market.Lots;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Money;
import com.rtx.core.routing.RoutingAction;
import com.rtx.core.routing.RoutingPolicy;
import com.rtx.core.routing.RoutingRule;
import com.rtx.core.pricing.MarkupProfile;
import com.rtx.refdata.ReferenceDataRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The business settings dealing runs on, loaded from PostgreSQL: client groups (with their
 * version), the symbol catalog with dealing terms, each group's markup profile, the routing rules
 * and each account's toxicity score ({@code account_toxicity}, recomputed by the hedger's leader,
 * which then publishes {@code rtx.refdata.changed}). Reloaded whole on {@code rtx.refdata.changed}.
 */
record DealingRefData(Map<String, Group> groups, SymbolCatalog symbols, Map<String, MarkupProfile> markupByGroup,
                      RoutingPolicy routing, Map<Long, BigDecimal> toxicity) {

  /** The account's toxicity score for routing; 0 until one is computed. */
  BigDecimal toxicity(long accountId) {
    return toxicity.getOrDefault(accountId, BigDecimal.ZERO);
  }

  Optional<Group> group(String name) {
    return Optional.ofNullable(groups.get(name));
  }

  MarkupProfile markup(String group) {
    MarkupProfile p = markupByGroup.get(group);
    return p != null ? p : MarkupProfile.zero("none");
  }

  static Future<DealingRefData> load(Pool pool) {
    ReferenceDataRepository repo = new ReferenceDataRepository(pool);
    Future<Map<String, Instrument>> instruments = repo.instruments();
    Future<Map<String, Integer[]>> terms = pool.query("SELECT name, tick_points, stops_level_points FROM symbol")
      .execute().map(rows -> {
        Map<String, Integer[]> byName = new HashMap<>();
        rows.forEach(r -> byName.put(r.getString("name"),
          new Integer[] {r.getInteger("tick_points"), r.getInteger("stops_level_points")}));
        return byName;
      });
    Future<Map<String, Group>> groups = pool.query("SELECT * FROM client_group").execute().map(rows -> {
      Map<String, Group> byName = new HashMap<>();
      rows.forEach(r -> byName.put(r.getString("name"), group(r)));
      return byName;
    });
    Future<ReferenceDataRepository.GroupMarkups> markups = repo.groupMarkups();
    Future<RoutingPolicy> routing = pool.query("SELECT r.*, coalesce((SELECT max(v.version) FROM settings_version v "
        + "WHERE v.entity_type = 'routing-rule' AND v.entity_key = r.id::text), 1) AS settings_version "
        + "FROM routing_rule r WHERE r.enabled").execute()
      .map(rows -> {
        List<RoutingRule> rules = new ArrayList<>();
        rows.forEach(r -> rules.add(rule(r)));
        return new RoutingPolicy(rules);
      });
    Future<Map<Long, BigDecimal>> toxicity = pool.query("SELECT account_id, score FROM account_toxicity").execute()
      .map(rows -> {
        Map<Long, BigDecimal> scores = new HashMap<>();
        rows.forEach(r -> scores.put(r.getLong(0), r.getBigDecimal(1)));
        return scores;
      });
    return Future.all(List.of(instruments, terms, groups, markups, routing, toxicity)).map(all -> {
      Map<String, SymbolTerms> catalog = new HashMap<>();
      instruments.result().forEach((name, instrument) -> {
        Integer[] t = terms.result().getOrDefault(name, new Integer[] {1, 0});
        catalog.put(name, new SymbolTerms(instrument, t[0], t[1]));
      });
      return new DealingRefData(groups.result(), new SymbolCatalog(catalog), markups.result().byGroup(),
        routing.result(), Map.copyOf(toxicity.result()));
    });
  }

  private static Group group(Row r) {
    String currency = r.getString("currency");
    return new Group(r.getString("name"), r.getLong("version"), currency, r.getInteger("leverage"),
      r.getBigDecimal("margin_call_level"), r.getBigDecimal("stop_out_level"), r.getString("markup_profile"),
      commission(r), r.getBoolean("swap_free"), ExecutionMode.valueOf(r.getString("execution")),
      HedgedMarginMode.valueOf(r.getString("hedged_margin")), r.getBoolean("negative_balance_protection"),
      new GroupLimits(Lots.of(r.getBigDecimal("max_volume_per_order")),
        Money.of(currency, r.getBigDecimal("max_notional_per_order").stripTrailingZeros()).minor(),
        r.getInteger("max_open_positions"), r.getInteger("pending_collar_bps"),
        leverageCaps(r.getJsonObject("leverage_caps"))), r.getBoolean("trading_enabled"));
  }

  private static RoutingRule rule(Row r) {
    String[] lps = r.getArrayOfStrings("lps");
    return new RoutingRule(r.getLong("id"), r.getInteger("priority"), r.getString("group_name"), r.getLong("account_id"),
      r.getString("symbol"), lots(r.getBigDecimal("min_volume")), lots(r.getBigDecimal("max_volume")),
      r.getBigDecimal("min_toxicity"), r.getBigDecimal("max_toxicity"), RoutingAction.valueOf(r.getString("action")),
      r.getInteger("a_book_percent"), lps == null ? List.of() : List.of(lps), r.getLong("settings_version"));
  }

  private static Long lots(BigDecimal value) {
    return value == null ? null : Lots.of(value.stripTrailingZeros());
  }

  private static CommissionPolicy commission(Row r) {
    BigDecimal amount = r.getBigDecimal("commission_amount").stripTrailingZeros();
    String currency = r.getString("commission_currency");
    return switch (r.getString("commission_type")) {
      case "PER_LOT" -> new CommissionPolicy.PerLot(Money.of(currency, amount));
      case "PER_MILLION" -> new CommissionPolicy.PerMillion(Money.of(currency, amount));
      default -> CommissionPolicy.none();
    };
  }

  private static Map<AssetClass, Integer> leverageCaps(JsonObject json) {
    Map<AssetClass, Integer> caps = new EnumMap<>(AssetClass.class);
    if (json != null) {
      json.forEach(e -> caps.put(AssetClass.valueOf(e.getKey()), ((Number) e.getValue()).intValue()));
    }
    return caps;
  }
}
