package com.rtx.gateway;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trader and admin contracts' patterns end at the end of input. The Vert.x JSON-schema validator
 * applies a pattern with Java's {@code Matcher.find()}, where {@code $} also matches before a
 * final line terminator: {@code ^[A-Z0-9._]{1,32}$} accepts {@code "EURUSD\n"}.
 */
class TraderContractPatternsTest {

  private static final Pattern PATTERN = Pattern.compile("pattern: \"((?:[^\"\\\\]|\\\\.)*)\"");

  @Test
  void javasDollarMatchesBeforeAFinalLineTerminator() {
    assertThat(Pattern.compile("^[A-Z0-9._]{1,32}$").matcher("EURUSD\n").find()).isTrue();
    assertThat(Pattern.compile("^[A-Z0-9._]{1,32}(?![\\s\\S])").matcher("EURUSD\n").find()).isFalse();
  }

  @Test
  void everyPatternOfTheAdminContractEndsAtTheEndOfInput() throws IOException {
    List<String> patterns = patterns(AdminApiProxy.CONTRACT);
    assertThat(patterns).hasSizeGreaterThanOrEqualTo(10);
    endAtTheEndOfInput(patterns);
  }

  @Test
  void everyPatternOfTheTraderContractEndsAtTheEndOfInput() throws IOException {
    List<String> patterns = patterns(TraderApiRouter.CONTRACT);
    assertThat(patterns).hasSizeGreaterThanOrEqualTo(5);
    endAtTheEndOfInput(patterns);
    Pattern symbol = Pattern.compile(patterns.stream().filter(p -> p.contains("A-Z0-9._")).findFirst().orElseThrow());
    assertThat(symbol.matcher("EURUSD").find()).isTrue();
  }

  private static void endAtTheEndOfInput(List<String> patterns) {
    for (String pattern : patterns) {
      assertThat(pattern).as(pattern).startsWith("^").endsWith("(?![\\s\\S])").doesNotContain("$");
      Pattern compiled = Pattern.compile(pattern);
      for (String end : new String[] {"\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029"}) {
        assertThat(compiled.matcher("EURUSD" + end).find()).as(pattern + " with " + end.codePointAt(0)).isFalse();
        assertThat(compiled.matcher("1.5" + end).find()).as(pattern).isFalse();
        assertThat(compiled.matcher("A".repeat(43) + end).find()).as(pattern).isFalse();
      }
    }
  }

  /** The pattern values as the validator sees them (YAML double-quoted escapes undone). */
  private static List<String> patterns(String contract) throws IOException {
    String yaml;
    try (InputStream in = TraderContractPatternsTest.class.getClassLoader().getResourceAsStream(contract)) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> patterns = new ArrayList<>();
    Matcher m = PATTERN.matcher(yaml);
    while (m.find()) {
      patterns.add(m.group(1).replace("\\\\", "\\"));
    }
    return patterns;
  }
}
