package com.rtx.dealing;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The client order ids a shard has seen lately ({@link DealingStore#requestKey} keys), so that a
 * batch reads stored results from the database only when it holds a repeat — not once per batch.
 *
 * <p>Only a hint: a key missing here may still be stored (older than the window, or evicted). The
 * primary key of {@code order_request} is the backstop — a repeat the window missed fails its
 * batch's commit with a unique violation, the shard adds the batch's keys here and runs it again,
 * and the repeat is answered from the stored result. Exactly-once never depends on the window;
 * only the cost of a repeat does.
 */
final class RecentRequests {

  /** Keys kept per shard: about 100 bytes each, so at most ~3 MB per shard. */
  static final int CAPACITY = 32_768;
  /** How far back a shard taking over looks: clients retry within seconds, a failover takes a few. */
  static final Duration REBUILD_SPAN = Duration.ofMinutes(15);

  private final int capacity;
  private final Map<String, Boolean> keys;

  RecentRequests(int capacity, Collection<String> initial) {
    this.capacity = capacity;
    // Insertion order: the oldest key goes first once the window is full.
    this.keys = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > RecentRequests.this.capacity;
      }
    };
    initial.forEach(this::add);
  }

  boolean contains(String key) {
    return keys.containsKey(key);
  }

  /** Remembers {@code key}; true when it was not known. */
  boolean add(String key) {
    return keys.put(key, Boolean.TRUE) == null;
  }

  /** Remembers every key; true when at least one was not known. */
  boolean addAll(Set<String> added) {
    boolean any = false;
    for (String key : added) {
      any |= add(key);
    }
    return any;
  }

  int size() {
    return keys.size();
  }
}
