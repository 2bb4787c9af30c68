package com.rtx.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.ScreenLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.ClOrdID;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load client of scripts/bench/abook: A-Book market orders at a fixed rate (open loop: each order
 * leaves at its scheduled time whatever the previous ones are doing), either
 * <ul>
 *   <li>{@code --mode rest}: through the engine, {@code POST /api/v1/orders} round robin over A-Book
 *   accounts ({@code --accounts}; the reply is final: FILLED), round trip = request sent → reply received; or</li>
 *   <li>{@code --mode fix}: a bare QuickFIX/J initiator on the simulator's trade session of another
 *   LP, round trip = NewOrderSingle handed to the session → its fill received (the baseline).</li>
 * </ul>
 * After the run it reads the simulator's own time per order ({@code GET /order-times} on its
 * control port: NewOrderSingle received → final report handed to its session) and reports, for
 * the measured orders (after the warm-up), the round trip, the LP's time and their difference
 * per order (what the engine, or in fix mode the bare FIX path, added), in milliseconds.
 */
public final class AbookLoadClient {

  private record Sample(String key, long rttMicros, long sentMs) {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String mode = a.getOrDefault("mode", "rest");
    String label = a.getOrDefault("label", mode);
    int rate = Integer.parseInt(a.getOrDefault("rate", "100"));
    int warmup = Integer.parseInt(a.getOrDefault("warmup", "5"));
    int duration = Integer.parseInt(a.getOrDefault("duration", "20"));
    int controlPort = Integer.parseInt(a.get("control-port"));
    String volume = a.getOrDefault("volume", "0.01");
    // --expect REJECTED: the LP refuses every order (e.g. a session-level Reject): the round trip is
    // the whole measure, since the LP spends no time of its own on an order it never took.
    boolean refusals = "REJECTED".equals(a.get("expect"));

    List<Sample> samples = "fix".equals(mode) ? fix(a, rate, warmup, duration, volume)
      : rest(a, rate, warmup, duration, volume, refusals ? "REJECTED" : "FILLED");

    // The LP's own time per order, from the simulator.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> times = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort
      + "/order-times")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    JsonObject orders = new JsonObject(times.body()).getJsonObject("orders");
    Histogram rtt = new Histogram(60_000_000L, 3);
    Histogram lp = new Histogram(60_000_000L, 3);
    Histogram added = new Histogram(60_000_000L, 3);
    long unmatched = 0;
    // Where the slow ones were (scheduled send time, s from the start): stalls show as clusters.
    StringBuilder slow = new StringBuilder();
    samples.stream().filter(s -> s.rttMicros() > 20_000).sorted(java.util.Comparator.comparingLong(Sample::sentMs))
      .limit(40).forEach(s -> slow.append(String.format(" %.2fs:%.0fms", s.sentMs() / 1000.0, s.rttMicros() / 1000.0)));
    if (slow.length() > 0) {
      System.out.println("[" + label + "] round trips over 20 ms (first 40, at scheduled send time):" + slow);
    }
    for (Sample s : samples) {
      Object lpMicros = refusals ? Long.valueOf(0) : orders.getValue(s.key());
      if (!(lpMicros instanceof Number n)) {
        unmatched++;
        continue;
      }
      rtt.recordValue(s.rttMicros());
      lp.recordValue(n.longValue());
      added.recordValue(Math.max(0, s.rttMicros() - n.longValue()));
    }
    System.out.printf("[%s] %d measured orders at %d/s: round trip p50 %s p99 %s ms | LP's own time p50 %s p99 %s ms | "
        + "added p50 %s p99 %s p99.9 %s max %s ms (%d without an LP time)%n", label, rtt.getTotalCount(), rate,
      ms(rtt, 50), ms(rtt, 99), ms(lp, 50), ms(lp, 99), ms(added, 50), ms(added, 99), ms(added, 99.9),
      ms(added.getMaxValue()), unmatched);
    System.out.printf("RESULT label=%s mode=%s rate=%d measured=%d unmatched=%d rtt_p50_ms=%s rtt_p99_ms=%s lp_p50_ms=%s "
        + "lp_p99_ms=%s added_p50_ms=%s added_p99_ms=%s added_p999_ms=%s added_max_ms=%s%n", label, mode, rate,
      rtt.getTotalCount(), unmatched, ms(rtt, 50), ms(rtt, 99), ms(lp, 50), ms(lp, 99), ms(added, 50), ms(added, 99),
      ms(added, 99.9), ms(added.getMaxValue()));
    System.exit(0);
  }

  private static String ms(Histogram h, double percentile) {
    return ms(h.getValueAtPercentile(percentile));
  }

  private static String ms(long micros) {
    return String.format("%.2f", micros / 1000.0);
  }

  /** Calls {@code send(i)} at {@code rate} per second for warm-up + duration seconds, on this thread. */
  private static long schedule(int rate, int seconds, java.util.function.LongConsumer send) {
    long interval = 1_000_000_000L / rate;
    long total = (long) rate * seconds;
    long start = System.nanoTime() + 10_000_000L;
    long late = 0;
    for (long i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(Math.min(wait, 200_000));
      }
      if (-wait > 1_000_000) {
        late++;
      }
      send.accept(i);
    }
    return late;
  }

  // ---------------------------------------------------------------------------------------- REST

  private static List<Sample> rest(Map<String, String> a, int rate, int warmup, int duration, String volume,
                                   String expected) throws Exception {
    int port = Integer.parseInt(a.get("port"));
    long[] accounts = java.util.Arrays.stream(a.getOrDefault("accounts", "100003").split(",")).mapToLong(Long::parseLong)
      .toArray();
    Vertx vertx = Vertx.vertx();
    io.vertx.core.http.HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(port).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
    String token = login(a, port);
    long warmupOrders = (long) rate * warmup;
    List<Sample> samples = new ArrayList<>();
    AtomicLong failed = new AtomicLong();
    AtomicLong pending = new AtomicLong();
    Map<String, Integer> failures = new ConcurrentHashMap<>();
    Context context = vertx.getOrCreateContext();
    long late = schedule(rate, warmup + duration, i -> {
      pending.incrementAndGet();
      context.runOnContext(v -> {
        // Round robin over the accounts; each account alternates BUY and SELL (netting: stays flat).
        long accountId = accounts[(int) (i % accounts.length)];
        Buffer body = new JsonObject().put("accountId", accountId).put("symbol", "EURUSD")
          .put("side", (i / accounts.length) % 2 == 0 ? "BUY" : "SELL").put("type", "MARKET").put("volume", volume).toBuffer();
        long t0 = System.nanoTime();
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/orders")
            .putHeader("Content-Type", "application/json").putHeader("Authorization", "Bearer " + token))
          .compose(req -> req.send(body)).compose(resp -> resp.body().map(b -> {
            long rtt = (System.nanoTime() - t0) / 1_000;
            JsonObject json = b.toJsonObject();
            if (resp.statusCode() == ("FILLED".equals(expected) ? 200 : 422) && expected.equals(json.getString("status"))) {
              if (i >= warmupOrders) {
                samples.add(new Sample(accountId + "-" + json.getLong("orderId") + "-1", rtt, i * 1000 / rate));
              }
            } else {
              failed.incrementAndGet();
              failures.merge(resp.statusCode() + " " + json.getString("status", "") + " " + json.getString("reason", ""), 1,
                Integer::sum);
            }
            return null;
          })).onComplete(done -> {
            if (done.failed()) {
              failed.incrementAndGet();
              failures.merge(done.cause().toString(), 1, Integer::sum);
            }
            pending.decrementAndGet();
          });
      });
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (pending.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    CountDownLatch copied = new CountDownLatch(1);
    List<Sample> result = new ArrayList<>();
    context.runOnContext(v -> {
      result.addAll(samples);
      copied.countDown();
    });
    copied.await(10, TimeUnit.SECONDS);
    System.out.printf("[%s] sent %d orders (%d warm-up), %d failed %s, %d still pending, %d sent more than 1 ms late%n",
      a.getOrDefault("label", "rest"), (long) rate * (warmup + duration), warmupOrders, failed.get(), failures,
      pending.get(), late);
    vertx.close();
    return result;
  }

  private static String login(Map<String, String> a, int port) throws Exception {
    HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/v1/auth/login")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
        new JsonObject().put("username", a.getOrDefault("user", "trader2")).put("password", a.get("password")).encode()))
      .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body()).getString("accessToken");
  }

  // ----------------------------------------------------------------------------------------- FIX

  private static List<Sample> fix(Map<String, String> a, int rate, int warmup, int duration, String volume)
    throws Exception {
    int fixPort = Integer.parseInt(a.get("fix-port"));
    String lp = a.getOrDefault("lp", "LP2");
    String units = new java.math.BigDecimal(volume).multiply(java.math.BigDecimal.valueOf(100_000)).stripTrailingZeros()
      .toPlainString();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> rtts = new ConcurrentHashMap<>();
    AtomicLong rejected = new AtomicLong();
    CountDownLatch loggedOn = new CountDownLatch(1);
    SessionID id = new SessionID("FIX.4.4", "RTX", "TRADE", "", lp, "", "", "bench");
    SessionSettings settings = new SessionSettings();
    settings.setString("ConnectionType", "initiator");
    settings.setString("StartTime", "00:00:00");
    settings.setString("EndTime", "00:00:00");
    settings.setBool("NonStopSession", true);
    settings.setString("ReconnectInterval", "1");
    settings.setBool("UseDataDictionary", true);
    settings.setString("DataDictionary", "FIX44.xml");
    settings.setBool("ResetOnLogon", true);
    settings.setString(id, "BeginString", "FIX.4.4");
    settings.setString(id, "SenderSubID", "TRADE");
    settings.setString(id, "SocketConnectHost", "127.0.0.1");
    settings.setLong(id, "SocketConnectPort", fixPort);
    settings.setLong(id, "HeartBtInt", 30);
    Application app = new quickfix.ApplicationAdapter() {
      @Override
      public void onLogon(SessionID sessionId) {
        loggedOn.countDown();
      }

      @Override
      public void fromApp(Message message, SessionID sessionId) {
        long now = System.nanoTime();
        try {
          if (!MsgType.EXECUTION_REPORT.equals(message.getHeader().getString(MsgType.FIELD))) {
            return;
          }
          char status = message.getChar(OrdStatus.FIELD);
          String clOrdId = message.getString(ClOrdID.FIELD);
          if (status == OrdStatus.FILLED) {
            Long t0 = sentAt.remove(clOrdId);
            if (t0 != null) {
              rtts.put(clOrdId, (now - t0) / 1_000);
            }
          } else if (status == OrdStatus.REJECTED || status == OrdStatus.CANCELED) {
            sentAt.remove(clOrdId);
            rejected.incrementAndGet();
          }
        } catch (quickfix.FieldNotFound e) {
          throw new IllegalStateException(e);
        }
      }
    };
    SocketInitiator initiator = new SocketInitiator(app, new MemoryStoreFactory(), settings,
      new ScreenLogFactory(false, false, false, false), new DefaultMessageFactory());
    initiator.start();
    if (!loggedOn.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no logon to " + lp + " at 127.0.0.1:" + fixPort);
    }
    Session session = Session.lookupSession(id);
    String run = Long.toString(System.currentTimeMillis(), 36);
    long warmupOrders = (long) rate * warmup;
    long late = schedule(rate, warmup + duration, i -> {
      String clOrdId = "bench-" + run + "-" + i;
      NewOrderSingle order = new NewOrderSingle(new ClOrdID(clOrdId), new Side(i % 2 == 0 ? Side.BUY : Side.SELL),
        new TransactTime(LocalDateTime.now(ZoneOffset.UTC)), new OrdType(OrdType.MARKET));
      order.set(new Symbol("EURUSD"));
      order.setString(OrderQty.FIELD, units);
      order.set(new TimeInForce(TimeInForce.IMMEDIATE_OR_CANCEL));
      sentAt.put(clOrdId, System.nanoTime());
      session.send(order);
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!sentAt.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    List<Sample> samples = new ArrayList<>();
    rtts.forEach((clOrdId, rtt) -> {
      if (Long.parseLong(clOrdId.substring(clOrdId.lastIndexOf('-') + 1)) >= warmupOrders) {
        long i = Long.parseLong(clOrdId.substring(clOrdId.lastIndexOf('-') + 1));
        samples.add(new Sample(clOrdId, rtt, i * 1000 / rate));
      }
    });
    System.out.printf("[%s] sent %d orders (%d warm-up), %d rejected or cancelled, %d unanswered, %d sent more than 1 ms late%n",
      a.getOrDefault("label", "fix"), (long) rate * (warmup + duration), warmupOrders, rejected.get(), sentAt.size(), late);
    initiator.stop();
    return samples;
  }
}
