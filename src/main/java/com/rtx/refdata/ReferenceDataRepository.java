package com.rtx.refdata;

import com.rtx.core.market.AssetClass;
import com.rtx.core.market.Instrument;
import com.rtx.core.market.TradingSessions;
import com.rtx.core.pricing.MarkupProfile;
import com.rtx.core.pricing.MarkupRule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the market reference data (instruments, markup profiles, client groups, liquidity
 * providers) from PostgreSQL into the domain's records. Shared by every role that prices or
 * trades; the admin API (a later issue) is the writer.
 */
public final class ReferenceDataRepository {

  private final Pool pool;

  public ReferenceDataRepository(Pool pool) {
    this.pool = pool;
  }

  /** Every instrument, enabled or not, by name in name order. */
  public Future<Map<String, Instrument>> instruments() {
    return pool.query("SELECT * FROM symbol ORDER BY name").execute().map(rows -> {
      Map<String, Instrument> instruments = new LinkedHashMap<>();
      for (Row row : rows) {
        Instrument instrument = toInstrument(row);
        instruments.put(instrument.name(), instrument);
      }
      return instruments;
    });
  }

  public Future<List<LiquidityProvider>> liquidityProviders() {
    return pool.query("SELECT * FROM liquidity_provider ORDER BY name").execute().map(rows -> {
      List<LiquidityProvider> lps = new ArrayList<>();
      for (Row row : rows) {
        lps.add(new LiquidityProvider(row.getString("name"), row.getString("host"), row.getInteger("port"),
          row.getString("sender_comp_id"), row.getString("target_comp_id"),
          Optional.ofNullable(row.getInteger("heartbeat_s")), Optional.ofNullable(row.getString("credentials_ref")),
          row.getBoolean("market_data"), row.getBoolean("enabled"), LpDialects.of(row)));
      }
      return lps;
    });
  }

  /** The markup profile of every client group, and which group is the default. */
  public Future<GroupMarkups> groupMarkups() {
    Future<Map<String, MarkupProfile>> profiles = pool.query(
        "SELECT p.name, p.bid_points, p.ask_points, p.min_spread_points, "
          + "o.symbol, o.bid_points AS o_bid, o.ask_points AS o_ask, o.min_spread_points AS o_min "
          + "FROM markup_profile p LEFT JOIN markup_override o ON o.profile = p.name ORDER BY p.name")
      .execute().map(rows -> {
        Map<String, MarkupRule> defaults = new HashMap<>();
        Map<String, Map<String, MarkupRule>> overrides = new HashMap<>();
        for (Row row : rows) {
          String name = row.getString("name");
          defaults.put(name, new MarkupRule(row.getInteger("bid_points"), row.getInteger("ask_points"),
            row.getInteger("min_spread_points")));
          Map<String, MarkupRule> perSymbol = overrides.computeIfAbsent(name, n -> new HashMap<>());
          if (row.getString("symbol") != null) {
            perSymbol.put(row.getString("symbol"), new MarkupRule(row.getInteger("o_bid"), row.getInteger("o_ask"),
              row.getInteger("o_min")));
          }
        }
        Map<String, MarkupProfile> result = new HashMap<>();
        defaults.forEach((name, rule) -> result.put(name, new MarkupProfile(name, rule, overrides.get(name))));
        return result;
      });
    return profiles.compose(byProfile -> pool.query("SELECT name, markup_profile, is_default FROM client_group")
      .execute().map(rows -> {
        Map<String, MarkupProfile> byGroup = new HashMap<>();
        String defaultGroup = null;
        for (Row row : rows) {
          byGroup.put(row.getString("name"), byProfile.get(row.getString("markup_profile")));
          if (row.getBoolean("is_default")) {
            defaultGroup = row.getString("name");
          }
        }
        return new GroupMarkups(byGroup, Optional.ofNullable(defaultGroup));
      }));
  }

  private static Instrument toInstrument(Row row) {
    return new Instrument(row.getString("name"), row.getString("base_currency"), row.getString("quote_currency"),
      row.getShort("digits"), row.getBigDecimal("contract_size"), row.getBigDecimal("pip_size"),
      row.getBigDecimal("volume_min"), row.getBigDecimal("volume_max"), row.getBigDecimal("volume_step"),
      row.getString("margin_currency"), row.getBigDecimal("margin_rate"),
      AssetClass.valueOf(row.getString("asset_class")), TradingSessions.parse(row.getString("sessions")),
      row.getBigDecimal("swap_long"), row.getBigDecimal("swap_short"),
      DayOfWeek.valueOf(row.getString("triple_swap_day")), row.getBoolean("enabled"));
  }

  /** Spike limit override of a symbol, if its row sets one. */
  public Future<Map<String, Integer>> spikeLimits() {
    return pool.query("SELECT name, spike_max_jump_bps FROM symbol WHERE spike_max_jump_bps IS NOT NULL").execute()
      .map(rows -> {
        Map<String, Integer> limits = new HashMap<>();
        rows.forEach(row -> limits.put(row.getString("name"), row.getInteger("spike_max_jump_bps")));
        return limits;
      });
  }

  /** Markup profile per client group; quotes for anonymous clients use the default group's. */
  public record GroupMarkups(Map<String, MarkupProfile> byGroup, Optional<String> defaultGroup) {

    public MarkupProfile defaultProfile() {
      return defaultGroup.map(byGroup::get)
        .orElseGet(() -> new MarkupProfile("none", MarkupRule.ZERO, Map.of()));
    }
  }
}
