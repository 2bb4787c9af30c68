package com.rtx.cli;

import com.rtx.platform.config.ConfigSources;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --config FILE}, shared by the commands that read configuration. */
final class ConfigOptions {

  @Option(names = "--config", paramLabel = "FILE",
    description = "JSON configuration file (default: conf/rtx.json when present).")
  Path configFile;

  ConfigSources sources(JsonObject overrides) {
    return ConfigSources.of(configFile, System.getenv(), overrides);
  }
}
