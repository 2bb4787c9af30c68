package com.rtx;

import com.rtx.platform.config.ConfigWatcher;
import com.rtx.platform.config.EnvMapping;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the documentation says is acted on at run time is exactly what the engine acts on
 * ({@link ConfigWatcher#RUNTIME_KEYS}; a change to any other key is logged as needing a restart,
 * see ConfigChangeIT): the README's configuration section and the RUNBOOK name the same keys.
 */
class HotReloadDocsTest {

  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

  @Test
  void readmeNamesExactlyTheKeysActedOnAtRunTime() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(keys(readme, "are acted on at run time")).isEqualTo(new TreeSet<>(ConfigWatcher.RUNTIME_KEYS));
    assertThat(readme).contains("needing a restart", "rtx_config_restart_needed");
  }

  @Test
  void runbookNamesExactlyTheKeysActedOnWithoutARestart() throws IOException {
    String runbook = Files.readString(Path.of("deployment/RUNBOOK.md"));
    assertThat(keys(runbook, "are acted on without a restart")).isEqualTo(new TreeSet<>(ConfigWatcher.RUNTIME_KEYS));
    assertThat(runbook).as("the RUNBOOK's pool-size advice").contains("roll the pods", "needs a\nrestart");
  }

  /** The keys (dotted, or variables mapped to them) named between the last "Only " and {@code claim}. */
  private static Set<String> keys(String text, String claim) {
    int end = text.indexOf(claim);
    assertThat(end).as("the sentence '... %s'", claim).isPositive();
    int start = text.lastIndexOf("Only ", end);
    assertThat(start).as("'Only ...' before '%s'", claim).isNotNegative();
    Set<String> keys = new TreeSet<>();
    Matcher m = BACKTICKED.matcher(text.substring(start, end));
    while (m.find()) {
      String name = m.group(1);
      keys.add(EnvMapping.byName(name).map(EnvMapping.EnvVar::key).orElse(name));
    }
    return keys;
  }
}
