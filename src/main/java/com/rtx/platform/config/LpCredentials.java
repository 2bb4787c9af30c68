package com.rtx.platform.config;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.TreeMap;

/** FIX logon credentials of an LP, referenced by name from the LP's database row. */
public record LpCredentials(String username, String password) {
  @Override
  public String toString() {
    return "LpCredentials[username=" + username + ", password=" + SecretMasker.MASK + "]";
  }

  /** Every entry of {@code lp-credentials}, by reference name. */
  static Map<String, LpCredentials> parse(ConfigReader in, LayeredConfig config) {
    Map<String, LpCredentials> credentials = new TreeMap<>();
    if (!(config.get("lp-credentials") instanceof JsonObject all)) {
      return credentials;
    }
    for (String ref : all.fieldNames()) {
      if (!(all.getValue(ref) instanceof JsonObject entry) || entry.getString("username") == null) {
        in.problem("lp-credentials." + ref, "must be {\"username\": ..., \"password\": ...}");
        continue;
      }
      credentials.put(ref, new LpCredentials(entry.getString("username"), entry.getString("password")));
    }
    return credentials;
  }
}
