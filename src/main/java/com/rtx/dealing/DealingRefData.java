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
import com.rtx.core.pricing.MarkupProfile;
import com.rtx.refdata.ReferenceDataRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The business settings dealing runs on, loaded from PostgreSQL: client groups (with their
 * version), the symbol catalog with dealing terms, and each group's markup profile. Reloaded
 * whole on {@code rtx.refdata.changed}.
 */
record DealingRefData(Map<String, Group> groups, SymbolCatalog symbols, Map<String, MarkupProfile> markupByGroup) {

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
    return Future.all(instruments, terms, groups, markups).map(all -> {
      Map<String, SymbolTerms> catalog = new HashMap<>();
      instruments.result().forEach((name, instrument) -> {
        Integer[] t = terms.result().getOrDefault(name, new Integer[] {1, 0});
        catalog.put(name, new SymbolTerms(instrument, t[0], t[1]));
      });
      return new DealingRefData(groups.result(), new SymbolCatalog(catalog), markups.result().byGroup());
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
        leverageCaps(r.getJsonObject("leverage_caps"))));
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
