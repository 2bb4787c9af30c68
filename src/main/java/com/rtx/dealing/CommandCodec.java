package com.rtx.dealing;

import com.rtx.bus.DealingRequest;
import com.rtx.bus.InvalidRequest;
import com.rtx.core.dealing.AccountState;
import com.rtx.core.dealing.Command;
import com.rtx.core.market.Prices;
import com.rtx.core.market.SymbolCatalog;
import com.rtx.core.market.SymbolTerms;
import com.rtx.core.money.Money;
import com.rtx.core.trading.Order;
import com.rtx.core.trading.Position;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Turns a dealing request, read and checked at the edge ({@code DealingRequests}), into a domain
 * {@link Command}: its exact decimals into the symbol's units and the account currency's minor
 * units, which only the shard knows. A value with more decimals than its symbol or currency has
 * fails with {@link InvalidRequest} naming the field; business checks (volume limits, ticks,
 * margin) are the domain's.
 */
final class CommandCodec {

  private CommandCodec() {
  }

  static Command decode(DealingRequest request, AccountState state, SymbolCatalog symbols) {
    if (request instanceof DealingRequest.PlaceOrder r) {
      Optional<SymbolTerms> terms = symbols.find(r.symbol());
      return new Command.PlaceOrder(r.clientOrderId(), r.symbol(), r.side(), r.type(), r.volume(),
        price(r.price(), "price", terms), price(r.stopLimitPrice(), "stopLimitPrice", terms), price(r.sl(), "sl", terms),
        price(r.tp(), "tp", terms), r.trailingPoints(), r.timeInForce(), r.expireAt(),
        price(r.maxDeviation(), "maxDeviation", terms));
    }
    if (request instanceof DealingRequest.ModifyOrder r) {
      Optional<SymbolTerms> terms = state.order(r.orderId()).map(Order::symbol).flatMap(symbols::find);
      return new Command.ModifyOrder(r.orderId(), price(r.price(), "price", terms),
        price(r.stopLimitPrice(), "stopLimitPrice", terms), price(r.sl(), "sl", terms), price(r.tp(), "tp", terms),
        r.trailingPoints(), r.timeInForce(), r.expireAt());
    }
    if (request instanceof DealingRequest.CancelOrder r) {
      return new Command.CancelOrder(r.orderId());
    }
    if (request instanceof DealingRequest.ModifyPosition r) {
      Optional<SymbolTerms> terms = positionTerms(state, r.positionId(), symbols);
      return new Command.ModifyPosition(r.positionId(), price(r.sl(), "sl", terms), price(r.tp(), "tp", terms),
        r.trailingPoints());
    }
    if (request instanceof DealingRequest.ClosePosition r) {
      Optional<SymbolTerms> terms = positionTerms(state, r.positionId(), symbols);
      return new Command.ClosePosition(r.positionId(), r.volume(), r.clientOrderId(), price(r.price(), "price", terms),
        price(r.maxDeviation(), "maxDeviation", terms));
    }
    if (request instanceof DealingRequest.CloseBy r) {
      return new Command.CloseBy(r.positionId(), r.oppositePositionId(), r.clientOrderId());
    }
    if (request instanceof DealingRequest.Balance r) {
      long amount = amount(r.amount(), state.profile().currency());
      String comment = r.comment() == null ? "" : r.comment();
      return switch (r.kind()) {
        case DEPOSIT -> new Command.Deposit(amount, comment);
        case WITHDRAW -> new Command.Withdraw(amount, comment);
        case ADJUST -> new Command.Adjust(amount, comment);
        case CREDIT -> new Command.ChangeCredit(amount, comment);
      };
    }
    if (request instanceof DealingRequest.ChangeStatus r) {
      return new Command.ChangeStatus(r.status());
    }
    throw new InvalidRequest("op", request.op() + " is not a command");
  }

  private static Optional<SymbolTerms> positionTerms(AccountState state, long positionId, SymbolCatalog symbols) {
    return state.position(positionId).map(Position::symbol).flatMap(symbols::find);
  }

  /**
   * A price or price distance in the symbol's units, 0 when absent; with no symbol known (an
   * unknown symbol, order or position) 0 too: the domain then rejects the command for that.
   */
  private static long price(BigDecimal value, String field, Optional<SymbolTerms> terms) {
    if (value == null || terms.isEmpty()) {
      return 0;
    }
    try {
      return Prices.fromBigDecimal(value, terms.get().digits(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new InvalidRequest(field, field + " must be a decimal price with at most " + terms.get().digits()
        + " decimals for " + terms.get().symbol());
    }
  }

  private static long amount(BigDecimal value, String currency) {
    try {
      return Money.of(currency, value).minor();
    } catch (ArithmeticException e) {
      throw new InvalidRequest("amount", "amount must be a decimal in " + currency + " with its digits");
    }
  }
}
