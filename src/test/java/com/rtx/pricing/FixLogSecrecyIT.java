package com.rtx.pricing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.rtx.lpsim.SimulatorFixture;
import com.rtx.platform.config.LpCredentials;
import com.rtx.refdata.LiquidityProvider;
import com.rtx.support.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pricing's market-data session against the LP simulator, logging at DEBUG, with an LP
 * password configured: no log line of either side (QuickFIX/J's own, ours) carries the password
 * or an unmasked 554/553, and at INFO the quote stream writes nothing per tick.
 */
@Timeout(120)
class FixLogSecrecyIT {

  private static final String PASSWORD = "Lp-Pa55|word-7x";
  private static final String USERNAME = "rtx-md-user";

  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<Logger> debugged = List.of((Logger) LoggerFactory.getLogger("com.rtx"),
    (Logger) LoggerFactory.getLogger("quickfix"));
  private SimulatorFixture lpsim;
  private LpMarketDataSessions sessions;

  @BeforeEach
  void capture() {
    lines.start();
    root.addAppender(lines);
  }

  @AfterEach
  void release() throws Exception {
    if (sessions != null) {
      sessions.stop();
    }
    if (lpsim != null) {
      lpsim.close();
    }
    root.detachAppender(lines);
    debugged.forEach(logger -> logger.setLevel(null));
  }

  @Test
  void logonCredentialsNeverReachALogLineEvenAtDebug() throws Exception {
    debugged.forEach(logger -> logger.setLevel(Level.DEBUG));
    AtomicInteger ticks = stream();

    Eventually.await("quotes from the simulator", Duration.ofSeconds(60), () -> ticks.get() >= 20);
    sessions.stop();
    sessions = null;

    List<String> text = captured(0).stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(text).as("the logon was logged, masked").anySatisfy(line ->
      assertThat(line).contains("35=A").contains("554=***").contains("553=***"));
    assertThat(text).allSatisfy(line -> assertThat(line)
      .doesNotContain(PASSWORD).doesNotContain("Lp-Pa55").doesNotContain(USERNAME)
      .doesNotContainPattern("(^|[|\\u0001 ])55[34]=(?!\\*\\*\\*)"));
  }

  @Test
  void aQuoteStreamWritesNoInfoLinePerTick() throws Exception {
    AtomicInteger ticks = stream();

    Eventually.await("quotes flowing", Duration.ofSeconds(60), () -> ticks.get() >= 20);
    int linesBefore = captured(0).size();
    int ticksBefore = ticks.get();
    Eventually.await("100 more quotes", Duration.ofSeconds(60), () -> ticks.get() >= ticksBefore + 100);

    // Session start-up says a few things at INFO; the stream itself says nothing.
    List<ILoggingEvent> during = captured(linesBefore);
    List<ILoggingEvent> info = during.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).toList();
    assertThat(info).as("INFO lines during %d ticks", ticks.get() - ticksBefore).isEmpty();
    assertThat(captured(0)).noneSatisfy(e -> assertThat(e.getLevel().isGreaterOrEqual(Level.INFO)
      && e.getFormattedMessage().contains("35=W")).isTrue());
  }

  /** Lines captured from index {@code from} on; appends wait meanwhile (AppenderBase.doAppend locks the appender). */
  private List<ILoggingEvent> captured(int from) {
    synchronized (lines) {
      return List.copyOf(lines.list.subList(from, lines.list.size()));
    }
  }

  /** The simulator quoting every 10 ms and the pricing's session logged on with credentials; ticks received. */
  private AtomicInteger stream() throws Exception {
    lpsim = SimulatorFixture.started(new JsonArray().add(new JsonObject().put("name", "LP1")
      .put("spread-factor", "1.0").put("tick-interval-ms", 10).put("latency-ms", 0)));
    AtomicInteger ticks = new AtomicInteger();
    LiquidityProvider lp = new LiquidityProvider("LP1", "127.0.0.1", lpsim.fixPort, "RTX", "LP1", Optional.of(1),
      Optional.of("LP1-ref"), true, true, com.rtx.core.market.LpDialect.STANDARD);
    sessions = new LpMarketDataSessions(List.of(lp), lpsim.config.pricing(),
      Map.of("LP1-ref", new LpCredentials(USERNAME, PASSWORD)), () -> List.of("EURUSD", "GBPUSD"),
      new LpMarketDataSessions.Listener() {
        @Override
        public void onLogon(String name) {
        }

        @Override
        public void onLogout(String name) {
        }

        @Override
        public void onEntries(String name, List<LpMarketDataSessions.Entry> entries, long lpTime, long received) {
          ticks.incrementAndGet();
        }

        @Override
        public void onReject(String name, String reason) {
        }
      }, Runnable::run, Clock.systemUTC());
    sessions.start();
    return ticks;
  }
}
