package com.rtx.routing;

import com.rtx.core.routing.ExecutionProfile;

import java.util.Optional;

/**
 * One LP's trade session as configured in {@code liquidity_provider}: where to connect, the CompIDs
 * of its row plus {@code trade_sender_sub_id}, and whether the router should hold it at all.
 *
 * @param active  the row is enabled and trading
 * @param profile what its FIX engine accepts on an order ({@code execution_profile}); empty when the
 *                stored value cannot be read, and then no order is sent to it
 */
record TradeLp(String name, String host, int port, String senderCompId, Optional<String> senderSubId,
               String targetCompId, Optional<Integer> heartbeatS, Optional<String> credentialsRef, boolean active,
               Optional<ExecutionProfile> profile) {
}
