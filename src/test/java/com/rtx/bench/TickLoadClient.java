package com.rtx.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * WebSocket quote-streaming load client (benchmark, not a test). Opens {@code --connections}
 * WebSocket connections to {@code ws://HOST:PORT/ws}, spread over {@code --event-loops} verticles
 * (one event loop each, each with its own {@link WebSocketClient}), connecting at most
 * {@code --batch} at a time. Each connection subscribes to every symbol ({@code --symbols-per-client 0})
 * or to K symbols taken round-robin over the symbol list. After {@code --warmup} seconds it measures
 * for {@code --duration} seconds:
 * <ul>
 *   <li>every quote frame received (deliveries/s);</li>
 *   <li>latency LP → client = receive wall time − {@code lpTime}, and engine → client = receive
 *       wall time − {@code time}, in whole milliseconds (both ends are {@code System.currentTimeMillis()}
 *       on the same machine, so each sample is exact to ±1 ms and unbiased), HdrHistogram with 3
 *       significant digits;</li>
 *   <li>per symbol, the lowest and highest {@code sequence} seen (with their {@code time}): how
 *       many quotes per second reached the clients, what share of them each live subscriber got
 *       (below 100% means conflation or loss), and the rate at which the server published them
 *       (sequence span / time span, both stamped at aggregation, so valid however late the frames
 *       arrive);</li>
 *   <li>disconnects with the server's close code and reason; CPU over the window (from /proc) of
 *       the server process ({@code --server-pid}), of this client, of every other process, and of
 *       the whole machine by kind (user, system, irq+softirq, steal);</li>
 *   <li>with {@code --metrics-url}, the server's rtx_ws_* series and the event-bus backlog of the
 *       rtx.prices.* addresses, scraped asynchronously at both ends of the window (how late
 *       /metrics answers is itself reported: the management port serves it on an event loop of the same Vert.x).</li>
 * </ul>
 * Prints a human summary and one machine-readable {@code RESULT key=value ...} line, then (with
 * {@code --hold} seconds &gt; 0) prints {@code HOLDING} and keeps the connections open so the
 * caller can measure the server's heap with the clients attached, until killed or the hold ends.
 *
 * <p>Usage: {@code TickLoadClient --port 8080 --connections 1000 [--symbols-per-client 0]
 * [--warmup 10] [--duration 20] [--batch 200] [--event-loops 2] [--label a] [--server-pid PID]
 * [--clk-tck 100] [--metrics-url http://127.0.0.1:9090/metrics] [--hold 0] [--connect-timeout 120]}
 */
public final class TickLoadClient {

  private TickLoadClient() {
  }

  record Options(String host, int port, int connections, int symbolsPerClient, int warmupS, int durationS,
                 int batch, int eventLoops, String label, long serverPid, int clkTck, String metricsUrl,
                 int holdS, int connectTimeoutS) {

    static Options parse(String[] args) {
      Map<String, String> m = new HashMap<>();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (!a.startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument " + a);
        }
        int eq = a.indexOf('=');
        if (eq > 0) {
          m.put(a.substring(2, eq), a.substring(eq + 1));
        } else if (i + 1 < args.length) {
          m.put(a.substring(2), args[++i]);
        } else {
          throw new IllegalArgumentException(a + " needs a value");
        }
      }
      Options o = new Options(m.getOrDefault("host", "127.0.0.1"), Integer.parseInt(m.getOrDefault("port", "8080")),
        Integer.parseInt(m.getOrDefault("connections", "1000")),
        Integer.parseInt(m.getOrDefault("symbols-per-client", "0")),
        Integer.parseInt(m.getOrDefault("warmup", "10")), Integer.parseInt(m.getOrDefault("duration", "20")),
        Integer.parseInt(m.getOrDefault("batch", "200")),
        Integer.parseInt(m.getOrDefault("event-loops", String.valueOf(Runtime.getRuntime().availableProcessors()))),
        m.getOrDefault("label", "run"), Long.parseLong(m.getOrDefault("server-pid", "0")),
        Integer.parseInt(m.getOrDefault("clk-tck", "100")), m.getOrDefault("metrics-url", ""),
        Integer.parseInt(m.getOrDefault("hold", "0")), Integer.parseInt(m.getOrDefault("connect-timeout", "120")));
      List<String> known = List.of("host", "port", "connections", "symbols-per-client", "warmup", "duration", "batch",
        "event-loops", "label", "server-pid", "clk-tck", "metrics-url", "hold", "connect-timeout");
      for (String key : m.keySet()) {
        if (!known.contains(key)) {
          throw new IllegalArgumentException("unknown option --" + key);
        }
      }
      if (!"127.0.0.1".equals(o.host) && !"localhost".equals(o.host)) {
        throw new IllegalArgumentException("this benchmark only targets 127.0.0.1");
      }
      return o;
    }
  }

  /** Measurement window in epoch milliseconds; read by every worker on every frame. */
  static final class Window {
    volatile long start = Long.MAX_VALUE;
    volatile long end = Long.MAX_VALUE;
  }

  /** What one worker saw in the window; filled on its event loop, read after the window closed. */
  static final class Stats {
    final Histogram lpLatency = new Histogram(3_600_000L, 3);
    final Histogram engineLatency = new Histogram(3_600_000L, 3);
    long deliveries;
    long nonQuoteFrames;
    long disconnectsInWindow;
    long negativeLatency;
    // symbol -> {min sequence, max sequence, frames, server time of min, server time of max}
    final Map<String, long[]> sequences = new HashMap<>();

    Stats copy() {
      Stats s = new Stats();
      s.lpLatency.add(lpLatency);
      s.engineLatency.add(engineLatency);
      s.deliveries = deliveries;
      s.nonQuoteFrames = nonQuoteFrames;
      s.disconnectsInWindow = disconnectsInWindow;
      s.negativeLatency = negativeLatency;
      sequences.forEach((k, v) -> s.sequences.put(k, v.clone()));
      return s;
    }

    void merge(Stats o) {
      lpLatency.add(o.lpLatency);
      engineLatency.add(o.engineLatency);
      deliveries += o.deliveries;
      nonQuoteFrames += o.nonQuoteFrames;
      disconnectsInWindow += o.disconnectsInWindow;
      negativeLatency += o.negativeLatency;
      o.sequences.forEach((k, v) -> sequences.merge(k, v.clone(), (a, b) -> new long[] {
        Math.min(a[0], b[0]), Math.max(a[1], b[1]), a[2] + b[2],
        a[0] <= b[0] ? a[3] : b[3], a[1] >= b[1] ? a[4] : b[4]}));
    }
  }

  /** Counters shared by all workers (connection lifecycle only: not on the per-frame path). */
  static final class Shared {
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger subscribed = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger connectFailures = new AtomicInteger();
    final AtomicInteger disconnects = new AtomicInteger();
    final AtomicInteger errorsFromServer = new AtomicInteger();
    final AtomicLong attempted = new AtomicLong();
    /** Why connections were closed: "code reason" -> count (rare events, off the per-frame path). */
    final Map<String, Integer> closeReasons = new java.util.concurrent.ConcurrentHashMap<>();
    /** Subscribed and still open connections per symbol. */
    final Map<String, AtomicInteger> liveSubscribers = new java.util.concurrent.ConcurrentHashMap<>();

    Map<String, Integer> liveSubscribers() {
      Map<String, Integer> copy = new TreeMap<>();
      liveSubscribers.forEach((k, v) -> copy.put(k, v.get()));
      return copy;
    }
    volatile String firstFailure;
  }

  /** One event loop's share of the connections. */
  static final class Worker extends VerticleBase {
    private final Options options;
    private final Window window;
    private final Shared shared;
    private final List<List<String>> subscriptions; // per connection of this worker
    private final Stats stats = new Stats();
    private final CountDownLatch allSettled;
    private WebSocketClient client;
    private int next;
    private int inFlight;
    private final int maxInFlight;
    private Context context;
    final AtomicReference<String> threadName = new AtomicReference<>();

    Worker(Options options, Window window, Shared shared, List<List<String>> subscriptions, CountDownLatch allSettled) {
      this.options = options;
      this.window = window;
      this.shared = shared;
      this.subscriptions = subscriptions;
      this.allSettled = allSettled;
      this.maxInFlight = Math.max(1, options.batch() / options.eventLoops());
    }

    @Override
    public Future<?> start() {
      context = vertx.getOrCreateContext();
      threadName.set(Thread.currentThread().getName());
      client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setConnectTimeout(30_000)
        .setMaxConnections(Integer.MAX_VALUE)
        .setMaxFrameSize(65_536).setMaxMessageSize(262_144));
      pump();
      return Future.succeededFuture();
    }

    /** Starts connections while fewer than maxInFlight handshakes are pending. */
    private void pump() {
      while (inFlight < maxInFlight && next < subscriptions.size()) {
        List<String> symbols = subscriptions.get(next++);
        inFlight++;
        shared.attempted.incrementAndGet();
        client.connect(new WebSocketConnectOptions().setHost(options.host()).setPort(options.port()).setURI("/ws"))
          .onComplete(ar -> {
            inFlight--;
            if (ar.succeeded()) {
              shared.connected.incrementAndGet();
              shared.open.incrementAndGet();
              attach(ar.result(), symbols);
            } else {
              shared.connectFailures.incrementAndGet();
              if (shared.firstFailure == null) {
                shared.firstFailure = String.valueOf(ar.cause());
              }
              allSettled.countDown();
            }
            pump();
          });
      }
    }

    private void attach(WebSocket ws, List<String> symbols) {
      boolean[] acked = {false};
      boolean[] live = {false};
      ws.textMessageHandler(text -> {
        if (!acked[0] && text.startsWith("{\"type\":\"subscribed\"")) {
          acked[0] = true;
          live[0] = true;
          symbols.forEach(s -> shared.liveSubscribers.computeIfAbsent(s, k -> new AtomicInteger()).incrementAndGet());
          shared.subscribed.incrementAndGet();
          allSettled.countDown();
          return;
        }
        onFrame(text);
      });
      ws.closeHandler(v -> {
        shared.open.decrementAndGet();
        shared.disconnects.incrementAndGet();
        shared.closeReasons.merge(ws.closeStatusCode() == null ? "no close frame"
          : ws.closeStatusCode() + " " + ws.closeReason(), 1, Integer::sum);
        if (live[0]) {
          live[0] = false;
          symbols.forEach(s -> shared.liveSubscribers.get(s).decrementAndGet());
        }
        long now = System.currentTimeMillis();
        if (now >= window.start && now < window.end) {
          stats.disconnectsInWindow++;
        }
        if (!acked[0]) {
          acked[0] = true;
          allSettled.countDown();
        }
      });
      ws.exceptionHandler(e -> { });
      ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("channel", "quotes")
        .put("symbols", new JsonArray(symbols)).encode());
    }

    /** One text frame; quotes are measured only inside the window. Runs on this worker's event loop. */
    private void onFrame(String text) {
      long now = System.currentTimeMillis();
      if (!text.contains("\"type\":\"quote\"")) {
        if (text.contains("\"type\":\"error\"")) {
          shared.errorsFromServer.incrementAndGet();
          if (shared.firstFailure == null) {
            shared.firstFailure = "server error frame: " + text;
          }
        }
        if (now >= window.start && now < window.end) {
          stats.nonQuoteFrames++;
        }
        return;
      }
      if (now < window.start || now >= window.end) {
        return;
      }
      stats.deliveries++;
      long lpTime = longField(text, "\"lpTime\":");
      long time = longField(text, "\"time\":");
      long lp = now - lpTime;
      long eng = now - time;
      if (lp < 0 || eng < 0) {
        stats.negativeLatency++;
      }
      stats.lpLatency.recordValue(Math.max(0, Math.min(lp, 3_600_000L)));
      stats.engineLatency.recordValue(Math.max(0, Math.min(eng, 3_600_000L)));
      String symbol = stringField(text, "\"symbol\":\"");
      long sequence = longField(text, "\"sequence\":");
      long[] s = stats.sequences.get(symbol);
      if (s == null) {
        stats.sequences.put(symbol, new long[] {sequence, sequence, 1, time, time});
      } else {
        if (sequence < s[0]) {
          s[0] = sequence;
          s[3] = time;
        }
        if (sequence > s[1]) {
          s[1] = sequence;
          s[4] = time;
        }
        s[2]++;
      }
    }

    CompletableFuture<Stats> snapshot() {
      CompletableFuture<Stats> f = new CompletableFuture<>();
      context.runOnContext(v -> f.complete(stats.copy()));
      return f;
    }
  }

  static long longField(String text, String key) {
    int i = text.indexOf(key);
    if (i < 0) {
      throw new IllegalStateException("no " + key + " in " + text);
    }
    i += key.length();
    long v = 0;
    boolean neg = false;
    if (text.charAt(i) == '-') {
      neg = true;
      i++;
    }
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      v = v * 10 + (c - '0');
    }
    return neg ? -v : v;
  }

  static String stringField(String text, String key) {
    int i = text.indexOf(key);
    if (i < 0) {
      throw new IllegalStateException("no " + key + " in " + text);
    }
    i += key.length();
    return text.substring(i, text.indexOf('"', i));
  }

  /** utime + stime of a process in clock ticks, or -1. */
  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + (pid <= 0 ? "self" : String.valueOf(pid)) + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat(5)
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Jiffies of the whole machine (first line of /proc/stat): {user+nice, system, irq+softirq, steal, busy}. */
  static long[] machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long[] v = new long[9];
      for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
        v[i] = Long.parseLong(f[i]);
      }
      return new long[] {v[1] + v[2], v[3], v[6] + v[7], v[8], v[1] + v[2] + v[3] + v[6] + v[7] + v[8]};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** utime+stime of every process, with its name: to see whether anything else used the CPU. */
  static Map<Long, Object[]> processTicks() {
    Map<Long, Object[]> all = new HashMap<>();
    File[] dirs = new File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
    if (dirs == null) {
      return all;
    }
    for (File dir : dirs) {
      try {
        String stat = Files.readString(dir.toPath().resolve("stat"));
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        all.put(Long.parseLong(dir.getName()), new Object[] {name, Long.parseLong(f[11]) + Long.parseLong(f[12])});
      } catch (IOException | RuntimeException e) {
        // the process ended meanwhile
      }
    }
    return all;
  }

  /** One scrape of the server's /metrics: when it was asked, when it answered, what it said. */
  record Scrape(long askedAt, long answeredAt, Map<String, Double> values, String failure) {
    boolean ok() {
      return failure == null;
    }

    double sum(String name) {
      return values.entrySet().stream().filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
        .mapToDouble(Map.Entry::getValue).sum();
    }
  }

  /**
   * Scrapes asynchronously, so a slow answer (the gateway's event loop is busy) never moves the
   * window boundaries. Keeps rtx_ws_* and the event bus series of the rtx.prices.* addresses.
   */
  static CompletableFuture<Scrape> scrape(String url) {
    long asked = System.currentTimeMillis();
    if (url.isEmpty()) {
      return CompletableFuture.completedFuture(new Scrape(asked, asked, Map.of(), "no metrics url"));
    }
    var http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90)).build(),
        HttpResponse.BodyHandlers.ofString())
      .handle((response, error) -> {
        long answered = System.currentTimeMillis();
        if (error != null) {
          return new Scrape(asked, answered, Map.of(), String.valueOf(error));
        }
        Map<String, Double> values = new TreeMap<>();
        for (String line : response.body().split("\n")) {
          if (line.startsWith("rtx_ws_") || line.startsWith("vertx_eventbus_") && line.contains("address=\"rtx.prices.")
            && line.contains("side=\"local\"")) {
            int sp = line.lastIndexOf(' ');
            values.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
          }
        }
        return new Scrape(asked, answered, values, null);
      });
  }

  static List<String> fetchSymbols(Options o) throws Exception {
    var http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String body = http.send(HttpRequest.newBuilder(URI.create("http://" + o.host() + ":" + o.port() + "/api/v1/symbols"))
      .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    JsonArray array = new JsonObject(body).getJsonArray("symbols");
    List<String> symbols = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      symbols.add(array.getJsonObject(i).getString("symbol"));
    }
    return symbols;
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    List<String> symbols = fetchSymbols(o);
    // Subscription lists: all symbols, or K per client round-robin over the list.
    List<List<String>> perConnection = new ArrayList<>(o.connections());
    int k = o.symbolsPerClient() <= 0 ? symbols.size() : Math.min(o.symbolsPerClient(), symbols.size());
    for (int c = 0; c < o.connections(); c++) {
      List<String> mine = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        mine.add(symbols.get((c * k + j) % symbols.size()));
      }
      perConnection.add(mine);
    }

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(o.eventLoops()));
    Window window = new Window();
    Shared shared = new Shared();
    CountDownLatch settled = new CountDownLatch(o.connections());
    List<Worker> workers = new ArrayList<>();
    for (int w = 0; w < o.eventLoops(); w++) {
      List<List<String>> share = new ArrayList<>();
      for (int c = w; c < o.connections(); c += o.eventLoops()) {
        share.add(perConnection.get(c));
      }
      workers.add(new Worker(o, window, shared, share, settled));
    }
    long t0 = System.nanoTime();
    // One verticle per event loop (Vert.x assigns deployments to event loops round-robin).
    for (Worker worker : workers) {
      vertx.deployVerticle(worker).await();
    }
    System.out.println("[" + o.label() + "] workers on " + workers.stream().map(w -> w.threadName.get()).toList());
    boolean allSettled = settled.await(o.connectTimeoutS(), TimeUnit.SECONDS);
    double connectSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "[%s] %d/%d connected and subscribed in %.1f s (%d connect failures, %d closed)%s%n",
      o.label(), shared.subscribed.get(), o.connections(), connectSeconds, shared.connectFailures.get(),
      shared.disconnects.get(), allSettled ? "" : " -- timed out waiting; measuring what is connected");
    if (shared.firstFailure != null) {
      System.out.println("[" + o.label() + "] first failure: " + shared.firstFailure);
    }

    long start = System.currentTimeMillis() + o.warmupS() * 1000L;
    long end = start + o.durationS() * 1000L;
    window.start = start;
    window.end = end;
    System.out.printf(Locale.ROOT, "[%s] warm-up %d s, then measuring %d s%n", o.label(), o.warmupS(), o.durationS());

    // Window boundaries: server and own CPU, server counters.
    waitUntil(vertx, start);
    long cpuServer0 = cpuTicks(o.serverPid());
    long cpuSelf0 = cpuTicks(0);
    long[] machine0 = machineTicks();
    Map<Long, Object[]> processes0 = processTicks();
    long tStart = System.currentTimeMillis();
    int openAtStart = shared.open.get();
    Map<String, Integer> subscribersAtStart = shared.liveSubscribers();
    System.out.println("MEASURE_START");
    CompletableFuture<Scrape> scrape0 = scrape(o.metricsUrl());
    waitUntil(vertx, end);
    long cpuServer1 = cpuTicks(o.serverPid());
    long cpuSelf1 = cpuTicks(0);
    long[] machine1 = machineTicks();
    Map<Long, Object[]> processes1 = processTicks();
    long tEnd = System.currentTimeMillis();
    int openAtEnd = shared.open.get();
    Map<String, Integer> subscribersAtEnd = shared.liveSubscribers();
    System.out.println("MEASURE_END");
    CompletableFuture<Scrape> scrape1 = scrape(o.metricsUrl());

    Stats total = new Stats();
    for (Worker worker : workers) {
      total.merge(worker.snapshot().get(30, TimeUnit.SECONDS));
    }
    double seconds = o.durationS();
    double windowS = (tEnd - tStart) / 1000.0;
    double serverCores = o.serverPid() > 0 && cpuServer0 >= 0 && cpuServer1 >= 0
      ? (cpuServer1 - cpuServer0) / (double) o.clkTck() / windowS : Double.NaN;
    double selfCores = (cpuSelf1 - cpuSelf0) / (double) o.clkTck() / windowS;
    double[] machine = new double[5]; // user, system, irq+softirq, steal, busy (cores)
    for (int i = 0; i < machine.length; i++) {
      machine[i] = machine0 == null || machine1 == null ? Double.NaN
        : (machine1[i] - machine0[i]) / (double) o.clkTck() / windowS;
    }
    double machineCores = machine[4];
    // Other processes (neither the server nor this client) that used CPU in the window.
    long selfPid = ProcessHandle.current().pid();
    double otherCores = 0;
    List<String> others = new ArrayList<>();
    List<Map.Entry<Long, Object[]>> sorted = new ArrayList<>(processes1.entrySet());
    sorted.sort((x, y) -> Long.compare(delta(processes0, y), delta(processes0, x)));
    for (Map.Entry<Long, Object[]> e : sorted) {
      if (e.getKey() == selfPid || e.getKey() == o.serverPid()) {
        continue;
      }
      double cores = delta(processes0, e) / (double) o.clkTck() / windowS;
      otherCores += cores;
      if (cores >= 0.02 && others.size() < 3) {
        others.add(String.format(Locale.ROOT, "%s[%d] %.2f", e.getValue()[0], e.getKey(), cores));
      }
    }

    // Published quotes per symbol (sequence span) and how many of them each subscriber got.
    // The server's own publication rate: sequence and time are both stamped when a quote is
    // aggregated, so their ratio holds however late the frames reach the clients.
    double expectedDeliveries = 0;
    double sourceRateSum = 0;
    int sourceRates = 0;
    Map<String, Double> ratePerSymbol = new LinkedHashMap<>();
    for (String symbol : symbols) {
      long[] s = total.sequences.get(symbol);
      double rate = s == null ? 0 : (s[1] - s[0] + 1) / seconds;
      ratePerSymbol.put(symbol, rate);
      if (s != null && s[4] > s[3]) {
        sourceRateSum += (s[1] - s[0]) / ((s[4] - s[3]) / 1000.0);
        sourceRates++;
      }
      // Subscribers of the symbol over the window: the mean of its start and end.
      double subscribers = (subscribersAtStart.getOrDefault(symbol, 0) + subscribersAtEnd.getOrDefault(symbol, 0)) / 2.0;
      expectedDeliveries += s == null ? 0 : (s[1] - s[0] + 1) * subscribers;
    }
    double deliveriesPerS = total.deliveries / seconds;
    // Only meaningful when the subscribers stayed (nearly) the same through the window.
    int subsStart = subscribersAtStart.values().stream().mapToInt(Integer::intValue).sum();
    int subsEnd = subscribersAtEnd.values().stream().mapToInt(Integer::intValue).sum();
    boolean steady = subsStart > 0 && Math.abs(subsEnd - subsStart) <= 0.05 * subsStart;
    double deliveredShare = expectedDeliveries == 0 || !steady ? Double.NaN : total.deliveries / expectedDeliveries;
    double sourceRate = sourceRates == 0 ? Double.NaN : sourceRateSum / sourceRates;
    double meanRate = ratePerSymbol.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double minRate = ratePerSymbol.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double maxRate = ratePerSymbol.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Histogram lp = total.lpLatency;
    Histogram eng = total.engineLatency;

    StringBuilder human = new StringBuilder();
    human.append(String.format(Locale.ROOT, "[%s] connections held %d/%d (open at window start %d, end %d; "
        + "disconnects in window %d, total %d; connect failures %d; server error frames %d)%n",
      o.label(), openAtEnd, o.connections(), openAtStart, openAtEnd, total.disconnectsInWindow,
      shared.disconnects.get(), shared.connectFailures.get(), shared.errorsFromServer.get()));
    if (!shared.closeReasons.isEmpty()) {
      human.append(String.format(Locale.ROOT, "[%s] connections closed (code reason: count): %s%n", o.label(), new TreeMap<>(shared.closeReasons)));
    }
    human.append(String.format(Locale.ROOT, "[%s] deliveries/s %.0f (%d quote frames in %d s)%n",
      o.label(), deliveriesPerS, total.deliveries, o.durationS()));
    human.append(String.format(Locale.ROOT, "[%s] quotes per symbol reaching clients in the window (sequence span): mean %.1f/s (min %.1f, max %.1f);"
        + " subscribers got %s of the quotes in that span%n",
      o.label(), meanRate, minRate, maxRate, steady ? String.format(Locale.ROOT, "%.1f%%", deliveredShare * 100)
        : "n/a (subscriptions changed by more than 5% in the window)"));
    human.append(String.format(Locale.ROOT, "[%s] latency LP->client ms: p50 %s  p99 %s  p99.9 %s  max %s  (mean %.2f)%n",
      o.label(), ms(lp, 50), ms(lp, 99), ms(lp, 99.9), lp.getTotalCount() == 0 ? "-" : String.valueOf(lp.getMaxValue()),
      lp.getMean()));
    human.append(String.format(Locale.ROOT, "[%s] latency engine->client ms: p50 %s  p99 %s  p99.9 %s  max %s%n",
      o.label(), ms(eng, 50), ms(eng, 99), ms(eng, 99.9), eng.getTotalCount() == 0 ? "-" : String.valueOf(eng.getMaxValue())));
    human.append(String.format(Locale.ROOT, "[%s] CPU cores used: server %.2f, load client %.2f, other processes %.2f%s;"
        + " whole machine %.2f of %d (user %.2f, system %.2f, irq+softirq %.2f, steal %.2f)%n",
      o.label(), serverCores, selfCores, otherCores, others.isEmpty() ? "" : " " + others, machineCores,
      Runtime.getRuntime().availableProcessors(), machine[0], machine[1], machine[2], machine[3]));
    human.append(String.format(Locale.ROOT, "[%s] server publication rate per symbol (from sequence/time in the frames): %.1f/s%n",
      o.label(), sourceRate));
    // A gateway that answers /metrics this late is already shown to be backlogged: give up then.
    Scrape m0 = awaitScrape(scrape0, end + 30_000);
    Scrape m1 = awaitScrape(scrape1, end + 30_000);
    boolean metrics = m0.ok() && m1.ok();
    long late0 = m0.answeredAt() - m0.askedAt();
    long late1 = m1.answeredAt() - m1.askedAt();
    // Counter rates only when both answers came promptly: a late answer samples the counters at
    // an unknown time after the window.
    boolean prompt = metrics && late0 < 1000 && late1 < 1000;
    double offeredPerS = prompt ? (m1.sum("rtx_ws_quotes_offered_total") - m0.sum("rtx_ws_quotes_offered_total"))
      / ((m1.answeredAt() - m0.answeredAt()) / 1000.0) : Double.NaN;
    if (!o.metricsUrl().isEmpty()) {
      if (metrics) {
        human.append(String.format(Locale.ROOT, "[%s] server /metrics answered in %d ms (window start) and %d ms (end)%s%n"
            + "[%s]   when served after the window: %.0f quotes waiting in the gateway's event-bus queue "
            + "(vertx_eventbus_pending rtx.prices.*), %.0f frames in conflation maps (rtx_ws_conflation_pending), "
            + "%.0f slow-reader disconnects, %.0f ws connections%n",
          o.label(), late0, late1, prompt ? String.format(Locale.ROOT, "; gateway offered %.0f frames/s", offeredPerS)
            : " -- too late to turn its counters into rates",
          o.label(), m1.sum("vertx_eventbus_pending"), m1.sum("rtx_ws_conflation_pending"),
          m1.sum("rtx_ws_disconnected_slow_total") - m0.sum("rtx_ws_disconnected_slow_total"), m1.sum("rtx_ws_connections")));
      } else {
        human.append(String.format(Locale.ROOT, "[%s] server /metrics: no answer (%s)%n", o.label(),
          m0.ok() ? m1.failure() : m0.failure()));
      }
    }
    StringBuilder rates = new StringBuilder();
    ratePerSymbol.forEach((s, r) -> rates.append(rates.length() == 0 ? "" : ",").append(s).append(':')
      .append(String.format(Locale.ROOT, "%.1f", r)));
    human.append("[").append(o.label()).append("] quote rate by symbol (/s): ").append(rates).append('\n');
    System.out.print(human);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("label", o.label());
    result.put("connections", o.connections());
    result.put("held", openAtEnd);
    result.put("disconnects_in_window", total.disconnectsInWindow);
    result.put("connect_failures", shared.connectFailures.get());
    result.put("negative_latency_samples", total.negativeLatency);
    result.put("deliveries_per_s", String.format(Locale.ROOT, "%.0f", deliveriesPerS));
    result.put("quote_rate_per_symbol", String.format(Locale.ROOT, "%.2f", meanRate));
    result.put("delivered_share", String.format(Locale.ROOT, "%.4f", deliveredShare));
    result.put("p50_ms", ms(lp, 50));
    result.put("p99_ms", ms(lp, 99));
    result.put("p999_ms", ms(lp, 99.9));
    result.put("max_ms", lp.getTotalCount() == 0 ? "NaN" : lp.getMaxValue());
    result.put("eng_p50_ms", ms(eng, 50));
    result.put("eng_p99_ms", ms(eng, 99));
    result.put("eng_p999_ms", ms(eng, 99.9));
    result.put("server_cores", String.format(Locale.ROOT, "%.2f", serverCores));
    result.put("client_cores", String.format(Locale.ROOT, "%.2f", selfCores));
    result.put("machine_cores", String.format(Locale.ROOT, "%.2f", machineCores));
    result.put("softirq_cores", String.format(Locale.ROOT, "%.2f", machine[2]));
    result.put("other_cores", String.format(Locale.ROOT, "%.2f", otherCores));
    result.put("source_rate_per_symbol", String.format(Locale.ROOT, "%.2f", sourceRate));
    if (metrics) {
      result.put("metrics_answer_ms", late0 + "/" + late1);
      result.put("offered_per_s", prompt ? String.format(Locale.ROOT, "%.0f", offeredPerS) : "NaN");
      result.put("bus_pending_end", String.format(Locale.ROOT, "%.0f", m1.sum("vertx_eventbus_pending")));
      result.put("conflation_pending_end", String.format(Locale.ROOT, "%.0f", m1.sum("rtx_ws_conflation_pending")));
      result.put("slow_disconnects", String.format(Locale.ROOT, "%.0f",
        m1.sum("rtx_ws_disconnected_slow_total") - m0.sum("rtx_ws_disconnected_slow_total")));
    }
    StringBuilder line = new StringBuilder("RESULT");
    result.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    System.out.println(line);
    System.out.flush();

    if (o.holdS() > 0) {
      System.out.println("HOLDING");
      System.out.flush();
      waitUntil(vertx, System.currentTimeMillis() + o.holdS() * 1000L);
    }
    vertx.close().await();
    System.exit(0);
  }

  private static Scrape awaitScrape(CompletableFuture<Scrape> scrape, long deadline) throws Exception {
    try {
      return scrape.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      long now = System.currentTimeMillis();
      return new Scrape(now, now, Map.of(), "no answer 30 s after the window ended");
    }
  }

  private static long delta(Map<Long, Object[]> before, Map.Entry<Long, Object[]> after) {
    Object[] b = before.get(after.getKey());
    return (Long) after.getValue()[1] - (b == null ? 0L : (Long) b[1]);
  }

  private static String ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? "NaN" : String.valueOf(h.getValueAtPercentile(percentile));
  }

  /**
   * Blocks the main thread (never an event loop) until the wall clock reaches {@code epochMs}:
   * the measurement schedule, not load shaping (frames are handled on the event loops throughout).
   */
  private static void waitUntil(Vertx vertx, long epochMs) throws InterruptedException {
    long left = epochMs - System.currentTimeMillis();
    if (left > 0) {
      CountDownLatch due = new CountDownLatch(1);
      vertx.setTimer(left, id -> due.countDown());
      due.await();
    }
  }
}
