package com.rtx.platform.http;

import com.rtx.core.trading.RejectReason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** One name per meaning, one status per code, and no code written as a string in the engine. */
class ApiErrorCodeTest {

  @Test
  void rejectionsAndErrorsShareNoName() {
    Set<String> reasons = Set.copyOf(Arrays.stream(RejectReason.values()).map(Enum::name).toList());

    assertThat(ApiErrorCode.values()).noneMatch(c -> reasons.contains(c.name()));
    assertThat(ApiErrorCode.vocabulary()).hasSize(RejectReason.values().length + ApiErrorCode.values().length);
  }

  @Test
  void theRetiredSynonymsAreGone() {
    // Each was a second name for a code of the vocabulary (INTERNAL for INTERNAL_ERROR, ...).
    assertThat(ApiErrorCode.vocabulary()).doesNotContain("INTERNAL", "MISSING_FIELD", "INVALID_VALUE",
      "MISSING_PARAMETER", "UNSUPPORTED_MEDIA_TYPE", "MALFORMED_JSON", "MESSAGE_TOO_LARGE", "UNSUPPORTED_FRAME",
      "UNKNOWN_TYPE", "UNKNOWN_CHANNEL", "INVALID_RANGE", "VALIDATION_FAILED", "TOO_MANY_LOGIN_ATTEMPTS",
      "ADMIN_TIMEOUT", "DEALING_ERROR", "UNKNOWN_OPERATION", "ERROR");
  }

  @Test
  void noCodeIsAValidationCodeWithoutItsPrefix() {
    Set<String> names = ApiErrorCode.vocabulary();

    assertThat(names).noneMatch(n -> names.contains("VALIDATION_" + n));
  }

  @Test
  void aCodesStatusIsItsOwnAndARejectionsIs404Or422() {
    assertThat(ApiErrorCode.statusOf("VALIDATION_MISSING_FIELD")).isEqualTo(400);
    assertThat(ApiErrorCode.statusOf("DEALING_UNAVAILABLE")).isEqualTo(503);
    assertThat(ApiErrorCode.statusOf("OUTCOME_UNKNOWN")).isEqualTo(504);
    assertThat(ApiErrorCode.statusOf("ORDER_NOT_FOUND")).isEqualTo(404);
    assertThat(ApiErrorCode.statusOf("POSITION_NOT_FOUND")).isEqualTo(404);
    assertThat(ApiErrorCode.statusOf("INSUFFICIENT_MARGIN")).isEqualTo(422);
    assertThat(ApiErrorCode.statusOf(RejectReason.TRADING_HALTED)).isEqualTo(422);
    assertThat(ApiErrorCode.statusOf("NO_SUCH_CODE")).isEqualTo(500);
    for (ApiErrorCode code : ApiErrorCode.values()) {
      assertThat(code.status()).as(code.name()).isBetween(400, 599);
      assertThat(code.meaning()).as(code.name()).isNotBlank();
    }
  }

  /**
   * The engine's code (the LP simulator's own control API aside) never spells a code of the
   * vocabulary as a string literal: each is an enum constant, so a rename reaches every use.
   */
  @Test
  void noCodeIsAStringLiteralInTheEngine() throws IOException {
    Pattern literal = Pattern.compile("\"([A-Z][A-Z0-9_]+)\"");
    Set<String> vocabulary = ApiErrorCode.vocabulary();
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/com/rtx"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/lpsim/")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.startsWith("*") || line.startsWith("/*") || line.startsWith("//")) {
            continue;
          }
          Matcher m = literal.matcher(line);
          while (m.find()) {
            if (vocabulary.contains(m.group(1))) {
              found.add(file + ":" + (i + 1) + " " + m.group(1));
            }
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }
}
