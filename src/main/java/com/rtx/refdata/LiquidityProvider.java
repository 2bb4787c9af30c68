package com.rtx.refdata;

import com.rtx.core.market.LpDialect;

import java.util.Optional;

/**
 * One liquidity provider's FIX connection, as stored in {@code liquidity_provider}. Credentials
 * are not here: {@code credentialsRef} names an entry of {@code lp-credentials} in the engine's
 * configuration (the Kubernetes Secret). {@code dialect} is how the LP names symbols and counts
 * quantities (changeset 0069).
 */
public record LiquidityProvider(String name, String host, int port, String senderCompId, String targetCompId,
                                Optional<Integer> heartbeatS, Optional<String> credentialsRef,
                                boolean marketData, boolean enabled, LpDialect dialect) {
}
