package com.rtx.gateway;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Eventually;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The /ws endpoint over real WebSocket connections: protocol, limits, and flow control with a
 * deliberately slow reader next to a fast one. Quotes are published on the bus as pricing does.
 */
@Timeout(180)
class WebSocketIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private Vertx client;

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database)
      .env("RTX_PRICING_STALE_MS", "600000")
      .env("RTX_WS_MAX_SUBSCRIPTIONS", "3")
      .env("RTX_WS_WRITE_QUEUE_BYTES", "1048576")
      .env("RTX_WS_STUCK_MS", "600000");
    port = test.httpPort();
    engine = test.start();
  }

  @AfterAll
  static void stop() {
    engine.stop();
    TestInfra.drop(database);
  }

  @BeforeEach
  void createClient() {
    client = Vertx.vertx();
  }

  private final List<WebSocketClient> clients = new java.util.ArrayList<>();

  @AfterEach
  void closeClient() throws Exception {
    // No graceful close: the server end of a paused reader may hold a backlog.
    for (WebSocketClient ws : clients) {
      ws.shutdown(0, TimeUnit.SECONDS).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A connected client whose text frames land in a queue. */
  private record Conn(WebSocket socket, LinkedBlockingQueue<JsonObject> frames) {
    JsonObject next() throws InterruptedException {
      JsonObject frame = frames.poll(30, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within 30 s").isNotNull();
      return frame;
    }

    JsonObject nextOfType(String type) throws InterruptedException {
      while (true) {
        JsonObject frame = next();
        if (frame.getString("type").equals(type)) {
          return frame;
        }
      }
    }

    void send(JsonObject message) {
      socket.writeTextMessage(message.encode());
    }
  }

  private Conn connect() throws Exception {
    return connect(new WebSocketClientOptions());
  }

  private Conn connect(WebSocketClientOptions options) throws Exception {
    LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    WebSocketClient ws = client.createWebSocketClient(options);
    clients.add(ws);
    WebSocket socket = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    return new Conn(socket, frames);
  }

  private static JsonObject subscribe(String... symbols) {
    return new JsonObject().put("type", "subscribe").put("channel", "quotes").put("symbols", new JsonArray(List.of(symbols)));
  }

  private static void publish(String symbol, long sequence) {
    // 1.08000 + sequence points, so every quote is distinct.
    long bid = 108000 + sequence % 50_000;
    engine.vertx().eventBus().publish("rtx.prices." + symbol, new JsonObject().put("symbol", symbol)
      .put("bid", String.format("1.%05d", bid - 100000)).put("ask", String.format("1.%05d", bid - 100000 + 6))
      .put("bidLp", "LP1").put("askLp", "LP1").put("status", "OK").put("sequence", sequence)
      .put("lpTime", System.currentTimeMillis()).put("engineTime", System.currentTimeMillis()));
  }

  @Test
  void subscribedClientReceivesMarkedUpQuotesAndUnsubscribeStopsThem() throws Exception {
    Conn conn = connect();
    conn.send(subscribe("AUDUSD"));
    assertThat(conn.nextOfType("subscribed").getJsonArray("symbols")).containsExactly("AUDUSD");

    publish("AUDUSD", 1);
    JsonObject quote = conn.nextOfType("quote");
    assertThat(quote.getString("symbol")).isEqualTo("AUDUSD");
    assertThat(quote.getString("bid")).isEqualTo("1.07997");
    assertThat(quote.getString("ask")).isEqualTo("1.08011");
    assertThat(quote.getLong("sequence")).isEqualTo(1);

    conn.send(new JsonObject().put("type", "unsubscribe").put("channel", "quotes").put("symbols", new JsonArray().add("AUDUSD")));
    conn.nextOfType("unsubscribed");
    publish("AUDUSD", 2);
    conn.send(new JsonObject().put("type", "ping").put("id", "after-unsubscribe"));
    JsonObject next = conn.next();
    assertThat(next.getString("type")).as("no quote after unsubscribe").isEqualTo("pong");
    assertThat(next.getString("id")).isEqualTo("after-unsubscribe");
  }

  @Test
  void aNewSubscriberGetsTheCurrentQuoteAtOnce() throws Exception {
    publish("USDCAD", 5);
    Conn conn = connect();
    conn.send(subscribe("USDCAD"));
    conn.nextOfType("subscribed");

    assertThat(conn.nextOfType("quote").getLong("sequence")).isEqualTo(5);
  }

  @Test
  void badMessagesGetErrorsNamingTheProblem() throws Exception {
    Conn conn = connect();

    conn.socket().writeTextMessage("not json");
    assertThat(conn.nextOfType("error").getString("code")).isEqualTo("VALIDATION_MALFORMED_BODY");
    conn.send(new JsonObject().put("type", "dance"));
    assertThat(conn.nextOfType("error").getString("field")).isEqualTo("type");
    conn.send(subscribe("EURUSD", "NOPE"));
    JsonObject unknown = conn.nextOfType("error");
    assertThat(unknown.getString("code")).isEqualTo("UNKNOWN_SYMBOL");
    assertThat(unknown.getString("field")).isEqualTo("symbols");
    conn.send(subscribe("EURUSD", "GBPUSD", "USDJPY", "AUDUSD"));
    assertThat(conn.nextOfType("error").getString("code")).isEqualTo("SUBSCRIPTION_LIMIT");
    conn.send(new JsonObject().put("type", "subscribe").put("channel", "trades").put("symbols", new JsonArray().add("EURUSD")));
    assertThat(conn.nextOfType("error").getString("field")).isEqualTo("channel");
  }

  @Test
  void slowReaderIsConflatedToLatestPricesWhileFastReaderKeepsUp() throws Exception {
    Conn fast = connect();
    // A small receive buffer makes the slow reader's backlog reach the server sooner.
    Conn slow = connect(new WebSocketClientOptions().setReceiveBufferSize(4096));
    fast.send(subscribe("EURUSD", "GBPUSD"));
    slow.send(subscribe("EURUSD", "GBPUSD"));
    fast.nextOfType("subscribed");
    slow.nextOfType("subscribed");
    slow.socket().pause();

    // Publish in step with the fast reader until the slow reader's connection is conflating
    // (its socket buffers are full).
    AtomicLong sequence = new AtomicLong();
    Gauge pending = engine.metricsRegistry().find("rtx.ws.conflation.pending").gauge();
    while (pending.value() == 0) {
      assertThat(sequence.get()).as("conflation should start before 1M quotes").isLessThan(1_000_000);
      CompletableFuture<Void> batch = new CompletableFuture<>();
      engine.vertx().runOnContext(v -> {
        for (int i = 0; i < 500; i++) {
          long s = sequence.incrementAndGet();
          publish(s % 2 == 0 ? "EURUSD" : "GBPUSD", s);
        }
        batch.complete(null);
      });
      batch.get(30, TimeUnit.SECONDS);
      drainFastUntil(fast, sequence.get());
    }
    long last = sequence.get();
    // Conflation holds at most one frame per subscribed symbol.
    assertThat(pending.value()).isLessThanOrEqualTo(2);

    // The fast reader receives quotes in order (superseded ones may be skipped), the last included.
    long fastLast = drainFastUntil(fast, last);
    assertThat(fastLast).isEqualTo(last);

    // The slow reader, once it reads again, ends with the newest quote of each symbol.
    slow.socket().resume();
    long slowReceived = 0;
    long slowLastEven = -1;
    long slowLastOdd = -1;
    while (slowLastEven != evenLast(last) || slowLastOdd != oddLast(last)) {
      JsonObject frame = slow.next();
      if (frame.getString("type").equals("quote")) {
        slowReceived++;
        long s = frame.getLong("sequence");
        if (s % 2 == 0) {
          slowLastEven = s;
        } else {
          slowLastOdd = s;
        }
      }
    }
    assertThat(slowReceived).as("slow reader skipped conflated quotes").isLessThan(last);
  }

  private long fastLastSeen = 0;

  private long drainFastUntil(Conn fast, long last) throws InterruptedException {
    while (fastLastSeen < last) {
      JsonObject frame = fast.frames().poll(30, TimeUnit.SECONDS);
      assertThat(frame).as("fast reader frame after " + fastLastSeen + " of " + last + "; conflated pending "
        + engine.metricsRegistry().find("rtx.ws.conflation.pending").gauge().value()).isNotNull();
      checkFast(frame);
    }
    return fastLastSeen;
  }

  private final java.util.Map<String, Long> fastLastBySymbol = new java.util.HashMap<>();

  private void checkFast(JsonObject frame) {
    if (frame.getString("type").equals("quote")) {
      long s = frame.getLong("sequence");
      long previous = fastLastBySymbol.getOrDefault(frame.getString("symbol"), 0L);
      assertThat(s).as("fast reader never gets an older quote of a symbol after a newer one").isGreaterThan(previous);
      fastLastBySymbol.put(frame.getString("symbol"), s);
      fastLastSeen = Math.max(fastLastSeen, s);
    }
  }

  private static long evenLast(long last) {
    return last % 2 == 0 ? last : last - 1;
  }

  private static long oddLast(long last) {
    return last % 2 == 1 ? last : last - 1;
  }
}
