package com.rtx.platform.logging;

import com.rtx.platform.config.SentryConfig;
import com.rtx.support.Eventually;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sentry reporting against a Sentry-shaped HTTP endpoint on 127.0.0.1: with a DSN, an ERROR log
 * line arrives as an event envelope carrying its message, exception and environment; INFO lines
 * and an engine without a DSN send nothing.
 */
class SentryReportingTest {

  private static final Logger LOG = LoggerFactory.getLogger(SentryReportingTest.class);

  @Test
  void errorLinesAreReportedWhenADsnIsSetAndNothingIsSentOtherwise() throws Exception {
    List<String> envelopes = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (InputStream raw = exchange.getRequestBody()) {
        byte[] body = raw.readAllBytes();
        boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        envelopes.add(exchange.getRequestURI().getPath() + "\n" + new String(gzip ? gunzip(body) : body,
          StandardCharsets.UTF_8));
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    try {
      SentryReporting.start(new SentryConfig(Optional.empty(), "test"), "1.0+abc", "node-1");
      LOG.error("not reported: no DSN");

      String dsn = "http://0123456789abcdef@127.0.0.1:" + server.getAddress().getPort() + "/42";
      SentryReporting.start(new SentryConfig(Optional.of(dsn), "ci"), "1.0+abc", "node-1");
      LOG.info("an info line stays local");
      LOG.error("order book inconsistent for shard 3", new IllegalStateException("boom"));
      Eventually.await("the error reached Sentry", Duration.ofSeconds(30),
        () -> envelopes.stream().anyMatch(e -> e.contains("order book inconsistent for shard 3")));
    } finally {
      SentryReporting.stop();
      server.stop(0);
    }
    String event = envelopes.stream().filter(e -> e.contains("order book inconsistent")).findFirst().orElseThrow();
    assertThat(event).startsWith("/api/42/envelope/");
    assertThat(event).contains("IllegalStateException").contains("boom").contains("\"environment\":\"ci\"");
    assertThat(envelopes).noneMatch(e -> e.contains("not reported: no DSN") || e.contains("an info line stays local"));
  }

  private static byte[] gunzip(byte[] body) throws java.io.IOException {
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body));
         ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      in.transferTo(out);
      return out.toByteArray();
    }
  }
}
