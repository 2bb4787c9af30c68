package com.rtx.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Text PostgreSQL cannot store is refused before any handler, naming the field. */
class StoredTextTest {

  private static AdminRequest request(JsonObject path, JsonObject query, JsonObject body) {
    return new AdminRequest("op", path, query, body, null, "127.0.0.1", null, "r");
  }

  @Test
  void namesTheFieldHoldingANulOrAHalfSurrogate() {
    assertThat(StoredText.check(request(new JsonObject(), new JsonObject(),
      new JsonObject().put("username", "ad\u0000min"))).toJson().getJsonObject("error").getString("field"))
      .isEqualTo("username");
    assertThat(StoredText.check(request(new JsonObject(), new JsonObject(),
      new JsonObject().put("overrides", new JsonObject().put("EURUSD", "\ud800")))).toJson()
      .getJsonObject("error").getString("field")).isEqualTo("overrides.EURUSD");
    assertThat(StoredText.check(request(new JsonObject(), new JsonObject().put("symbol", "EUR\u0000"), new JsonObject()))
      .status()).isEqualTo(400);
    assertThat(StoredText.check(request(new JsonObject(), new JsonObject(),
      new JsonObject().put("permissions", new JsonArray().add("a\u0000"))))).isNotNull();
  }

  @Test
  void acceptsAnyOtherText() {
    assertThat(StoredText.check(request(new JsonObject().put("name", "x"), new JsonObject(),
      new JsonObject().put("comment", "<script>alert(1)</script> 😀 \t\n ünïcode")))).isNull();
  }
}
