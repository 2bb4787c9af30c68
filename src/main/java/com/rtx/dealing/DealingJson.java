package com.rtx.dealing;

import com.rtx.core.conversion.PriceUnavailableException;
import com.rtx.core.dealing.AccountEvent;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.dealing.StopOutEvidence;
import com.rtx.core.ledger.LedgerEntry;
import com.rtx.core.margin.MarginSnapshot;
import com.rtx.core.market.Lots;
import com.rtx.core.market.Prices;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.money.CurrencyDigits;
import com.rtx.core.trading.Deal;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.QuoteRef;
import com.rtx.core.trading.RejectReason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The JSON shape of dealing records on the bus, in {@code order_request} results, over REST and
 * WebSocket. Decimals are strings with the instrument's or currency's digits; ids are numbers;
 * times ISO-8601 UTC. An unset price ({@link Order#NONE}) is absent, not zero.
 */
public final class DealingJson {

  private final SymbolCatalog symbols;

  public DealingJson(SymbolCatalog symbols) {
    this.symbols = symbols;
  }

  public static String money(long minor, String currency) {
    return BigDecimal.valueOf(minor, CurrencyDigits.of(currency)).toPlainString();
  }

  public static String volume(long volume) {
    return Lots.format(volume);
  }

  private String price(String symbol, long units) {
    return Prices.format(units, digits(symbol));
  }

  private int digits(String symbol) {
    return symbols.find(symbol).map(t -> t.digits()).orElse(5);
  }

  private void putPrice(JsonObject json, String field, String symbol, long units) {
    if (units != Order.NONE) {
      json.put(field, price(symbol, units));
    }
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  public JsonObject order(Order o) {
    JsonObject json = new JsonObject()
      .put("orderId", o.id()).put("accountId", o.accountId()).put("clientOrderId", o.clientOrderId())
      .put("symbol", o.symbol()).put("side", o.side().name()).put("type", o.type().name())
      .put("volume", volume(o.volume())).put("timeInForce", o.timeInForce().name())
      .put("status", o.status().name()).put("createdAt", time(o.createdAt())).put("updatedAt", time(o.updatedAt()));
    putPrice(json, "price", o.symbol(), o.price());
    putPrice(json, "stopLimitPrice", o.symbol(), o.stopLimitPrice());
    putPrice(json, "sl", o.symbol(), o.sl());
    putPrice(json, "tp", o.symbol(), o.tp());
    if (o.trailingPoints() != Order.NONE) {
      json.put("trailingPoints", o.trailingPoints());
    }
    if (o.expireAt() != null) {
      json.put("expireAt", time(o.expireAt()));
    }
    if (o.positionId() != Order.NONE) {
      json.put("positionId", o.positionId());
    }
    if (o.triggered()) {
      json.put("triggered", true);
    }
    return json;
  }

  public JsonObject position(Position p) {
    int digits = digits(p.symbol());
    JsonObject json = new JsonObject()
      .put("positionId", p.id()).put("accountId", p.accountId()).put("symbol", p.symbol())
      .put("side", p.side().name()).put("volume", volume(p.volume()))
      .put("openPrice", p.openPrice().setScale(Math.max(digits, p.openPrice().scale()), RoundingMode.UNNECESSARY)
        .toPlainString())
      .put("openedAt", time(p.openedAt())).put("swapMinor", p.swap());
    putPrice(json, "sl", p.symbol(), p.sl());
    putPrice(json, "tp", p.symbol(), p.tp());
    if (p.trailingPoints() != Order.NONE) {
      json.put("trailingPoints", p.trailingPoints());
    }
    return json;
  }

  public JsonObject deal(Deal d, String currency) {
    return new JsonObject()
      .put("dealId", d.id()).put("accountId", d.accountId()).put("orderId", d.orderId())
      .put("positionId", d.positionId()).put("symbol", d.symbol()).put("side", d.side().name())
      .put("volume", volume(d.volume())).put("price", price(d.symbol(), d.price()))
      .put("entry", d.entry().name()).put("reason", d.reason().name())
      .put("realizedPnl", money(d.realizedPnl(), currency)).put("commission", money(d.commission(), currency))
      .put("time", time(d.time())).put("quote", quote(d.quote()));
  }

  public JsonObject quote(QuoteRef q) {
    return new JsonObject().put("symbol", q.symbol()).put("sequence", q.sequence())
      .put("bid", price(q.symbol(), q.bid())).put("ask", price(q.symbol(), q.ask()))
      .put("bidLp", q.bidLp()).put("askLp", q.askLp()).put("status", q.status().name())
      .put("lpTime", q.lpTimeMillis());
  }

  public static JsonObject ledger(LedgerEntry e, String currency) {
    return new JsonObject().put("entryId", e.id()).put("accountId", e.accountId()).put("type", e.type().name())
      .put("amount", money(e.amount(), currency)).put("balanceAfter", money(e.balanceAfter(), currency))
      .put("creditAfter", money(e.creditAfter(), currency)).put("dealId", e.dealId())
      .put("positionId", e.positionId()).put("time", time(e.time())).put("comment", e.comment());
  }

  /** Balance, credit, floating P&amp;L, equity, margin, free margin and margin level. */
  public static JsonObject summary(MarginSnapshot s) {
    String c = s.currency();
    JsonObject json = new JsonObject().put("currency", c)
      .put("balance", money(s.balance(), c)).put("credit", money(s.credit(), c))
      .put("floatingPnl", money(s.floatingPnl(), c)).put("equity", money(s.equity(), c))
      .put("margin", money(s.margin(), c)).put("freeMargin", money(s.freeMargin(), c));
    s.marginLevel().ifPresent(level -> json.put("marginLevel",
      level.setScale(2, RoundingMode.DOWN).toPlainString()));
    return json;
  }

  public JsonObject account(AccountState state, MarginSnapshot snapshot) {
    return profile(summary(snapshot), state);
  }

  /**
   * An account that cannot be valued now (a price it needs is missing, see
   * {@link PriceUnavailableException}): its booked money, and under {@code valuation} why floating
   * P/L, equity and margin are absent, instead of a failure that would hide the whole account.
   */
  public JsonObject unvaluedAccount(AccountState state, PriceUnavailableException missing) {
    String c = state.profile().currency();
    JsonObject json = new JsonObject().put("currency", c)
      .put("balance", money(state.balance(), c)).put("credit", money(state.credit(), c))
      .put("valuation", new JsonObject().put("available", false)
        .put("reason", (missing.conversion() ? RejectReason.NO_CONVERSION_RATE : RejectReason.NO_QUOTE).name())
        .put("detail", missing.getMessage()));
    return profile(json, state);
  }

  private static JsonObject profile(JsonObject json, AccountState state) {
    return json.put("accountId", state.accountId()).put("group", state.profile().group())
      .put("leverage", state.profile().leverage()).put("mode", state.profile().mode().name())
      .put("status", state.profile().status().name()).put("version", state.version())
      .put("marginCall", state.marginCallActive());
  }

  public JsonObject stopOut(StopOutEvidence e) {
    JsonArray quotes = new JsonArray();
    e.quotes().forEach(q -> quotes.add(quote(q)));
    JsonArray steps = new JsonArray();
    e.steps().forEach(s -> steps.add(new JsonObject().put("positionId", s.positionId()).put("dealId", s.dealId())
      .put("floatingPnl", money(s.floatingPnl(), s.before().currency()))
      .put("before", summary(s.before())).put("after", summary(s.after()))));
    return new JsonObject().put("accountId", e.accountId()).put("at", time(e.at())).put("group", e.group())
      .put("groupVersion", e.groupVersion()).put("stopOutLevel", e.stopOutLevel().toPlainString())
      .put("quotes", quotes).put("initial", summary(e.initial())).put("steps", steps)
      .put("final", summary(e.fin()))
      .put("negativeBalanceReset", money(e.negativeBalanceReset(), e.initial().currency()));
  }

  /** One event as {@code {"type": "...", ...}}; the types are the event record names in kebab case. */
  public JsonObject event(AccountEvent event, String currency) {
    if (event instanceof AccountEvent.OrderAccepted e) {
      return typed("order.accepted").put("order", order(e.order()));
    } else if (event instanceof AccountEvent.OrderModified e) {
      return typed("order.modified").put("order", order(e.order()));
    } else if (event instanceof AccountEvent.OrderCancelled e) {
      return typed("order.cancelled").put("order", order(e.order()));
    } else if (event instanceof AccountEvent.OrderExpired e) {
      return typed("order.expired").put("order", order(e.order()));
    } else if (event instanceof AccountEvent.OrderTriggered e) {
      return typed("order.triggered").put("order", order(e.order()));
    } else if (event instanceof AccountEvent.OrderRejected e) {
      return typed("order.rejected").put("order", order(e.order())).put("reason", e.reason().name())
        .put("detail", e.detail());
    } else if (event instanceof AccountEvent.OrderFilled e) {
      return typed("order.filled").put("order", order(e.order())).put("dealId", e.dealId());
    } else if (event instanceof AccountEvent.OrderSentToLp e) {
      return typed("order.sent-to-lp").put("order", order(e.order())).put("lp", e.lp());
    } else if (event instanceof AccountEvent.OrderPartiallyFilled e) {
      return typed("order.partially-filled").put("order", order(e.order())).put("dealId", e.dealId());
    } else if (event instanceof AccountEvent.DealExecuted e) {
      return typed("deal.executed").put("deal", deal(e.deal(), currency));
    } else if (event instanceof AccountEvent.PositionOpened e) {
      return typed("position.opened").put("position", position(e.position()));
    } else if (event instanceof AccountEvent.PositionChanged e) {
      return typed("position.changed").put("position", position(e.position()));
    } else if (event instanceof AccountEvent.PositionClosed e) {
      return typed("position.closed").put("position", position(e.position())).put("dealId", e.dealId());
    } else if (event instanceof AccountEvent.LedgerPosted e) {
      return typed("ledger.posted").put("entry", ledger(e.entry(), currency));
    } else if (event instanceof AccountEvent.MarginCallRaised e) {
      return typed("margin-call.raised").put("account", summary(e.snapshot()));
    } else if (event instanceof AccountEvent.MarginCallCleared e) {
      return typed("margin-call.cleared").put("account", summary(e.snapshot()));
    } else if (event instanceof AccountEvent.StopOutExecuted e) {
      return typed("stop-out").put("evidence", stopOut(e.evidence()));
    } else if (event instanceof AccountEvent.EquitySnapshotTaken e) {
      return typed("equity-snapshot").put("tradeDate", e.snapshot().tradeDate().toString())
        .put("account", summary(e.snapshot().snapshot()));
    } else if (event instanceof AccountEvent.StatusChanged e) {
      return typed("account.status").put("status", e.status().name());
    }
    throw new IllegalArgumentException("unknown event " + event);
  }

  private static JsonObject typed(String type) {
    return new JsonObject().put("type", type);
  }
}
