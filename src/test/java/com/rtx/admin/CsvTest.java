package com.rtx.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Report cells a spreadsheet would run as formulas are defused; numbers stay numbers. */
class CsvTest {

  @Test
  void formulaCellsGetALeadingQuote() {
    assertThat(Csv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
    assertThat(Csv.cell("+1+cmd")).isEqualTo("'+1+cmd");
    assertThat(Csv.cell("-2+3+cmd|' /C calc'!A0")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
    assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Csv.cell("\tx")).isEqualTo("'\tx");
    assertThat(Csv.cell("\r=1")).isEqualTo("\"'\r=1\"");
  }

  @Test
  void numbersAndPlainTextStayAsTheyAre() {
    assertThat(Csv.cell("-12.50")).isEqualTo("-12.50");
    assertThat(Csv.cell("-3")).isEqualTo("-3");
    assertThat(Csv.cell("EURUSD")).isEqualTo("EURUSD");
    assertThat(Csv.cell("")).isEmpty();
    assertThat(Csv.of(List.of("a", "b"), new JsonArray().add(new JsonObject().put("a", "-1.5").put("b", "-x"))))
      .isEqualTo("a,b\r\n-1.5,'-x\r\n");
  }
}
