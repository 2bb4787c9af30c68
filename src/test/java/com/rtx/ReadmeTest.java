package com.rtx;

import com.rtx.platform.config.ConfigFiles;
import com.rtx.platform.config.DottedKeys;
import com.rtx.platform.config.EnvMapping;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** README's configuration reference lists every key and environment variable the engine reads. */
class ReadmeTest {

  @Test
  void configurationReferenceIsComplete() throws IOException {
    String readme = Files.readString(Path.of("README.md"));

    for (EnvMapping.EnvVar variable : EnvMapping.VARIABLES) {
      assertThat(readme).as("README row for " + variable.name())
        .contains("| `" + variable.key() + "` | `" + variable.name() + "` |");
    }
    for (String key : DottedKeys.leafKeys(ConfigFiles.readClasspath("rtx-defaults.json"))) {
      assertThat(readme).as("README documents " + key).contains("`" + key + "`");
    }
  }
}
