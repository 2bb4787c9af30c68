package com.rtx.gateway;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account channel's delivery rules on one connection, against a recording stand-in for the
 * socket: events that race the snapshot are neither lost nor repeated, summaries are conflated,
 * and a reader that cannot take events is closed rather than silently skipped.
 */
class AccountSubscriptionTest {

  /** A ServerWebSocket that records text frames and reports a full write queue on demand. */
  private static final class FakeSocket {
    final List<String> written = new ArrayList<>();
    boolean full;
    Short closedWith;
    Handler<Void> drain;

    @SuppressWarnings("unchecked")
    ServerWebSocket socket() {
      return (ServerWebSocket) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServerWebSocket.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "writeTextMessage" -> {
            written.add((String) args[0]);
            yield null;
          }
          case "writeQueueFull" -> full;
          case "drainHandler" -> {
            drain = (Handler<Void>) args[0];
            yield proxy;
          }
          case "close" -> {
            closedWith = (Short) args[0];
            yield null;
          }
          case "setWriteQueueMaxSize" -> proxy;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
    }
  }

  private final FakeSocket fake = new FakeSocket();
  private final WsConnection connection = new WsConnection(fake.socket(), 65_536, 0,
    GatewayMetrics.of(new SimpleMeterRegistry()));
  private final AccountSubscription subscription = new AccountSubscription(connection, 100001);

  @Test
  void eventsThatRaceTheSnapshotFollowItWithoutGapOrRepeat() {
    // given commits 5 and 6 arrive while the snapshot is being read, and the snapshot reflects 5
    subscription.onEvents(5, "events-5", 0);
    subscription.onEvents(6, "events-6", 0);
    subscription.onSummary("summary-early", 0);
    assertThat(fake.written).as("nothing before the snapshot").isEmpty();

    subscription.snapshot(5, "snapshot-5", 0);
    subscription.onEvents(7, "events-7", 0);

    assertThat(fake.written).containsExactly("snapshot-5", "events-6", "events-7");
  }

  @Test
  void summariesOfASlowReaderAreConflatedToTheNewest() {
    subscription.snapshot(1, "snapshot", 0);
    fake.full = true;
    subscription.onSummary("summary-1", 0);
    subscription.onSummary("summary-2", 0);
    assertThat(fake.written).containsExactly("snapshot");

    fake.full = false;
    fake.drain.handle(null);

    assertThat(fake.written).containsExactly("snapshot", "summary-2");
  }

  @Test
  void eventsAreQueuedPastAFullWriteQueueAndNeverConflated() {
    subscription.snapshot(1, "snapshot", 0);
    fake.full = true;
    subscription.onEvents(2, "events-2", 0);
    subscription.onEvents(3, "events-3", 0);

    assertThat(fake.written).containsExactly("snapshot", "events-2", "events-3");
    assertThat(fake.closedWith).isNull();
    assertThat(connection.stuck(10_001, 10_000)).as("a backlog older than stuck-ms counts as stuck").isTrue();
  }

  @Test
  void aReaderTooFarBehindOnEventsIsClosedWithPolicyViolation() {
    subscription.snapshot(1, "snapshot", 0);
    fake.full = true;
    for (int version = 2; version <= WsConnection.MAX_EVENT_BACKLOG + 2; version++) {
      subscription.onEvents(version, "events-" + version, 0);
    }

    assertThat(fake.closedWith).isEqualTo(WsEndpoint.POLICY_VIOLATION);
    assertThat(fake.written).hasSize(WsConnection.MAX_EVENT_BACKLOG + 1);
  }

  @Test
  void aCancelledSubscriptionSendsNothingEvenWhenItsSnapshotArrivesLate() {
    subscription.onEvents(2, "events-2", 0);
    subscription.cancel();
    subscription.snapshot(1, "snapshot", 0);
    subscription.onEvents(3, "events-3", 0);

    assertThat(fake.written).isEmpty();
  }
}
