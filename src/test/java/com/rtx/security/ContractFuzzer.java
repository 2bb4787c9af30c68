package com.rtx.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rtx.platform.db.PgTarget;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The contract fuzzer (issue 12, SECURITY.md invariant 8: an input error is a 4xx, never a 5xx).
 * Every operation of the trader and admin OpenAPI contracts is called with valid requests
 * generated from its schemas and with mutated ones ({@link FuzzRequests}), as the demo traders,
 * as staff of every role, with no or a forged token; every answer of 500 or more is recorded with
 * the request that caused it. After the run the money and audit invariants are checked
 * ({@link FuzzInvariants}).
 *
 * <p>Run from {@code scripts/security/fuzz} (100,000 requests) or {@code ContractFuzzIT} (a short
 * run inside {@code ./mvnw verify}). Arguments of {@link #main}: {@code --requests N --seed S
 * --threads T} and either nothing (an engine is started in this JVM on the test PostgreSQL) or
 * {@code --url http://127.0.0.1:8080 --pg-url postgresql://... [--metrics-url ...]} for a
 * running engine with the demo data (demo password from {@code RTX_DEMO_PASSWORD}). Exit code 0
 * when no answer was 5xx and every invariant holds, 1 otherwise, 2 on a usage error.
 */
public final class ContractFuzzer {

  /** A request answered 500 or more (or not at all, status -1). */
  record Finding(FuzzRequests.Request request, int status, String answer) {
    @Override
    public String toString() {
      return "#" + request.index() + " " + request.op().name() + " [" + request.mutation() + "] as " + request.who() + ": "
        + request.method() + " " + cut(request.target(), 300) + "\n    body: " + cut(request.bodyText(), 600)
        + "\n    -> " + status + " " + cut(answer, 600);
    }
  }

  /** The outcome of a run. */
  record Report(long seed, long requests, Map<Integer, Long> statuses, Map<String, Map<Integer, Long>> byOperation,
                long houseKeeping, long houseKeepingFailures, long noAnswer,
                List<Finding> findings, long findingCount, List<String> noAnswerSamples, Duration took,
                List<FuzzInvariants.Check> invariants) {

    boolean passed() {
      return findingCount == 0 && invariants.stream().allMatch(FuzzInvariants.Check::ok);
    }

    long countOf(int statusClass) {
      return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == statusClass).mapToLong(Map.Entry::getValue).sum();
    }

    String summary() {
      StringBuilder b = new StringBuilder();
      b.append(String.format("fuzz: seed %d, %,d requests in %.1f s (%.0f/s), plus %d housekeeping requests%n", seed, requests,
        took.toMillis() / 1000.0, requests * 1000.0 / Math.max(1, took.toMillis()), houseKeeping));
      b.append(String.format("statuses: 2xx %,d  3xx %,d  4xx %,d  5xx %,d  no answer %,d%n", countOf(2), countOf(3), countOf(4),
        countOf(5), noAnswer));
      b.append("by status: ").append(statuses).append('\n');
      b.append("operations called: ").append(byOperation.size()).append('\n');
      byOperation.forEach((op, counts) -> b.append("  ").append(op).append(' ').append(counts).append('\n'));
      b.append("responses >= 500: ").append(findingCount).append('\n');
      findings.forEach(f -> b.append("  ").append(f).append('\n'));
      if (houseKeepingFailures > 0) {
        b.append("  ").append(houseKeepingFailures).append(" of them housekeeping requests (kill switch, roles, demo accounts)\n");
      }
      if (!noAnswerSamples.isEmpty()) {
        b.append("closed without an answer (not a 5xx; first ones):\n");
        noAnswerSamples.forEach(s -> b.append("  ").append(s).append('\n'));
      }
      b.append("invariants:\n");
      invariants.forEach(c -> b.append("  ").append(c).append('\n'));
      b.append(passed() ? "PASSED" : "FAILED").append('\n');
      return b.toString();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int KEEP_FINDINGS = 40;

  private final long seed;
  private final long requests;
  private final int threads;
  private final int houseKeepingEvery;
  private final String host;
  private final int port;
  private final FuzzSessions sessions;
  private final FuzzPools pools;
  private final FuzzRequests generator;
  private final Consumer<Random> market;
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final Map<String, Map<Integer, LongAdder>> byOperation = new ConcurrentHashMap<>();
  private final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
  private final List<String> noAnswerSamples = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong findingCount = new AtomicLong();
  private final AtomicLong noAnswer = new AtomicLong();
  private final AtomicLong houseKeeping = new AtomicLong();
  private final AtomicLong houseKeepingFailures = new AtomicLong();

  /**
   * @param market called between batches with the batch's random source (moves the prices in
   *               the in-process engine; does nothing against a running one)
   */
  ContractFuzzer(long seed, long requests, int threads, String host, int port, FuzzSessions sessions,
                 java.util.function.LongSupplier clock, Consumer<Random> market) {
    this.seed = seed;
    this.requests = requests;
    this.threads = threads;
    this.houseKeepingEvery = 250;
    this.host = host;
    this.port = port;
    this.sessions = sessions;
    this.market = market;
    sessions.setUp();
    this.pools = new FuzzPools(clock, sessions.accounts());
    pools.victims(sessions.victimStaff(), sessions.victimTraders(), sessions.victimAccounts());
    this.generator = new FuzzRequests(FuzzContract.load(FuzzContract.TRADER), FuzzContract.load(FuzzContract.ADMIN), pools,
      sessions, seed);
  }

  /** Sends the requests, then checks the invariants. */
  Report run(FuzzInvariants invariants, Runnable freshQuotes) {
    Instant start = Instant.now();
    AtomicLong next = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> work(next), "fuzz-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    Duration took = Duration.between(start, Instant.now());
    houseKeep(new Random(seed));
    List<FuzzInvariants.Check> checks = invariants.checkAll(freshQuotes);
    Map<Integer, Long> counts = new TreeMap<>();
    statuses.forEach((s, n) -> counts.put(s, n.sum()));
    Map<String, Map<Integer, Long>> perOperation = new TreeMap<>();
    byOperation.forEach((op, m) -> {
      Map<Integer, Long> c = new TreeMap<>();
      m.forEach((s, n) -> c.put(s, n.sum()));
      perOperation.put(op, c);
    });
    return new Report(seed, requests, counts, perOperation, houseKeeping.get(), houseKeepingFailures.get(), noAnswer.get(),
      List.copyOf(findings), findingCount.get(), List.copyOf(noAnswerSamples), took, checks);
  }

  private void work(AtomicLong next) {
    try (RawHttp http = new RawHttp(host, port, 60_000)) {
      for (long i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
        if (i > 0 && i % houseKeepingEvery == 0) {
          houseKeep(new Random(seed + i));
        }
        FuzzRequests.Request request = generator.build(i);
        // Fuzzed requests come from 127.0.0.2-251, fifty in a row from each: their failed logins
        // count against those addresses, never against 127.0.0.1 where the real sessions log in.
        String from = "127.0.0." + (2 + (i / 50) % 250);
        send(http, from, request);
      }
    }
  }

  private void send(RawHttp http, String from, FuzzRequests.Request request) {
    RawHttp.Response response;
    try {
      response = http.send(from, request.method(), request.target(), request.headers(), request.body());
    } catch (IOException | RuntimeException e) {
      http.close();
      noAnswer.incrementAndGet();
      if (noAnswerSamples.size() < 10) {
        noAnswerSamples.add("#" + request.index() + " " + request.op().name() + " [" + request.mutation() + "] "
          + request.method() + " " + cut(request.target(), 200) + ": " + e);
      }
      if (e instanceof java.net.SocketTimeoutException) {
        // No answer within the timeout is a hang: as bad as a 5xx.
        record(request, -1, "no answer within 60 s");
      }
      return;
    }
    statuses.computeIfAbsent(response.status(), s -> new LongAdder()).increment();
    byOperation.computeIfAbsent(request.op().name(), k -> new ConcurrentHashMap<>())
      .computeIfAbsent(response.status(), s -> new LongAdder()).increment();
    if (response.status() >= 500) {
      record(request, response.status(), response.body());
    }
    if (response.status() == 401 && request.token() != null && !request.who().equals("garbage")
      && !request.mutation().startsWith("header")) {
      sessions.check(request.who(), request.token());
    }
    if (response.status() < 300 && response.body().startsWith("{") && response.body().length() < 1_000_000) {
      try {
        pools.harvest(JSON.readTree(response.body()));
      } catch (IOException ignored) {
        // not JSON after all: nothing to learn from it
      }
    }
  }

  private void record(FuzzRequests.Request request, int status, String answer) {
    findingCount.incrementAndGet();
    if (findings.size() < KEEP_FINDINGS) {
      findings.add(new Finding(request, status, answer));
    }
  }

  private void houseKeep(Random random) {
    market.accept(random);
    for (int status : sessions.houseKeeping()) {
      houseKeeping.incrementAndGet();
      if (status >= 500) {
        findingCount.incrementAndGet();
        houseKeepingFailures.incrementAndGet();
      }
    }
  }

  static String cut(String s, int max) {
    String printable = s.replace("\u0000", "\\0").replace("\r", "\\r").replace("\n", "\\n");
    return printable.length() <= max ? printable : printable.substring(0, max) + "...(" + s.length() + " chars)";
  }

  // ---- command line ----

  public static void main(String[] args) {
    Map<String, String> o = new java.util.HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        System.err.println("usage: ContractFuzzer [--requests N] [--seed S] [--threads T] [--url URL --pg-url PG_URL "
          + "[--metrics-url URL]] [--admin USER]  (demo password: RTX_DEMO_PASSWORD)");
        System.exit(2);
      }
      o.put(args[i].substring(2), args[++i]);
    }
    long requests = Long.parseLong(o.getOrDefault("requests", "100000"));
    long seed = o.containsKey("seed") ? Long.parseLong(o.get("seed")) : new Random().nextLong();
    int threads = Integer.parseInt(o.getOrDefault("threads", "4"));
    Report report = o.containsKey("url") ? againstRunning(o, requests, seed, threads) : inProcess(requests, seed, threads, false);
    System.out.print(report.summary());
    System.exit(report.passed() ? 0 : 1);
  }

  /** Starts an engine in this JVM, fuzzes it and stops it (the database is kept when the run fails). */
  static Report inProcess(long requests, long seed, int threads, boolean quiet) {
    String password = "fz-Demo-Pa55word-" + Long.toHexString(seed);
    FuzzEngine engine = new FuzzEngine(password);
    boolean passed = false;
    try {
      FuzzSessions sessions = new FuzzSessions("127.0.0.1", engine.port(), "admin", password, seed);
      if (!quiet) {
        System.out.println("fuzz: seed " + seed + ", " + requests + " requests, " + threads + " threads, engine in this JVM on "
          + "127.0.0.1:" + engine.port() + ", database " + engine.databaseName());
      }
      ContractFuzzer fuzzer = new ContractFuzzer(seed, requests, threads, "127.0.0.1", engine.port(), sessions,
        engine::now, engine::step);
      Report report = fuzzer.run(new FuzzInvariants(engine.jdbcUrl(), engine.jdbcProperties(), sessions, engine.metricsUrl()),
        engine::republish);
      sessions.close();
      passed = report.passed();
      if (!passed) {
        System.out.println("database kept for inspection: " + engine.databaseName());
      }
      return report;
    } finally {
      engine.stop(!passed);
    }
  }

  private static Report againstRunning(Map<String, String> o, long requests, long seed, int threads) {
    URI url = URI.create(o.get("url"));
    String password = System.getenv("RTX_DEMO_PASSWORD");
    if (password == null || password.isEmpty() || !o.containsKey("pg-url")) {
      System.err.println("--url needs --pg-url (for the ledger checks) and RTX_DEMO_PASSWORD (the demo users' password)");
      System.exit(2);
    }
    PgTarget pg = PgTarget.fromUrl(o.get("pg-url"), null, null);
    int port = url.getPort() < 0 ? 80 : url.getPort();
    System.out.println("fuzz: seed " + seed + ", " + requests + " requests, " + threads + " threads, against " + url);
    FuzzSessions sessions = new FuzzSessions(url.getHost(), port, o.getOrDefault("admin", "admin"), password, seed);
    ContractFuzzer fuzzer = new ContractFuzzer(seed, requests, threads, url.getHost(), port, sessions,
      System::currentTimeMillis, random -> { });
    return fuzzer.run(new FuzzInvariants(pg.jdbcUrl(), pg.jdbcProperties(), sessions, o.get("metrics-url")), () -> { });
  }
}
