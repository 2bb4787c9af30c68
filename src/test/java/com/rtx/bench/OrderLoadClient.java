package com.rtx.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * REST order-entry load client (benchmark, not a test). Logs in once over REST, then places
 * market orders with {@code POST /api/v1/orders} over a pool of {@code --connections} keep-alive
 * HTTP/1.1 connections (one event loop), spread round-robin over the accounts
 * {@code --account-first .. --account-first + --accounts - 1}. Each account trades one symbol of
 * {@code --symbols} (account index mod the number of symbols) and alternates BUY and SELL of
 * {@code --volume} lots, so in a hedging account the hedged margin stays at one leg and margin
 * never runs out. Every order carries a unique clientOrderId (so each writes its idempotency row,
 * as a real client's would).
 *
 * <p>Phases, each reported separately:
 * <ul>
 *   <li>{@code --rates 500,1000,2000}: open loop, fixed rate, {@code --duration} s each (after a
 *       {@code --warmup} s phase at {@code --warmup-rate}, not reported). Request {@code i} of a
 *       phase is due at {@code start + i / rate}; a 1 ms timer sends every request that is due,
 *       whatever is still in flight (requests wait for a free connection in the client's pool,
 *       which is part of their latency). Latency = response fully received − <em>intended</em>
 *       send time, so a stall of the server (or of this client) counts against every request
 *       that should have been sent during it: no coordinated omission.</li>
 *   <li>{@code --max-inflight N} (instead of rates): closed loop, N requests in flight at all
 *       times for {@code --duration} s (after {@code --warmup} s the same way, not reported);
 *       latency here is from the actual send time (service time under saturation). Prints the
 *       measured window as epoch milliseconds ({@code window_start_ms}, {@code window_end_ms}) so
 *       the caller can read the engine's batch sizes of exactly that window.</li>
 * </ul>
 * After a phase's window, no new request is sent and the ones in flight are awaited (at most
 * {@code --drain} s; those still unanswered count as {@code unanswered}). Reports per phase:
 * requests sent, answered, FILLED (200 with status FILLED), fills per second over the window,
 * latency p50/p90/p99/p99.9/max (ms, HdrHistogram, 3 significant digits) over every answered
 * request, and non-200 answers by status and reason/code. One machine-readable
 * {@code RESULT key=value ...} line per phase.
 *
 * <p>Usage: {@code OrderLoadClient --port 8080 --username trader1 --password P --account-first 200001
 * --accounts 1000 [--symbols EURUSD] [--volume 0.01] [--connections 64] [--rates 500,1000,2000]
 * [--duration 30] [--warmup 10] [--warmup-rate 300] [--max-inflight 0] [--drain 15] [--label run]}
 */
public final class OrderLoadClient {

  private OrderLoadClient() {
  }

  /** One phase's figures; touched only on the client's event loop. */
  static final class Phase {
    final String name;
    final Histogram latencyUs = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    final Map<String, Long> failures = new TreeMap<>();
    long sent;
    long answered;
    long filled;
    long inFlight;
    long windowStartMs;
    long windowEndMs;
    long windowStartNs;
    long windowEndNs;
    long lastAnswerNs;
    /** Set when the drain ended: answers after it are only counted as late. */
    boolean closed;
    long late;

    Phase(String name) {
      this.name = name;
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got " + a);
      }
      m.put(a.substring(2), args[++i]);
    }
    List<String> known = List.of("host", "port", "username", "password", "account-first", "accounts", "symbols",
      "volume", "connections", "rates", "duration", "warmup", "warmup-rate", "max-inflight", "drain", "label");
    for (String k : m.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException("unknown option --" + k);
      }
    }
    return m;
  }

  private final Map<String, String> opt = new HashMap<>();
  private Vertx vertx;
  private Context context;
  private HttpClientAgent client;
  private String host;
  private int port;
  private String authorization;
  private long accountFirst;
  private int accounts;
  private String[] symbols;
  private String volume;
  private long[] perAccount;
  private int nextAccount;
  private long sequence;
  private String runId;
  private int connections;

  private HttpClientAgent newClient() {
    return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultHost(host).setDefaultPort(port)
      .setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(connections));
  }

  public static void main(String[] args) throws Exception {
    OrderLoadClient c = new OrderLoadClient();
    c.opt.putAll(parse(args));
    c.run();
  }

  private String o(String key, String dflt) {
    return opt.getOrDefault(key, dflt);
  }

  private void run() throws Exception {
    host = o("host", "127.0.0.1");
    if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
      throw new IllegalArgumentException("this benchmark only targets 127.0.0.1");
    }
    port = Integer.parseInt(o("port", "8080"));
    accountFirst = Long.parseLong(o("account-first", "200001"));
    accounts = Integer.parseInt(o("accounts", "1000"));
    symbols = o("symbols", "EURUSD").split(",");
    volume = o("volume", "0.01");
    int duration = Integer.parseInt(o("duration", "30"));
    int warmup = Integer.parseInt(o("warmup", "10"));
    int warmupRate = Integer.parseInt(o("warmup-rate", "300"));
    int maxInflight = Integer.parseInt(o("max-inflight", "0"));
    int drain = Integer.parseInt(o("drain", "15"));
    String label = o("label", "run");
    perAccount = new long[accounts];
    runId = label + "-" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);

    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    context = vertx.getOrCreateContext();
    connections = Integer.parseInt(o("connections", "64"));
    client = onContext(this::newClient);
    login();
    System.out.printf(Locale.ROOT, "[%s] logged in; %d accounts from %d, symbols %s, volume %s, %d keep-alive "
        + "connections%n", label, accounts, accountFirst, String.join(",", symbols), volume, connections);

    List<Phase> results = new ArrayList<>();
    if (maxInflight > 0) {
      if (warmup > 0) {
        closedLoop(new Phase("warmup"), maxInflight, warmup, drain);
      }
      results.add(closedLoop(new Phase("max"), maxInflight, duration, drain));
    } else {
      if (warmup > 0) {
        openLoop(new Phase("warmup"), warmupRate, warmup, drain);
      }
      // A rate repeated (a soak: 500,500,...) gets its own phase name: rate-500, rate-500-2, ...
      Map<Integer, Integer> seen = new HashMap<>();
      for (String r : o("rates", "500,1000,2000").split(",")) {
        int rate = Integer.parseInt(r.trim());
        int nth = seen.merge(rate, 1, Integer::sum);
        results.add(openLoop(new Phase("rate-" + rate + (nth > 1 ? "-" + nth : "")), rate, duration, drain));
        Thread.sleep(2000);
      }
    }
    for (Phase p : results) {
      report(label, p, maxInflight > 0 ? "closed loop, " + maxInflight + " in flight" : "open loop");
    }
    vertx.close().await();
  }

  private <T> T onContext(java.util.function.Supplier<T> s) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        f.complete(s.get());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    return f.get(30, TimeUnit.SECONDS);
  }

  private void login() throws Exception {
    CompletableFuture<String> token = new CompletableFuture<>();
    JsonObject body = new JsonObject().put("username", o("username", "trader1")).put("password", o("password", ""));
    context.runOnContext(v -> client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/auth/login")
        .putHeader("Content-Type", "application/json"))
      .compose(req -> req.send(body.toBuffer()).compose(resp -> resp.body().map(b -> {
        if (resp.statusCode() != 200) {
          throw new IllegalStateException("login answered " + resp.statusCode() + ": " + b);
        }
        return b.toJsonObject().getString("accessToken");
      })))
      .onComplete(ar -> {
        if (ar.succeeded()) {
          token.complete(ar.result());
        } else {
          token.completeExceptionally(ar.cause());
        }
      }));
    authorization = "Bearer " + token.get(30, TimeUnit.SECONDS);
  }

  /** The next order: round-robin account, its symbol, alternating side per account. */
  private Buffer nextOrder() {
    int i = nextAccount;
    nextAccount = (nextAccount + 1) % accounts;
    long n = perAccount[i]++;
    String side = (n & 1) == 0 ? "BUY" : "SELL";
    return Buffer.buffer("{\"accountId\":" + (accountFirst + i) + ",\"symbol\":\"" + symbols[i % symbols.length]
      + "\",\"side\":\"" + side + "\",\"type\":\"MARKET\",\"volume\":\"" + volume + "\",\"clientOrderId\":\""
      + runId + "-" + (++sequence) + "\"}");
  }

  /** Sends one order; {@code fromNs} is when it was due (open loop) or sent (closed loop). */
  private void send(Phase p, long fromNs, Runnable after) {
    p.sent++;
    p.inFlight++;
    Buffer body = nextOrder();
    client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/orders")
        .putHeader("Content-Type", "application/json").putHeader("Authorization", authorization)
        .setIdleTimeout(60_000))
      .compose(req -> req.send(body).compose(resp -> resp.body().map(b -> {
        int status = resp.statusCode();
        if (status == 200) {
          return b.toString().contains("\"status\":\"FILLED\"") ? "FILLED" : "200 " + statusOf(b);
        }
        return status + " " + reasonOf(b);
      })))
      .onComplete(ar -> {
        long now = System.nanoTime();
        p.inFlight--;
        if (p.closed) {
          p.late++;
          return;
        }
        p.answered += ar.succeeded() ? 1 : 0;
        p.lastAnswerNs = now;
        if (ar.succeeded()) {
          p.latencyUs.recordValue(Math.min(Math.max(0, (now - fromNs) / 1000), p.latencyUs.getHighestTrackableValue()));
          if ("FILLED".equals(ar.result())) {
            p.filled++;
          } else {
            p.failures.merge(ar.result(), 1L, Long::sum);
          }
        } else {
          p.failures.merge("transport " + ar.cause().getClass().getSimpleName(), 1L, Long::sum);
        }
        if (after != null) {
          after.run();
        }
      });
  }

  private static String statusOf(Buffer b) {
    try {
      return b.toJsonObject().getString("status", "?");
    } catch (RuntimeException e) {
      return "unparsable";
    }
  }

  private static String reasonOf(Buffer b) {
    try {
      JsonObject j = b.toJsonObject();
      if (j.getString("reason") != null) {
        return j.getString("reason");
      }
      JsonObject e = j.getJsonObject("error");
      return e == null ? "?" : e.getString("code", "?");
    } catch (RuntimeException e) {
      return "unparsable";
    }
  }

  private Phase openLoop(Phase p, int rate, int seconds, int drainS) throws Exception {
    CompletableFuture<Void> windowDone = new CompletableFuture<>();
    long periodNs = 1_000_000_000L / rate;
    context.runOnContext(v -> {
      p.windowStartMs = System.currentTimeMillis();
      p.windowStartNs = System.nanoTime();
      long endNs = p.windowStartNs + TimeUnit.SECONDS.toNanos(seconds);
      long[] due = {p.windowStartNs};
      vertx.setPeriodic(1, id -> {
        long now = System.nanoTime();
        while (due[0] <= now && due[0] < endNs) {
          send(p, due[0], null);
          due[0] += periodNs;
        }
        if (due[0] >= endNs) {
          vertx.cancelTimer(id);
          p.windowEndMs = System.currentTimeMillis();
          p.windowEndNs = System.nanoTime();
          windowDone.complete(null);
        }
      });
    });
    windowDone.get(seconds + 60L, TimeUnit.SECONDS);
    awaitDrain(p, drainS);
    return p;
  }

  private Phase closedLoop(Phase p, int inflight, int seconds, int drainS) throws Exception {
    CompletableFuture<Void> windowDone = new CompletableFuture<>();
    context.runOnContext(v -> {
      p.windowStartMs = System.currentTimeMillis();
      p.windowStartNs = System.nanoTime();
      long endNs = p.windowStartNs + TimeUnit.SECONDS.toNanos(seconds);
      Runnable[] next = new Runnable[1];
      next[0] = () -> {
        if (System.nanoTime() < endNs) {
          send(p, System.nanoTime(), next[0]);
        }
      };
      for (int i = 0; i < inflight; i++) {
        send(p, System.nanoTime(), next[0]);
      }
      vertx.setTimer(TimeUnit.SECONDS.toMillis(seconds), id -> {
        p.windowEndMs = System.currentTimeMillis();
        p.windowEndNs = System.nanoTime();
        windowDone.complete(null);
      });
    });
    windowDone.get(seconds + 60L, TimeUnit.SECONDS);
    awaitDrain(p, drainS);
    return p;
  }

  private void awaitDrain(Phase p, int drainS) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainS);
    while (System.nanoTime() < deadline && onContext(() -> p.inFlight) > 0) {
      Thread.sleep(50);
    }
    long left = onContext(() -> {
      p.closed = true;
      if (p.inFlight > 0) {
        p.failures.merge("unanswered " + drainS + " s after the window", p.inFlight, Long::sum);
      }
      return p.inFlight;
    });
    if (left > 0) {
      // Most of them wait in this client's pool queue, not at the server: drop them (close the
      // client, open a new pool) so they do not spill into the next phase.
      HttpClientAgent old = client;
      client = onContext(this::newClient);
      old.close().await();
    }
  }

  private static void report(String label, Phase p, String mode) {
    double windowS = (p.windowEndNs - p.windowStartNs) / 1e9;
    double spanS = (Math.max(p.lastAnswerNs, p.windowEndNs) - p.windowStartNs) / 1e9;
    Histogram h = p.latencyUs;
    double p50 = h.getValueAtPercentile(50) / 1000.0;
    double p90 = h.getValueAtPercentile(90) / 1000.0;
    double p99 = h.getValueAtPercentile(99) / 1000.0;
    double p999 = h.getValueAtPercentile(99.9) / 1000.0;
    double max = h.getMaxValue() / 1000.0;
    StringBuilder fails = new StringBuilder();
    p.failures.forEach((k, v) -> fails.append(fails.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
    System.out.printf(Locale.ROOT, "[%s] %s (%s, %.1f s): sent %d (%.0f/s), answered %d, FILLED %d = %.0f fills/s "
        + "(over %.1f s to the last answer); latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f; "
        + "not filled: %s%n", label, p.name, mode, windowS, p.sent, p.sent / windowS, p.answered, p.filled,
      p.filled / spanS, spanS, p50, p90, p99, p999, max, fails.length() == 0 ? "none" : fails);
    System.out.printf(Locale.ROOT, "RESULT label=%s phase=%s window_start_ms=%d window_end_ms=%d sent=%d "
        + "sent_per_s=%.0f answered=%d filled=%d fills_per_s=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f "
        + "max_ms=%.2f not_filled=%d%n", label, p.name, p.windowStartMs, p.windowEndMs, p.sent, p.sent / windowS,
      p.answered, p.filled, p.filled / spanS, p50, p90, p99, p999, max, p.sent - p.filled);
  }
}
