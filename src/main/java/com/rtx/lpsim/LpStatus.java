package com.rtx.lpsim;

import java.util.Set;

/**
 * A snapshot of one simulated LP, as {@code GET /lps} shows it.
 *
 * @param name              the LP's name (its SenderCompID)
 * @param loggedOn          whether its FIX session is logged on now
 * @param subscribedSymbols symbols of the session's live subscriptions
 * @param staleSymbols      symbols switched stale
 * @param refuseLogon       whether logons are refused
 * @param ticksSent         incremental refreshes (35=X) sent since start
 * @param logons            logons accepted since start
 * @param tradeLoggedOn     whether its trade session is logged on now
 * @param orderFaults       order fault switches that are on ({@link OrderFault} paths)
 * @param ordersReceived    NewOrderSingles received since start
 * @param heldRequests      order requests held back by a hang
 */
public record LpStatus(String name, boolean loggedOn, Set<String> subscribedSymbols, Set<String> staleSymbols,
                       boolean refuseLogon, long ticksSent, long logons, boolean tradeLoggedOn,
                       Set<String> orderFaults, long ordersReceived, int heldRequests) {

  public LpStatus {
    subscribedSymbols = Set.copyOf(subscribedSymbols);
    staleSymbols = Set.copyOf(staleSymbols);
    orderFaults = Set.copyOf(orderFaults);
  }
}
