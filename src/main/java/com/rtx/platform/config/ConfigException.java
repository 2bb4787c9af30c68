package com.rtx.platform.config;

import java.util.List;
import java.util.stream.Collectors;

/** Configuration that cannot be used; the engine stops with exit code 2 and this message. */
public final class ConfigException extends RuntimeException {

  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String message) {
    super(message);
    this.problems = List.of();
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
