package com.rtx.platform.fix;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FixSecretsTest {

  @Test
  void masksCredentialFieldsInRawAndPipeSeparatedMessages() {
    String raw = "8=FIX.4.4\u00019=99\u000135=A\u0001553=rtx-md\u0001554=S3cret=x|y\u000198=0\u000110=123\u0001";

    assertThat(FixSecrets.mask(raw))
      .isEqualTo("8=FIX.4.4\u00019=99\u000135=A\u0001553=***\u0001554=***\u000198=0\u000110=123\u0001");
    assertThat(FixSecrets.mask("8=FIX.4.4|35=A|554=pw|925=new-pw|1402=enc|1404=enc2|96=raw|10=1|"))
      .isEqualTo("8=FIX.4.4|35=A|554=***|925=***|1402=***|1404=***|96=***|10=1|");
  }

  @Test
  void masksAMessageQuotedInsideAnEventText() {
    assertThat(FixSecrets.mask("Invalid message: 554=pw|58=x")).isEqualTo("Invalid message: 554=***|58=x");
    assertThat(FixSecrets.mask("554=pw")).isEqualTo("554=***");
  }

  @Test
  void leavesOtherTagsThatMerelyEndInTheSameDigitsAlone() {
    String text = "8=FIX.4.4|1554=keep|2553=keep|196=keep|44=1.0954|";

    assertThat(FixSecrets.mask(text)).isEqualTo(text);
    assertThat(FixSecrets.mask("logon from LP1")).isEqualTo("logon from LP1");
    assertThat(FixSecrets.mask(null)).isNull();
  }
}
