package com.rtx.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The ceiling baseline of the quote-streaming benchmark: a bare Vert.x WebSocket server with
 * none of the engine (no FIX, no pricing, no conflation, no metrics). One verticle instance per
 * core sharing the port, as the engine deploys its gateway ({@code http.instances=0}); one
 * generator publishes each frame once on the local event bus and every instance writes it to its
 * own subscribers, as the engine's per-instance quote hubs do. A periodic timer moves a random walk of the same 15 symbols
 * every {@code --tick-interval-ms} (one tick per symbol per interval, as the LP simulator does)
 * and broadcasts each quote, built once as a JSON frame of the engine's shape and size
 * ({@code symbol, bid, ask, status, sequence, time, lpTime, type}; {@code lpTime} = the tick's
 * start, as the simulated LP sends all symbols of a tick together; {@code time} = when the frame is
 * built), to every subscriber with {@code writeTextMessage}. Same subscribe protocol
 * ({@code {"type":"subscribe","channel":"quotes","symbols":[...]}} answered with
 * {@code {"type":"subscribed",...}}) and {@code GET /api/v1/symbols}, so {@link TickLoadClient}
 * runs against it unchanged.
 *
 * <p>Usage: {@code BareBroadcastServer --port 18090 --tick-interval-ms 50}
 */
public final class BareBroadcastServer extends VerticleBase {

  /** Demo symbols with their digits and a starting mid (the engine's demo data). */
  private static final Object[][] SYMBOLS = {
    {"EURUSD", 5, "1.08120"}, {"GBPUSD", 5, "1.26500"}, {"USDJPY", 3, "151.200"}, {"USDCHF", 5, "0.88200"},
    {"AUDUSD", 5, "0.65800"}, {"USDCAD", 5, "1.36100"}, {"NZDUSD", 5, "0.60200"}, {"EURGBP", 5, "0.85500"},
    {"EURJPY", 3, "163.400"}, {"GBPJPY", 3, "191.300"}, {"XAUUSD", 2, "2350.00"}, {"XAGUSD", 3, "28.100"},
    {"US500", 2, "5200.00"}, {"DE40", 2, "18300.00"}, {"XBRUSD", 2, "82.50"},
  };

  private final int port;
  private final long tickIntervalMs;
  private final List<Sym> symbols = new ArrayList<>();
  private final Map<String, Sym> bySymbol = new HashMap<>();
  private final Random random = new Random(42);

  private static final class Sym {
    final String name;
    final int digits;
    long mid;
    long sequence;
    final long spread;
    final Set<ServerWebSocket> subscribers = new LinkedHashSet<>();

    Sym(String name, int digits, String startMid) {
      this.name = name;
      this.digits = digits;
      this.mid = new BigDecimal(startMid).movePointRight(digits).longValueExact();
      this.spread = 10;
    }
  }

  BareBroadcastServer(int port, long tickIntervalMs) {
    this.port = port;
    this.tickIntervalMs = tickIntervalMs;
    for (Object[] s : SYMBOLS) {
      Sym sym = new Sym((String) s[0], (Integer) s[1], (String) s[2]);
      symbols.add(sym);
      bySymbol.put(sym.name, sym);
    }
  }

  /** One generator per JVM; every instance (event loop) fans its frames out to its own sockets. */
  private static final java.util.concurrent.atomic.AtomicBoolean GENERATOR = new java.util.concurrent.atomic.AtomicBoolean();
  private static final String FRAMES = "bare.frames";

  @Override
  public Future<?> start() {
    if (GENERATOR.compareAndSet(false, true)) {
      vertx.setPeriodic(tickIntervalMs, id -> tick());
    }
    vertx.eventBus().<JsonObject>localConsumer(FRAMES, m -> broadcast(m.body().getString("symbol"),
      m.body().getString("frame")));
    JsonArray list = new JsonArray();
    symbols.forEach(s -> list.add(new JsonObject().put("symbol", s.name).put("digits", s.digits)));
    String symbolsBody = new JsonObject().put("symbols", list).encode();
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
        .setMaxWebSocketMessageSize(8192).setMaxWebSocketFrameSize(8192))
      .webSocketHandler(socket -> {
        if ("/ws".equals(socket.path())) {
          handle(socket);
        } else {
          socket.close((short) 1008, "unknown path");
        }
      })
      .requestHandler(req -> {
        if ("/api/v1/symbols".equals(req.path())) {
          req.response().putHeader("Content-Type", "application/json").end(symbolsBody);
        } else {
          req.response().setStatusCode(404).end();
        }
      })
      .listen()
      .onSuccess(s -> System.out.println("bare broadcast server on ws://127.0.0.1:" + s.actualPort()
        + "/ws, tick every " + tickIntervalMs + " ms per symbol, thread " + Thread.currentThread().getName()));
  }

  private void handle(ServerWebSocket socket) {
    List<Sym> mine = new ArrayList<>();
    socket.textMessageHandler(text -> {
      JsonObject message = new JsonObject(text);
      if (!"subscribe".equals(message.getString("type")) || !"quotes".equals(message.getString("channel"))) {
        socket.writeTextMessage(new JsonObject().put("type", "error").put("code", "VALIDATION_INVALID_VALUE").encode());
        return;
      }
      JsonArray wanted = message.getJsonArray("symbols");
      for (Object name : wanted) {
        Sym sym = bySymbol.get(String.valueOf(name));
        if (sym == null) {
          socket.writeTextMessage(new JsonObject().put("type", "error").put("code", "UNKNOWN_SYMBOL").encode());
          return;
        }
        if (sym.subscribers.add(socket)) {
          mine.add(sym);
        }
      }
      socket.writeTextMessage(new JsonObject().put("type", "subscribed").put("channel", "quotes")
        .put("symbols", wanted).encode());
    });
    socket.closeHandler(v -> mine.forEach(sym -> sym.subscribers.remove(socket)));
    socket.exceptionHandler(e -> { });
  }

  /** One tick of every symbol: a new price, one frame, written to each subscriber. */
  private void tick() {
    // As the LP simulator sends all symbols of one tick at once, lpTime is the tick's start for
    // every symbol; time (the engine's aggregation time) is when that symbol's frame is built.
    long tickTime = System.currentTimeMillis();
    for (Sym sym : symbols) {
      sym.mid += random.nextInt(7) - 3;
      sym.sequence++;
      long now = System.currentTimeMillis();
      String frame = new JsonObject()
        .put("symbol", sym.name)
        .put("bid", format(sym.mid - sym.spread / 2, sym.digits))
        .put("ask", format(sym.mid + sym.spread / 2, sym.digits))
        .put("status", "OK")
        .put("sequence", sym.sequence)
        .put("time", now)
        .put("lpTime", tickTime)
        .put("type", "quote")
        .encode();
      vertx.eventBus().publish(FRAMES, new JsonObject().put("symbol", sym.name).put("frame", frame));
    }
  }

  private void broadcast(String symbol, String frame) {
    for (ServerWebSocket socket : bySymbol.get(symbol).subscribers) {
      socket.writeTextMessage(frame);
    }
  }

  private static String format(long units, int digits) {
    return BigDecimal.valueOf(units, digits).toPlainString();
  }

  public static void main(String[] args) {
    int port = 18090;
    long interval = 50;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--tick-interval-ms" -> interval = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    // As many instances as the engine's gateway (http.instances=0: one per core), sharing the port.
    int instances = Runtime.getRuntime().availableProcessors();
    long tick = interval;
    int listen = port;
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new BareBroadcastServer(listen, tick),
      new io.vertx.core.DeploymentOptions().setInstances(instances)).await();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
  }
}
