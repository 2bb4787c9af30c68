package com.rtx.platform.config;

/** One invalid configuration value: which key, where it was set, what is wrong with it. */
public record ConfigProblem(String key, String source, String message) {

  @Override
  public String toString() {
    return "invalid configuration: " + key + " (from " + source + "): " + message;
  }
}
