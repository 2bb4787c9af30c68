package com.rtx.platform.config;

import io.vertx.core.json.JsonArray;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of a {@link LayeredConfig} that collect every problem (key, source, reason) instead
 * of stopping at the first, so an operator fixes a bad deployment in one round. Strings are
 * accepted for numbers, booleans and lists because environment variables and Secrets only hold
 * strings.
 */
final class ConfigReader {

  private final LayeredConfig config;
  private final List<ConfigProblem> problems = new ArrayList<>();

  ConfigReader(LayeredConfig config) {
    this.config = config;
  }

  List<ConfigProblem> problems() {
    return problems;
  }

  void problem(String key, String message) {
    problems.add(new ConfigProblem(key, config.sourceOf(key), message));
  }

  /** A string, or null when unset; blank counts as unset. */
  String optionalString(String key) {
    Object value = config.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
      problem(key, "must be a string, got " + value);
      return null;
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  String string(String key) {
    String value = optionalString(key);
    if (value == null && isValid(key)) {
      problem(key, "is required");
    }
    return value;
  }

  long longValue(String key, long min, long max) {
    Object value = config.get(key);
    long parsed;
    if (value instanceof Number number && number.doubleValue() == number.longValue()) {
      parsed = number.longValue();
    } else if (value instanceof String text && text.trim().matches("-?\\d{1,18}")) {
      parsed = Long.parseLong(text.trim());
    } else {
      problem(key, "must be a whole number, got " + describe(value));
      return min;
    }
    if (parsed < min || parsed > max) {
      problem(key, "must be between " + min + " and " + max + ", got " + parsed);
      return min;
    }
    return parsed;
  }

  int port(String key) {
    return (int) longValue(key, 1, 65535);
  }

  int intValue(String key, int min, int max) {
    return (int) longValue(key, min, max);
  }

  boolean bool(String key) {
    Object value = config.get(key);
    if (value instanceof Boolean flag) {
      return flag;
    }
    if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(text);
    }
    problem(key, "must be true or false, got " + describe(value));
    return false;
  }

  /** A list given as a JSON array of strings or a comma-separated string. */
  List<String> list(String key) {
    Object value = config.get(key);
    List<String> items = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        if (!(item instanceof String text)) {
          problem(key, "must be a list of strings, got " + describe(item));
          return List.of();
        }
        items.add(text.trim());
      }
    } else if (value instanceof String text) {
      Arrays.stream(text.split(",")).map(String::trim).forEach(items::add);
    } else if (value != null) {
      problem(key, "must be a list or a comma-separated string, got " + describe(value));
      return List.of();
    }
    items.removeIf(String::isEmpty);
    return items;
  }

  /** A JSON array (empty when unset). */
  JsonArray array(String key) {
    Object value = config.get(key);
    if (value == null) {
      return new JsonArray();
    }
    if (value instanceof JsonArray array) {
      return array;
    }
    if (value instanceof String text && text.trim().startsWith("[")) {
      try {
        return new JsonArray(text);
      } catch (RuntimeException e) {
        problem(key, "is not a valid JSON array: " + e.getMessage());
        return new JsonArray();
      }
    }
    problem(key, "must be a JSON array, got " + describe(value));
    return new JsonArray();
  }

  private boolean isValid(String key) {
    return problems.stream().noneMatch(p -> p.key().equals(key));
  }

  private static String describe(Object value) {
    return value == null ? "nothing" : value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }

  /** A URL with one of {@code schemes}, or empty when unset; the problem names the URL with its password masked. */
  Optional<String> url(String key, String... schemes) {
    String value = optionalString(key);
    if (value == null) {
      return Optional.empty();
    }
    try {
      String scheme = URI.create(value).getScheme();
      if (scheme == null || !List.of(schemes).contains(scheme)) {
        problem(key, "must be a URL starting with " + String.join("://, ", schemes) + "://, got "
          + SecretMasker.maskUrl(value));
      }
    } catch (IllegalArgumentException e) {
      problem(key, "is not a valid URL: " + SecretMasker.maskUrl(value));
    }
    return Optional.of(value);
  }
}
