package com.rtx.security;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * The ids and names a valid request can point at: the demo accounts, orders and positions seen in
 * earlier answers, and throwaway staff, traders and accounts made for the run (the only ones a
 * password reset, a status change or a group move may hit, so the users the fuzzer logs in as
 * keep working). Thread-safe: the workers share one.
 */
final class FuzzPools {

  private static final int KEEP = 200;

  private final LongSupplier clock;
  private final List<Long> accounts;
  private final List<Long> victimStaff = new ArrayList<>();
  private final List<Long> victimTraders = new ArrayList<>();
  private final List<Long> victimAccounts = new ArrayList<>();
  private final List<Long> orders = new ArrayList<>();
  private final List<Long> positions = new ArrayList<>();
  private final List<Long> requests = new ArrayList<>();

  FuzzPools(LongSupplier clock, List<Long> accounts) {
    this.clock = clock;
    this.accounts = List.copyOf(accounts);
  }

  long now() {
    return clock.getAsLong();
  }

  synchronized void victims(List<Long> staff, List<Long> traders, List<Long> accounts) {
    victimStaff.addAll(staff);
    victimTraders.addAll(traders);
    victimAccounts.addAll(accounts);
  }

  /** Remembers order, position and request ids found in an answer (at most {@link #KEEP} of each). */
  void harvest(JsonNode answer) {
    if (answer == null) {
      return;
    }
    walk(answer, 0);
  }

  private void walk(JsonNode node, int depth) {
    if (depth > 6) {
      return;
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(f -> {
        JsonNode v = f.getValue();
        if (v.isIntegralNumber() && v.canConvertToLong()) {
          switch (f.getKey()) {
            case "orderId" -> add(orders, v.asLong());
            case "positionId" -> add(positions, v.asLong());
            case "requestId" -> add(requests, v.asLong());
            default -> {
            }
          }
        } else if (v.isContainerNode()) {
          walk(v, depth + 1);
        }
      });
    } else if (node.isArray()) {
      int n = 0;
      for (JsonNode e : node) {
        if (n++ > 50) {
          break;
        }
        walk(e, depth + 1);
      }
    }
  }

  private synchronized void add(List<Long> pool, long id) {
    if (!pool.contains(id)) {
      pool.add(id);
      if (pool.size() > KEEP) {
        pool.remove(0);
      }
    }
  }

  /** A valid id for a field of that name, or null when the name is not an id the fuzzer tracks. */
  synchronized Long idFor(String field, Random random) {
    return switch (field) {
      case "accountId" -> random.nextInt(4) == 0 ? fromOr(victimAccounts, random, 999_999) : accounts.get(random.nextInt(accounts.size()));
      case "orderId" -> fromOr(orders, random, 1 + random.nextInt(500));
      case "positionId", "oppositePositionId" -> fromOr(positions, random, 1 + random.nextInt(500));
      case "requestId" -> fromOr(requests, random, 1 + random.nextInt(50));
      case "staffId" -> fromOr(victimStaff, random, 999_999);
      case "traderId" -> fromOr(victimTraders, random, 999_999);
      case "version" -> (long) 1 + random.nextInt(4);
      case "before" -> (long) 1 + random.nextInt(1_000_000);
      default -> null;
    };
  }

  /** The demo accounts and victims: where an account-wide change may land. */
  synchronized List<Long> accountsForStatus() {
    List<Long> all = new ArrayList<>(accounts);
    all.addAll(victimAccounts);
    return all;
  }

  private static Long fromOr(List<Long> pool, Random random, long otherwise) {
    return pool.isEmpty() || random.nextInt(5) == 0 ? otherwise : pool.get(random.nextInt(pool.size()));
  }

  /** A setting's name: mostly the fuzzer's own or unknown ones, sometimes a live one. */
  String nameFor(Random random) {
    List<String> names = random.nextInt(5) == 0
      ? List.of("retail-hedging", "retail-netting", "standard", "EURUSD", "XAUUSD", "LP1", "LP2", "default")
      : List.of("fz-group", "fz-profile", "FZSYM", "FZ-LP", "no-such", "NOPE");
    return names.get(random.nextInt(names.size()));
  }
}
