package com.rtx.pricing;

import com.rtx.bus.QuoteMessages;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the last quote of each symbol in Redis ({@code SET rtx:quote:<SYMBOL> <json> PX stale-ms}),
 * so it expires rather than ever being served as live once pricing stops. Writes are conflated:
 * at most one pipelined batch is in flight, and while it is, only the newest quote per symbol
 * waits — so a slow or unreachable Redis costs at most one pending quote per symbol, never a
 * growing queue, and never slows pricing down.
 *
 * <p>Not thread-safe: owned by the pricing verticle's context.
 */
final class RedisQuoteCache {

  private static final Logger LOG = LoggerFactory.getLogger(RedisQuoteCache.class);

  private final Redis redis;
  private final long expiryMs;
  private final Map<String, String> pending = new LinkedHashMap<>();
  private boolean inFlight;
  private long failures;
  private boolean failing;

  RedisQuoteCache(Redis redis, long expiryMs) {
    this.redis = redis;
    this.expiryMs = expiryMs;
  }

  void put(String symbol, String json) {
    pending.put(symbol, json);
    if (!inFlight) {
      flush();
    }
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<Request> batch = new ArrayList<>(pending.size());
    pending.forEach((symbol, json) -> batch.add(Request.cmd(Command.SET)
      .arg(QuoteMessages.redisKey(symbol)).arg(json).arg("PX").arg(expiryMs)));
    pending.clear();
    inFlight = true;
    redis.batch(batch).onComplete(done -> {
      inFlight = false;
      if (done.failed()) {
        failures++;
        if (!failing) {
          LOG.warn("cannot keep last quotes in Redis (pricing continues): {}", done.cause().getMessage());
          failing = true;
        }
      } else if (failing) {
        LOG.info("last quotes are written to Redis again");
        failing = false;
      }
      flush();
    });
  }

  long failures() {
    return failures;
  }
}
