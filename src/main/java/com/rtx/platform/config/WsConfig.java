package com.rtx.platform.config;


/**
 * WebSocket limits per connection, and how many connections one engine accepts in total
 * ({@code ws.max-connections}) and from one client address ({@code ws.max-connections-per-ip}).
 */
public record WsConfig(int maxSubscriptions, int maxMessageBytes, long heartbeatMs, long idleTimeoutMs,
                       int writeQueueBytes, long stuckMs, int maxConnections, int maxConnectionsPerIp) {

  static WsConfig parse(ConfigReader in) {
    return new WsConfig(in.intValue("ws.max-subscriptions", 1, 10_000), in.intValue("ws.max-message-bytes", 64, 1 << 20),
      in.longValue("ws.heartbeat-ms", 100, 3_600_000), in.longValue("ws.idle-timeout-ms", 100, 3_600_000),
      in.intValue("ws.write-queue-bytes", 1024, 64 << 20), in.longValue("ws.stuck-ms", 1, 3_600_000),
      in.intValue("ws.max-connections", 1, 1_000_000), in.intValue("ws.max-connections-per-ip", 1, 1_000_000));
  }
}
