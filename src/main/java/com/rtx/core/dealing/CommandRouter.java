package com.rtx.core.dealing;

/** Sends each command to the class that handles it, on a fresh {@link AccountTxn}. */
final class CommandRouter {

  private CommandRouter() {
  }

  static Result route(AccountState state, Command command, DealingContext ctx) {
    AccountTxn t = new AccountTxn(state, ctx);
    if (command instanceof Command.PlaceOrder c) {
      return OrderPlacement.place(t, c);
    } else if (command instanceof Command.SendToLp c) {
      return c.order() instanceof Command.PlaceOrder p ? OrderPlacement.place(t, p, c.lp())
        : PositionMaintenance.close(t, (Command.ClosePosition) c.order(), c.lp());
    } else if (command instanceof Command.ApplyExecution c) {
      return LpExecution.apply(t, c);
    } else if (command instanceof Command.ModifyOrder c) {
      return OrderMaintenance.modify(t, c);
    } else if (command instanceof Command.CancelOrder c) {
      return OrderMaintenance.cancel(t, c);
    } else if (command instanceof Command.ModifyPosition c) {
      return PositionMaintenance.modify(t, c);
    } else if (command instanceof Command.ClosePosition c) {
      return PositionMaintenance.close(t, c);
    } else if (command instanceof Command.CloseBy c) {
      return PositionMaintenance.closeBy(t, c);
    } else if (command instanceof Command.Deposit c) {
      return BalanceOperations.deposit(t, c);
    } else if (command instanceof Command.Withdraw c) {
      return BalanceOperations.withdraw(t, c);
    } else if (command instanceof Command.Adjust c) {
      return BalanceOperations.adjust(t, c);
    } else if (command instanceof Command.ChangeCredit c) {
      return BalanceOperations.credit(t, c);
    } else if (command instanceof Command.ChangeStatus c) {
      return BalanceOperations.status(t, c);
    } else if (command instanceof Command.ProcessQuote c) {
      return QuoteProcessing.process(t, c);
    } else if (command instanceof Command.ExpireOrders) {
      OrderMaintenance.expireDue(t);
      return t.commit();
    } else if (command instanceof Command.ApplyRollover c) {
      return RolloverProcessing.apply(t, c);
    }
    throw new IllegalArgumentException("unknown command " + command);
  }
}
