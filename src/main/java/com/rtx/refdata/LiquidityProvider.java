package com.rtx.refdata;

import java.util.Optional;

/**
 * One liquidity provider's FIX connection, as stored in {@code liquidity_provider}. Credentials
 * are not here: {@code credentialsRef} names an entry of {@code lp-credentials} in the engine's
 * configuration (the Kubernetes Secret).
 */
public record LiquidityProvider(String name, String host, int port, String senderCompId, String targetCompId,
                                Optional<Integer> heartbeatS, Optional<String> credentialsRef,
                                boolean marketData, boolean enabled) {
}
