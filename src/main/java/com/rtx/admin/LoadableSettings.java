package com.rtx.admin;

import com.rtx.core.market.Lots;
import com.rtx.core.money.Money;
import com.rtx.core.routing.ExecutionProfile;
import com.rtx.platform.http.ApiErrorCode;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.List;

/**
 * Settings values that dealing reads with exact scales (lots with {@link Lots#DIGITS} decimals,
 * money with its currency's digits): a change that dealing could not load is refused here with 422
 * {@code INVALID_SETTING} naming the field. Dealing keeps its previous reference data when a reload
 * fails, so before this check such a change was stored and shown as done while dealing went on
 * with the old settings, and ignored every later change too (found by the contract fuzzer: a group
 * commission of {@code 1.10500} USD, a routing rule's volume of {@code 0.00001} lots).
 */
final class LoadableSettings {

  private static final List<String> GROUP_LOTS = List.of("maxVolumePerOrder");
  private static final List<String> RULE_LOTS = List.of("minVolume", "maxVolume");
  private static final List<String> SYMBOL_LOTS = List.of("volumeMin", "volumeMax", "volumeStep");

  private LoadableSettings() {
  }

  /** The refusal for {@code after} (the entity's state after the change), or null when dealing can load it. */
  static AdminException check(SettingEntity e, JsonObject after) {
    if (after == null) {
      return null;
    }
    if (e == SettingEntities.GROUP) {
      String currency = after.getString("currency");
      String commissionCurrency = after.getString("commissionCurrency", currency);
      AdminException refused = lots(after, GROUP_LOTS);
      if (refused == null) {
        refused = money(after, "commissionAmount", commissionCurrency);
      }
      return refused != null ? refused : money(after, "maxNotionalPerOrder", currency);
    }
    if (e == SettingEntities.ROUTING_RULE) {
      return lots(after, RULE_LOTS);
    }
    if (e == SettingEntities.SYMBOL) {
      return lots(after, SYMBOL_LOTS);
    }
    if (e == SettingEntities.LP) {
      return executionProfile(after.getValue("executionProfile"));
    }
    return null;
  }

  /** The router loads an LP's profile with the same parser: one it could not load is refused here. */
  private static AdminException executionProfile(Object value) {
    if (value == null) {
      return null;
    }
    try {
      JsonObject profile = value instanceof JsonObject o ? o : new JsonObject(value.toString());
      ExecutionProfile.parse(new JsonObject(profile.encode()).getMap());
      return null;
    } catch (ExecutionProfile.Invalid invalid) {
      return new AdminException(ApiErrorCode.INVALID_SETTING, invalid.getMessage(), invalid.field());
    } catch (RuntimeException notAnObject) {
      return new AdminException(ApiErrorCode.INVALID_SETTING, "executionProfile must be an object", "executionProfile");
    }
  }

  private static AdminException lots(JsonObject state, List<String> fields) {
    for (String field : fields) {
      BigDecimal value = decimal(state, field);
      try {
        if (value != null) {
          Lots.of(value.stripTrailingZeros());
        }
      } catch (ArithmeticException e) {
        return refused(field, "volumes have at most " + Lots.DIGITS + " decimals");
      }
    }
    return null;
  }

  private static AdminException money(JsonObject state, String field, String currency) {
    BigDecimal value = decimal(state, field);
    try {
      if (value != null && currency != null) {
        Money.of(currency, value.stripTrailingZeros());
      }
      return null;
    } catch (ArithmeticException | IllegalArgumentException e) {
      return refused(field, "more decimals than " + currency + " has, or out of range");
    }
  }

  private static BigDecimal decimal(JsonObject state, String field) {
    Object value = state.getValue(field);
    return value == null ? null : new BigDecimal(value.toString());
  }

  private static AdminException refused(String field, String why) {
    return new AdminException(ApiErrorCode.INVALID_SETTING, field + ": " + why, field);
  }
}
