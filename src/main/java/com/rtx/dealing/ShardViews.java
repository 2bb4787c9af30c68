package com.rtx.dealing;

import com.rtx.core.account.Group;
import com.rtx.core.conversion.PriceUnavailableException;
import com.rtx.core.conversion.Quotes;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.dealing.DealingContext;
import com.rtx.core.exposure.Exposure;
import com.rtx.core.margin.MarginSnapshot;
import com.rtx.core.trading.Deal;
import com.rtx.bus.DealingAddresses;
import com.rtx.bus.DealingReply;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a dealing shard shows of its committed memory: an account read, the account summary of a
 * reply, the summaries of watched accounts whose equity may have moved, and the shard's house
 * exposure (see {@link DealingAddresses} for the shapes).
 */
final class ShardViews {

  /** Summary ticks (dealing.summary-ms) between two publications of an unchanged exposure. */
  private static final int EXPOSURE_REFRESH_TICKS = 20;

  private final int shard;
  private final Vertx vertx;
  private final Supplier<DealingRefData> refdata;
  private final Clock clock;
  private final BatchApplier applier;
  private final Set<Long> summaryDirty = new HashSet<>();
  /** Accounts some client watches (gateway feeds), until when: only these get summaries. */
  private final Map<Long, Long> watchedUntil = new HashMap<>();
  private Exposure exposure;
  private boolean exposureChanged = true;
  private int ticksSinceExposure;

  ShardViews(int shard, Vertx vertx, Supplier<DealingRefData> refdata, Clock clock, BatchApplier applier,
             Exposure exposure) {
    this.shard = shard;
    this.vertx = vertx;
    this.refdata = refdata;
    this.clock = clock;
    this.applier = applier;
    this.exposure = exposure;
  }

  /** The account may have been re-valued or changed: its summary goes out at the next tick if watched. */
  void dirty(long accountId) {
    summaryDirty.add(accountId);
  }

  void forget(long accountId) {
    summaryDirty.remove(accountId);
  }

  /** Gateways say which accounts clients are watching, for the next {@code 3 × WATCH_REFRESH_MS}. */
  void watched(long accountId) {
    watchedUntil.put(accountId, clock.millis() + 3 * DealingAddresses.WATCH_REFRESH_MS);
    summaryDirty.add(accountId);
  }

  /** An internal fill moved the house's position. */
  void houseDeal(Deal deal) {
    exposure = exposure.plus(deal);
    exposureChanged = true;
  }

  /** The {@code account} read: the account valued (or marked unvalued), its positions and orders. */
  DealingReply account(AccountState state) {
    DealingRefData data = refdata.get();
    Group group = data.group(state.profile().group()).orElseThrow();
    DealingJson json = new DealingJson(data.symbols());
    JsonArray positions = new JsonArray();
    state.positions().values().forEach(p -> positions.add(json.position(p)));
    JsonArray orders = new JsonArray();
    state.orders().values().forEach(o -> orders.add(json.order(o)));
    JsonObject account;
    try {
      account = json.account(state, state.snapshot(applier.context(group, data, new HashMap<>(), clock.instant())));
    } catch (PriceUnavailableException e) {
      account = json.unvaluedAccount(state, e);
    }
    return DealingReply.read(account, positions, orders);
  }

  /** The summary a successful reply carries, empty while a price the account needs is missing. */
  Optional<JsonObject> summary(AccountState state) {
    DealingRefData data = refdata.get();
    return data.group(state.profile().group())
      .flatMap(g -> valuation(state, applier.context(g, data, new HashMap<>(), clock.instant())))
      .map(DealingJson::summary);
  }

  /** Timer: publish the summaries of watched accounts that may have moved, and the exposure if it changed. */
  void publish(ShardMemory memory) {
    DealingRefData data = refdata.get();
    Instant now = clock.instant();
    Map<String, Quotes> byGroup = new HashMap<>();
    long nowMillis = now.toEpochMilli();
    watchedUntil.values().removeIf(until -> until < nowMillis);
    for (Long id : summaryDirty) {
      AccountState a = memory.get(id);
      // Valuing every account on every quote for nobody costs the shard most of its CPU under load.
      if (a != null && watchedUntil.containsKey(id)) {
        data.group(a.profile().group()).flatMap(group -> valuation(a, applier.context(group, data, byGroup, now)))
          .ifPresent(valued -> vertx.eventBus().publish(DealingAddresses.account(id),
            new JsonObject().put("accountId", id).put("summary", DealingJson.summary(valued))));
      }
    }
    summaryDirty.clear();
    // Also re-sent every EXPOSURE_REFRESH_TICKS summaries unchanged, so a hedger that starts (or takes
    // over) later learns every shard's exposure without waiting for it to change.
    if (exposureChanged || ++ticksSinceExposure >= EXPOSURE_REFRESH_TICKS) {
      ticksSinceExposure = 0;
      JsonObject net = new JsonObject();
      exposure.bySymbol().forEach((symbol, volume) -> net.put(symbol, DealingJson.volume(volume)));
      vertx.eventBus().publish(DealingAddresses.EXPOSURE, new JsonObject().put("shard", shard).put("net", net));
      exposureChanged = false;
    }
  }

  /** The account's valuation, empty while a price it needs is missing (summaries then wait for it). */
  private static Optional<MarginSnapshot> valuation(AccountState state, DealingContext ctx) {
    try {
      return Optional.of(state.snapshot(ctx));
    } catch (PriceUnavailableException e) {
      return Optional.empty();
    }
  }
}
