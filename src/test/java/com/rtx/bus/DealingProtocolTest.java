package com.rtx.bus;

import com.rtx.core.account.AccountStatus;
import com.rtx.core.trading.OrderType;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Side;
import com.rtx.core.trading.TimeInForce;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dealing protocol on a real event bus: records delivered as themselves within a JVM, their
 * JSON wire form read back equal, failures arriving as failures, and the edge's reading of
 * requests refusing what a hostile client sends, naming the field.
 */
@ExtendWith(VertxExtension.class)
class DealingProtocolTest {

  private static final JsonObject AUDIT = new JsonObject().put("action", "adjustBalance").put("actorId", 3);

  static Stream<DealingRequest> requests() {
    return Stream.of(
      new DealingRequest.PlaceOrder(7, "EURUSD", Side.BUY, OrderType.STOP_LIMIT, 123, new BigDecimal("1.10010"),
        new BigDecimal("1.10020"), new BigDecimal("1.09000"), new BigDecimal("1.12000"), 150, TimeInForce.GTD,
        Instant.parse("2026-12-31T21:00:00Z"), new BigDecimal("0.00020"), "c-1"),
      new DealingRequest.PlaceOrder(7, "EURUSD", Side.SELL, OrderType.MARKET, 1, null, null, null, null, 0, null, null,
        null, null),
      new DealingRequest.ModifyOrder(7, 42, new BigDecimal("1.2"), null, new BigDecimal("1.1"), null, 10,
        TimeInForce.GTC, null),
      new DealingRequest.CancelOrder(7, 42, AUDIT),
      new DealingRequest.ModifyPosition(7, 43, null, new BigDecimal("1.3"), 0),
      new DealingRequest.ClosePosition(7, 43, 50, "close-1", new BigDecimal("1.10001"), new BigDecimal("0.0001"), null),
      new DealingRequest.CloseBy(7, 43, 44, "by-1"),
      new DealingRequest.Balance(7, DealingRequest.BalanceOp.WITHDRAW, new BigDecimal("100.25"), "wire", AUDIT),
      new DealingRequest.ChangeStatus(7, AccountStatus.CLOSE_ONLY, null),
      new DealingRequest.ReadAccount(7),
      new DealingRequest.Reload(7),
      new DealingRequest.LpExecution(7, 42, "7-42-1", "LP1", "x-1", true, "FILL", "FILLED", new BigDecimal("0.10"),
        new BigDecimal("1.10003"), new BigDecimal("0.10"), new BigDecimal("0"), new BigDecimal("1.10003"), null, "EURUSD"),
      new DealingRequest.SettleLpOrder(7, 42, DealingRequest.SettleOutcome.FILLED, new BigDecimal("1.10003"), "LP1-E9",
        "filled at 1.10003, chat with LP1 desk 14:03", AUDIT),
      new DealingRequest.SettleLpOrder(7, 42, DealingRequest.SettleOutcome.NOT_FILLED, null, "ref-7", "never received",
        AUDIT));
  }

  private Vertx vertx;

  @BeforeEach
  void codecs(Vertx vertx) {
    this.vertx = vertx;
    DealingCodecs.register(vertx.eventBus());
    DealingCodecs.register(vertx.eventBus()); // every sender registers: a second call changes nothing
  }

  @ParameterizedTest
  @MethodSource("requests")
  void everyRequestReadsBackEqualFromItsJsonAndFromTheWire(DealingRequest request) {
    assertThat(DealingRequests.fromJson(DealingRequests.toJson(request))).isEqualTo(request);
    assertThat(wire(request)).isEqualTo(request);
  }

  @Test
  void everyKindOfRequestIsCovered() {
    assertThat(requests().map(Object::getClass).distinct().toList())
      .containsExactlyInAnyOrder(DealingRequest.class.getPermittedSubclasses());
  }

  @Test
  void repliesAndFailuresCrossTheWireIntact() {
    DealingReply rejected = DealingReply.rejected(RejectReason.INSUFFICIENT_MARGIN, "needs 12.00 USD")
      .withClientOrderId("c-9").asReplay().withBatchId(5L);
    DealingReply filled = DealingReply.outcome(DealingReply.Status.FILLED, 99L, new JsonArray().add(new JsonObject()
      .put("type", "ORDER_FILLED"))).withAccount(new JsonObject().put("balance", "10.00")).asAudited();
    DealingReply read = DealingReply.read(new JsonObject().put("version", 3), new JsonArray(), new JsonArray());
    for (DealingReply reply : List.of(rejected, filled, read, DealingReply.reloaded(true),
      DealingReply.atLp(5, "LP2", new JsonArray(), "with LP2"))) {
      assertThat(wire(reply)).isEqualTo(reply);
    }
    DealingFailure failure = new DealingFailure("VALIDATION_INVALID_VALUE", 400, "price has 6 decimals", "price");
    DealingFailure back = wire(failure);
    assertThat(back.code()).isEqualTo("VALIDATION_INVALID_VALUE");
    assertThat(back.field()).isEqualTo("price");
    assertThat(back.failureCode()).isEqualTo(400);
    assertThat(back.getMessage()).isEqualTo("price has 6 decimals");
  }

  @Test
  void aStoredResultOfAnEarlierVersionStillReads() {
    DealingReply old = DealingReply.fromJson(new JsonObject("{\"httpStatus\":200,\"status\":\"FILLED\",\"orderId\":7}"));
    assertThat(old.status()).isEqualTo(DealingReply.Status.FILLED);
    assertThat(old.orderId()).isEqualTo(7);
  }

  @Test
  void withinAJvmTheRecordItselfIsDeliveredAndAFailureFailsTheRequest(VertxTestContext test) {
    DealingRequest sent = new DealingRequest.ReadAccount(11);
    DealingReply answer = DealingReply.reloaded(false);
    vertx.eventBus().<Object>consumer("test.dealing", m -> {
      if (m.body() == sent) {
        m.reply(answer);
      } else {
        m.reply(new DealingFailure("ACCOUNT_NOT_FOUND", 404, "no account", "accountId"));
      }
    });
    vertx.eventBus().<DealingReply>request("test.dealing", sent)
      .compose(reply -> {
        test.verify(() -> assertThat(reply.body()).isSameAs(answer));
        return vertx.eventBus().request("test.dealing", new DealingRequest.ReadAccount(12));
      })
      .onComplete(ar -> test.verify(() -> {
        assertThat(ar.failed()).isTrue();
        assertThat(ar.cause()).isInstanceOf(DealingFailure.class);
        assertThat(((DealingFailure) ar.cause()).field()).isEqualTo("accountId");
        test.completeNow();
      }));
  }

  private static JsonObject order() {
    return new JsonObject().put("op", "placeOrder").put("accountId", 7).put("symbol", "EURUSD").put("side", "BUY")
      .put("type", "MARKET").put("volume", "0.10");
  }

  @Test
  void theEdgeRefusesHostileValuesNamingTheField() {
    refused(order().put("volume", "1e3"), "volume");
    refused(order().put("volume", "-0.10"), "volume");
    refused(order().put("volume", "0.001"), "volume");
    refused(order().put("volume", "0"), "volume");
    refused(order().put("volume", "9".repeat(31)), "volume");
    refused(order().put("volume", "99999999999999999999"), "volume");
    refused(order().put("volume", 0.1), "volume");
    refused(order().put("volume", "0.10\u0000"), "volume");
    refused(order().put("price", "0"), "price");
    refused(order().put("price", "1e300"), "price");
    refused(order().put("sl", "-1.1"), "sl");
    refused(order().put("maxDeviation", "-0.0001"), "maxDeviation");
    refused(order().put("trailingPoints", 1e300), "trailingPoints");
    refused(order().put("trailingPoints", 2.5), "trailingPoints");
    refused(order().put("trailingPoints", -1), "trailingPoints");
    refused(order().put("trailingPoints", DealingRequests.MAX_POINTS + 1), "trailingPoints");
    refused(order().put("clientOrderId", "x".repeat(65)), "clientOrderId");
    refused(order().put("clientOrderId", ""), "clientOrderId");
    refused(order().put("expireAt", "tomorrow"), "expireAt");
    refused(order().put("side", "LONG"), "side");
    refused(order().put("type", null), "type");
    refused(order().put("accountId", -7), "accountId");
    refused(order().put("accountId", "99999999999999999999"), "accountId");
    refused(order().put("accountId", 7.5), "accountId");
    refused(order().put("op", "transferEverything"), "op");
    refused(new JsonObject().put("op", "cancelOrder").put("accountId", 7).put("orderId", Long.MIN_VALUE), "orderId");
    refused(new JsonObject().put("op", "deposit").put("accountId", 7).put("amount", "1e9"), "amount");
    refused(new JsonObject().put("op", "deposit").put("accountId", 7).put("amount", "10").put("audit", "forged"), "audit");
    refused(settle().put("outcome", "HALF"), "outcome");
    JsonObject filledWithoutPrice = settle();
    filledWithoutPrice.remove("price");
    refused(filledWithoutPrice, "price");
    refused(settle().put("outcome", "NOT_FILLED"), "price");
    refused(settle().put("price", "-1.1"), "price");
    refused(settle().put("price", "1e300"), "price");
    refused(settle().put("lpExecId", "x\u0000y"), "lpExecId");
    refused(settle().put("lpExecId", "e".repeat(65)), "lpExecId");
    refused(settle().put("confirmation", " "), "confirmation");
    refused(settle().put("confirmation", "ok\u0000"), "confirmation");
    refused(settle().put("confirmation", "c".repeat(2001)), "confirmation");
    refused(settle().put("orderId", 0), "orderId");
  }

  private static JsonObject settle() {
    return new JsonObject().put("op", "settleLpOrder").put("accountId", 7).put("orderId", 42).put("outcome", "FILLED")
      .put("price", "1.10003").put("lpExecId", "LP1-E9").put("confirmation", "filled per LP1 desk");
  }

  private static void refused(JsonObject json, String field) {
    assertThatThrownBy(() -> DealingRequests.fromJson(json)).as(json.encode())
      .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  /** Through the registered codec's wire form, as between two nodes. */
  @SuppressWarnings("unchecked")
  private <T> T wire(T value) {
    MessageCodec<T, T> codec = (MessageCodec<T, T>) codecOf(value);
    Buffer buffer = Buffer.buffer();
    codec.encodeToWire(buffer, value);
    return codec.decodeFromWire(0, buffer);
  }

  private static MessageCodec<?, ?> codecOf(Object value) {
    return value instanceof DealingReply ? DealingCodecs.REPLY : value instanceof DealingFailure ? DealingCodecs.FAILURE
      : DealingCodecs.request(value.getClass());
  }
}
