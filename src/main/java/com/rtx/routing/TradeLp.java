package com.rtx.routing;

import java.util.Optional;

/**
 * One LP's trade session as configured in {@code liquidity_provider}: where to connect, the CompIDs
 * of its row plus {@code trade_sender_sub_id}, and whether the router should hold it at all.
 *
 * @param active the row is enabled and trading
 */
record TradeLp(String name, String host, int port, String senderCompId, Optional<String> senderSubId,
               String targetCompId, Optional<Integer> heartbeatS, Optional<String> credentialsRef, boolean active) {
}
