package com.rtx.core.dealing;

import com.rtx.core.account.AccountMode;
import com.rtx.core.account.AccountStatus;
import com.rtx.core.account.GroupLimits;
import com.rtx.core.commission.CommissionCalculator;
import com.rtx.core.conversion.ConversionDirection;
import com.rtx.core.conversion.ConversionNeed;
import com.rtx.core.conversion.CurrencyConverter;
import com.rtx.core.market.Lots;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Money;
import com.rtx.core.money.Rounding;
import com.rtx.core.pricing.AggregatedQuote;
import com.rtx.core.pricing.QuoteStatus;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.Position;
import com.rtx.core.trading.RejectReason;
import com.rtx.core.trading.Rejection;
import com.rtx.core.trading.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks of an order against the account, the group and the symbol, each with its own reason
 * code. Each method returns the first failure, or empty. Price-level checks are in
 * {@link PriceChecks}, margin in {@link MarginCheck}.
 */
final class PreTradeChecks {

  private PreTradeChecks() {
  }

  /**
   * Account status and routing. ACTIVE may do anything; CLOSE_ONLY only what reduces a position
   * ({@code reducing}); DISABLED nothing. Whether an order goes to
   * an LP (A-Book) is decided before the command, by the shard's routing policy. A group whose
   * trading is disabled refuses everything, reducing or not.
   */
  static Optional<Rejection> accountMayTrade(AccountTxn t, boolean reducing) {
    if (!t.ctx.group().tradingEnabled()) {
      return reject(RejectReason.GROUP_DISABLED, "trading is disabled for group " + t.ctx.group().name());
    }
    AccountStatus status = t.profile.status();
    if (status == AccountStatus.DISABLED) {
      return reject(RejectReason.ACCOUNT_DISABLED, "account " + t.accountId() + " is disabled");
    }
    if (status == AccountStatus.CLOSE_ONLY && !reducing) {
      return reject(RejectReason.ACCOUNT_CLOSE_ONLY, "account " + t.accountId() + " may only reduce positions");
    }
    return Optional.empty();
  }

  /** Whether a new order of {@code side} and {@code volume} only reduces the netting position. */
  static boolean reduces(AccountTxn t, String symbol, Side side, long volume) {
    if (t.profile.mode() != AccountMode.NETTING) {
      return false;
    }
    return t.nettingPosition(symbol).filter(p -> p.side() != side && volume <= p.volume()).isPresent();
  }

  /** Known, enabled, in session, with a fresh quote. */
  static Optional<Rejection> symbolTradable(AccountTxn t, String symbol) {
    Optional<SymbolTerms> terms = t.ctx.symbols().find(symbol);
    if (terms.isEmpty()) {
      return reject(RejectReason.UNKNOWN_SYMBOL, "unknown symbol " + symbol);
    }
    if (!terms.get().instrument().enabled()) {
      return reject(RejectReason.SYMBOL_DISABLED, symbol + " is disabled");
    }
    Optional<AggregatedQuote> q = t.ctx.quotes().find(symbol);
    if (q.isEmpty()) {
      return reject(RejectReason.NO_QUOTE, symbol + " has no price");
    }
    if (q.get().status() == QuoteStatus.CLOSED || !terms.get().instrument().sessions().isOpen(t.now())) {
      return reject(RejectReason.SYMBOL_CLOSED, symbol + " is outside its trading session");
    }
    if (q.get().status() == QuoteStatus.STALE) {
      return reject(RejectReason.SYMBOL_STALE, symbol + " has no fresh price (last sequence " + q.get().sequence() + ")");
    }
    return Optional.empty();
  }

  /** Instrument minimum, maximum and step, then the group's maximum per order. */
  static Optional<Rejection> volume(AccountTxn t, SymbolTerms terms, long volume) {
    if (volume < terms.volumeMin()) {
      return reject(RejectReason.VOLUME_BELOW_MIN, "volume " + Lots.format(volume) + " is below the minimum "
        + Lots.format(terms.volumeMin()));
    }
    if (volume > terms.volumeMax()) {
      return reject(RejectReason.VOLUME_ABOVE_MAX, "volume " + Lots.format(volume) + " is above the maximum "
        + Lots.format(terms.volumeMax()));
    }
    if (volume % terms.volumeStep() != 0) {
      return reject(RejectReason.VOLUME_NOT_ON_STEP, "volume " + Lots.format(volume) + " is not a multiple of "
        + Lots.format(terms.volumeStep()));
    }
    long groupMax = t.ctx.group().limits().maxVolumePerOrder();
    if (groupMax > 0 && volume > groupMax) {
      return reject(RejectReason.MAX_VOLUME_EXCEEDED, "volume " + Lots.format(volume) + " is above the group's "
        + Lots.format(groupMax) + " per order");
    }
    return Optional.empty();
  }

  /** Every conversion into the account currency that filling and valuing the order needs. */
  static Optional<Rejection> conversions(AccountTxn t, SymbolTerms terms) {
    List<ConversionNeed> needs = new ArrayList<>();
    needs.add(new ConversionNeed(terms.instrument().quoteCurrency(), t.currency()));
    needs.add(t.margins(true).conversionNeed(terms));
    needs.addAll(CommissionCalculator.currenciesNeeded(t.ctx.group().commission(), terms, t.currency()));
    CurrencyConverter converter = t.converter();
    for (ConversionNeed need : needs) {
      if (!converter.canConvert(need.from(), need.to())) {
        return reject(RejectReason.NO_CONVERSION_RATE, "no price to convert " + need.from() + " to " + need.to());
      }
    }
    return Optional.empty();
  }

  /**
   * The group's maximum notional per order: {@code lots × contractSize × price} in the quote
   * currency, converted as a DEBIT and rounded up into the account currency.
   */
  static Optional<Rejection> notional(AccountTxn t, SymbolTerms terms, long volume, long price) {
    long max = t.ctx.group().limits().maxNotionalPerOrder();
    if (max == 0) {
      return Optional.empty();
    }
    BigDecimal inQuote = Lots.toBigDecimal(volume).multiply(terms.instrument().contractSize()).multiply(terms.price(price));
    long notional = Rounding.toMinor(t.converter().require(inQuote, terms.instrument().quoteCurrency(), t.currency(),
      ConversionDirection.DEBIT), t.currency(), Rounding.Purpose.NOTIONAL);
    if (notional > max) {
      return reject(RejectReason.MAX_NOTIONAL_EXCEEDED, "notional " + new Money(t.currency(), notional)
        + " is above the group's " + new Money(t.currency(), max) + " per order");
    }
    return Optional.empty();
  }

  /**
   * The group's maximum open positions, for an order that would open one. Placing a pending order
   * counts resting orders too (each may open a position); a fill counts positions only.
   */
  static Optional<Rejection> positionCount(AccountTxn t, Order order, boolean countPending) {
    GroupLimits limits = t.ctx.group().limits();
    if (limits.maxOpenPositions() == 0 || !opensPosition(t, order)) {
      return Optional.empty();
    }
    int count = t.positions.size() + (countPending ? t.orders.size() : 0);
    if (count >= limits.maxOpenPositions()) {
      return reject(RejectReason.MAX_POSITIONS_EXCEEDED, count + " positions" + (countPending ? " and orders" : "")
        + " open, the group allows " + limits.maxOpenPositions());
    }
    return Optional.empty();
  }

  private static boolean opensPosition(AccountTxn t, Order order) {
    if (order.isClose()) {
      return false;
    }
    if (t.profile.mode() == AccountMode.HEDGING) {
      return true;
    }
    Optional<Position> existing = t.nettingPosition(order.symbol());
    return existing.isEmpty();
  }

  static Optional<Rejection> reject(RejectReason reason, String detail) {
    return Optional.of(new Rejection(reason, detail));
  }
}
