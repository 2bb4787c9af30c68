package com.rtx.gateway;

import com.rtx.bus.DealingAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Account feeds of one gateway instance: one bus consumer per account on
 * {@code rtx.account.<id>} ({@link DealingAddresses#account}) shared by every connection
 * subscribed to it, registered with the first subscriber and removed with the last. Each commit's
 * events become one {@code account.events} frame, built once and written to every subscriber;
 * summaries go out at most every {@link #SUMMARY_INTERVAL_MS} per account ({@link SummaryThrottle}),
 * then each connection conflates them like quotes.
 *
 * <p>Not thread-safe: owned by the gateway verticle's event loop.
 */
final class AccountHub {

  /** 4 summaries per second per account at most, whatever rate dealing publishes at. */
  static final long SUMMARY_INTERVAL_MS = 250;

  private final Vertx vertx;
  private final Clock clock;
  private final Map<Long, Feed> feeds = new HashMap<>();

  private final class Feed {
    final long accountId;
    final Set<AccountSubscription> subscribers = new LinkedHashSet<>();
    final SummaryThrottle throttle = new SummaryThrottle(SUMMARY_INTERVAL_MS);
    final MessageConsumer<JsonObject> consumer;
    JsonObject waitingSummary;

    Feed(long accountId) {
      this.accountId = accountId;
      this.consumer = vertx.eventBus().consumer(DealingAddresses.account(accountId), m -> arrived(this, m.body()));
    }
  }

  private final long watchTimer;

  AccountHub(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    // Dealing values an account for its summary only while someone watches it.
    this.watchTimer = vertx.setPeriodic(DealingAddresses.WATCH_REFRESH_MS, id -> watch(feeds.keySet()));
  }

  private void watch(java.util.Collection<Long> accountIds) {
    if (!accountIds.isEmpty()) {
      vertx.eventBus().publish(DealingAddresses.ACCOUNT_WATCH,
        new JsonObject().put("accountIds", new io.vertx.core.json.JsonArray(List.copyOf(accountIds))));
    }
  }

  /**
   * Adds the subscriber to its account's feed; completes once the feed's consumer is registered
   * (in a cluster: known to the other nodes), after which no event of the account can miss it.
   */
  Future<Void> join(AccountSubscription subscription) {
    if (!feeds.containsKey(subscription.accountId())) {
      watch(List.of(subscription.accountId()));
    }
    Feed feed = feeds.computeIfAbsent(subscription.accountId(), Feed::new);
    feed.subscribers.add(subscription);
    return feed.consumer.completion();
  }

  void leave(AccountSubscription subscription) {
    Feed feed = feeds.get(subscription.accountId());
    if (feed != null && feed.subscribers.remove(subscription) && feed.subscribers.isEmpty()) {
      feeds.remove(subscription.accountId());
      feed.consumer.unregister();
    }
  }

  /** Accounts with a feed here (for tests and metrics). */
  int feedCount() {
    return feeds.size();
  }

  Future<Void> stop() {
    vertx.cancelTimer(watchTimer);
    List<Future<Void>> unregistered = new ArrayList<>();
    feeds.values().forEach(f -> unregistered.add(f.consumer.unregister()));
    feeds.clear();
    return Future.all(unregistered).mapEmpty();
  }

  private void arrived(Feed feed, JsonObject body) {
    if (body.containsKey("events")) {
      long version = body.getLong("version", 0L);
      String frame = WsMessages.accountEvents(body);
      long now = clock.millis();
      // A copy: a subscriber may be closed (and leave) while we write to it.
      for (AccountSubscription s : List.copyOf(feed.subscribers)) {
        s.onEvents(version, frame, now);
      }
    } else if (body.containsKey("summary")) {
      summary(feed, body);
    }
  }

  private void summary(Feed feed, JsonObject body) {
    feed.waitingSummary = body;
    long delay = feed.throttle.offer(clock.millis());
    if (delay == 0) {
      flush(feed);
    } else if (delay > 0) {
      vertx.setTimer(delay, id -> {
        feed.throttle.flushed(clock.millis());
        flush(feed);
      });
    }
  }

  private void flush(Feed feed) {
    if (feed.waitingSummary == null || feeds.get(feed.accountId) != feed) {
      return;
    }
    String frame = WsMessages.accountSummary(feed.waitingSummary);
    feed.waitingSummary = null;
    long now = clock.millis();
    for (AccountSubscription s : List.copyOf(feed.subscribers)) {
      s.onSummary(frame, now);
    }
  }
}
