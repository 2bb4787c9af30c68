package com.rtx.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks secrets before configuration is logged or published: values of keys whose name contains
 * password, secret, token or key, Sentry DSNs (they carry the project key), and passwords inside
 * connection URLs.
 */
public final class SecretMasker {

  public static final String MASK = "****";
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]*:)[^@/\\s]+@");
  private static final Pattern URL_PASSWORD_PARAM =
    Pattern.compile("((?:^|[?&])password=)[^&\\s]*", Pattern.CASE_INSENSITIVE);

  private SecretMasker() {
  }

  public static boolean isSecretKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return lower.contains("password") || lower.contains("secret") || lower.contains("token")
      || lower.contains("key") || lower.endsWith("dsn");
  }

  public static JsonObject mask(JsonObject json) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> entry : json) {
      out.put(entry.getKey(), maskValue(entry.getKey(), entry.getValue()));
    }
    return out;
  }

  /** A URL with any embedded password replaced, e.g. {@code postgresql://rtx:****@db/rtx}. */
  public static String maskUrl(String url) {
    if (url == null) {
      return null;
    }
    String masked = URL_PASSWORD.matcher(url).replaceAll("$1" + MASK + "@");
    return URL_PASSWORD_PARAM.matcher(masked).replaceAll("$1" + MASK);
  }

  private static Object maskValue(String key, Object value) {
    if (value instanceof JsonObject nested) {
      return mask(nested);
    }
    if (value == null) {
      return null;
    }
    if (isSecretKey(key)) {
      return MASK;
    }
    if (value instanceof String text) {
      return maskUrl(text);
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(item instanceof String text ? maskUrl(text) : item));
      return copy;
    }
    return value;
  }
}
