package com.rtx.platform.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {

  @Test
  void masksValuesOfSecretLookingKeysAtAnyDepth() {
    JsonObject config = new JsonObject()
      .put("pg", new JsonObject().put("password", "hunter2").put("user", "rtx"))
      .put("jwt", new JsonObject().put("signing-key", "k").put("issuer", "rtx"))
      .put("lp", new JsonObject().put("api-token", "t").put("client-secret", "s"));

    JsonObject masked = SecretMasker.mask(config);

    assertThat(masked.encode()).doesNotContain("hunter2", "\"k\"", "\"t\"", "\"s\"");
    assertThat(masked.getJsonObject("pg").getString("user")).isEqualTo("rtx");
    assertThat(masked.getJsonObject("jwt").getString("issuer")).isEqualTo("rtx");
    assertThat(masked.getJsonObject("pg").getString("password")).isEqualTo(SecretMasker.MASK);
  }

  @Test
  void masksPasswordsInsideUrls() {
    assertThat(SecretMasker.maskUrl("postgresql://rtx:hunter2@db:5432/rtx")).isEqualTo("postgresql://rtx:****@db:5432/rtx");
    assertThat(SecretMasker.maskUrl("redis://:hunter2@cache:6379/0")).isEqualTo("redis://:****@cache:6379/0");
    assertThat(SecretMasker.maskUrl("postgresql://db/rtx?user=rtx&password=hunter2")).isEqualTo("postgresql://db/rtx?user=rtx&password=****");
    assertThat(SecretMasker.maskUrl("postgresql://rtx@db/rtx")).isEqualTo("postgresql://rtx@db/rtx");
    assertThat(SecretMasker.mask(new JsonObject().put("pg", new JsonObject().put("url", "postgresql://a:b@c/d"))).encode())
      .doesNotContain(":b@");
  }
}
