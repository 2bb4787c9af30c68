package com.rtx.bus;

/**
 * The hedger's event-bus contract (the hedger runs with the dealing role; one node of the cluster
 * leads). Bodies are JSON; volumes are decimal strings in lots, from the house's side (positive =
 * long).
 *
 * <h2>{@code rtx.hedging.exposure} (request/reply, consumed by the leader only)</h2>
 * Request: {@code {}}. Reply:
 * <pre>{"node": "...", "at": "ISO-8601",
 *  "symbols": [{"symbol": "EURUSD", "clientNet": "-12.00", "hedged": "10.00", "unhedged": "-2.00",
 *               "maxNet": "10.00", "targetNet": "2.00", "limitEnabled": true, "hedgeInFlight": false,
 *               "hedgeFloatingPnl": "12.30"}],
 *  "house": {"accountId": 1, "currency": "USD", "balance": "...", "equity": "...", "floatingPnl": "...",
 *            "realizedPnl": "..."}}</pre>
 * {@code clientNet} is minus the B-Book clients' net position (what the house carries from them),
 * {@code hedged} the house account's net position at LPs, {@code unhedged} their sum. "No handlers"
 * means no leader right now (a take-over is under way).
 */
public final class HedgingAddresses {

  public static final String EXPOSURE = "rtx.hedging.exposure";

  private HedgingAddresses() {
  }
}
