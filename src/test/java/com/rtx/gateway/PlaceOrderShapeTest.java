package com.rtx.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick order-entry check vouches only for bodies the contract's own schema accepts: 50,000
 * bodies built from valid and hostile field values (wrong types, fractions, exponents, huge and
 * negative numbers, NUL and line terminators, unknown and missing fields), each one it calls plainly
 * valid is checked against the schema validator of the trader contract. Ordinary orders are
 * vouched for, so they skip the general validator.
 */
class PlaceOrderShapeTest {

  private static Vertx vertx;
  private static Validator schema;

  private static final List<String> NAMES = List.of("accountId", "symbol", "side", "type", "volume", "price",
    "stopLimitPrice", "sl", "tp", "trailingPoints", "timeInForce", "expireAt", "maxDeviation", "clientOrderId",
    "unknown", "");

  /** Raw JSON values, valid for some field or hostile to all. */
  private static final List<String> VALUES = List.of("1", "100001", "0", "-1", "9223372036854775807",
    "9223372036854775808", "1.0", "1e3", "1000000000", "1000000001", "true", "null", "[]", "{}",
    "\"EURUSD\"", "\"EURUSD\\n\"", "\"eurusd\"", "\"" + "A".repeat(33) + "\"", "\"" + "A".repeat(32) + "\"", "\"\"",
    "\"BUY\"", "\"SELL\"", "\"buy\"", "\"MARKET\"", "\"LIMIT\"", "\"STOP\"", "\"STOP_LIMIT\"", "\"GTC\"", "\"IOC\"",
    "\"0.10\"", "\"1\"", "\"1.\"", "\".5\"", "\"-1\"", "\"1e3\"", "\"123456789012345\"", "\"1234567890123456\"",
    "\"1.1234567890\"", "\"1.12345678901\"", "\"0.10\\u0000\"", "\"1.5\\n\"", "\" 1\"", "0.1",
    "\"2030-01-01T00:00:00Z\"", "\"tomorrow\"", "\"cid-1\"", "\"a:b.c_d-e\"", "\"a b\"", "\"" + "c".repeat(64) + "\"",
    "\"" + "c".repeat(65) + "\"", "\"\\u2028\"");

  @BeforeAll
  static void contract() {
    vertx = Vertx.vertx();
    OpenAPIContract contract = OpenAPIContract.from(vertx, TraderApiRouter.CONTRACT).await();
    schema = contract.getSchemaRepository().validator(
      contract.operation("placeOrder").getRequestBody().getContent().get("application/json").getSchema());
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  private static boolean schemaAccepts(Object body) {
    OutputUnit result = schema.validate(body);
    return result.getValid();
  }

  @Test
  void ordinaryOrdersAreVouchedForAndTheSchemaAgrees() {
    for (String json : List.of(
      "{\"accountId\":100001,\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"type\":\"MARKET\",\"volume\":\"0.10\"}",
      "{\"accountId\":100001,\"symbol\":\"EURUSD\",\"side\":\"SELL\",\"type\":\"MARKET\",\"volume\":\"1\","
        + "\"clientOrderId\":\"bench-1:2\",\"sl\":\"1.2\",\"tp\":\"1.05\",\"maxDeviation\":\"0.0005\"}",
      "{\"accountId\":100001,\"symbol\":\"XAUUSD\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"volume\":\"0.01\","
        + "\"price\":\"1900.5\",\"timeInForce\":\"GTC\",\"trailingPoints\":150}")) {
      Object body = Json.decodeValue(json);
      assertThat(PlaceOrderShape.plainlyValid(body)).as(json).isTrue();
      assertThat(schemaAccepts(body)).as(json).isTrue();
    }
  }

  @Test
  void whatItVouchesForTheContractAccepts() {
    Random random = new Random(20261205);
    int vouched = 0;
    int rejectedBySchema = 0;
    for (int i = 0; i < 50_000; i++) {
      StringBuilder json = new StringBuilder("{\"accountId\":100001,\"symbol\":\"EURUSD\",\"side\":\"BUY\","
        + "\"type\":\"MARKET\",\"volume\":\"0.10\"");
      int fields = random.nextInt(4);
      for (int f = 0; f < fields; f++) {
        json.append(",\"").append(NAMES.get(random.nextInt(NAMES.size()))).append("\":")
          .append(VALUES.get(random.nextInt(VALUES.size())));
      }
      String text = json.append('}').toString();
      Object body = Json.decodeValue(text);
      if (random.nextInt(10) == 0) {
        // Drop a required field now and then (a JSON object keeps the last of repeated names).
        ((JsonObject) body).remove(List.of("accountId", "symbol", "side", "type", "volume").get(random.nextInt(5)));
      }
      boolean accepted = schemaAccepts(body);
      if (PlaceOrderShape.plainlyValid(body)) {
        vouched++;
        assertThat(accepted).as("vouched for but refused by the contract: " + body).isTrue();
      }
      rejectedBySchema += accepted ? 0 : 1;
    }
    assertThat(vouched).as("bodies vouched for").isGreaterThan(5_000);
    assertThat(rejectedBySchema).as("hostile bodies generated").isGreaterThan(20_000);
  }
}
