package com.rtx.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * One connection's subscription to one account's channel. It joins the account's bus feed
 * before the snapshot is requested, so no event can fall between the two: events that arrive
 * while the snapshot is on its way are held, and once the snapshot (with the account version it
 * reflects) is sent, only those with a newer version follow it. Summaries before the snapshot are
 * skipped (the snapshot carries a fresher one).
 *
 * <p>Not thread-safe: used only on its gateway instance's event loop.
 */
final class AccountSubscription {

  private record Held(long version, String frame) {
  }

  private final WsConnection connection;
  private final long accountId;
  private List<Held> held = new ArrayList<>();
  private long snapshotVersion = -1;
  private boolean cancelled;

  AccountSubscription(WsConnection connection, long accountId) {
    this.connection = connection;
    this.accountId = accountId;
  }

  WsConnection connection() {
    return connection;
  }

  long accountId() {
    return accountId;
  }

  boolean live() {
    return snapshotVersion >= 0;
  }

  /** Unsubscribed, suspended or disconnected: nothing more is sent, a late snapshot is ignored. */
  void cancel() {
    cancelled = true;
    held = null;
  }

  boolean cancelled() {
    return cancelled;
  }

  /** Events of one commit, as the client frame. */
  void onEvents(long version, String frame, long now) {
    if (cancelled) {
      return;
    }
    if (!live()) {
      if (held.size() >= WsConnection.MAX_EVENT_BACKLOG) {
        // Holding more would be unbounded memory; dropping would break the never-drop promise.
        connection.close(WsEndpoint.POLICY_VIOLATION, "account " + accountId + " events outran its snapshot");
        return;
      }
      held.add(new Held(version, frame));
    } else if (version > snapshotVersion) {
      connection.sendEvent(frame, now);
    }
  }

  void onSummary(String frame, long now) {
    if (!cancelled && live()) {
      connection.offerLatest("account:" + accountId, frame, now);
    }
  }

  /** Sends the snapshot (which reflects every commit up to {@code version}), then newer held events. */
  void snapshot(long version, String frame, long now) {
    if (cancelled) {
      return;
    }
    snapshotVersion = version;
    connection.sendEvent(frame, now);
    for (Held h : held) {
      if (h.version() > version) {
        connection.sendEvent(h.frame(), now);
      }
    }
    held = null;
  }
}
