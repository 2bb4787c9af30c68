package com.rtx.routing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** An LP report no shard could read is logged and dropped at the router, not thrown into the FIX callback. */
@ExtendWith(VertxExtension.class)
class ReportDeliveryTest {

  @Test
  void anUnreadableReportIsNotQueuedAndDoesNotThrow(Vertx vertx) {
    ReportDelivery delivery = new ReportDelivery(vertx, 16, 1_000, 1_000);
    JsonObject report = new JsonObject().put("op", "execution").put("accountId", 7).put("orderId", 42)
      .put("clOrdId", "7-42-1").put("lp", "LP1").put("execId", "x-1").put("execType", "FILL")
      .put("ordStatus", "FILLED").put("lastQty", "0.10").put("lastPx", "1" + "0".repeat(300));

    delivery.deliver(report);

    assertThat(delivery.pending()).isZero();
    delivery.close();
  }
}
