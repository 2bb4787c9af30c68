package com.rtx.platform.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Redis started by the engine itself when no {@code redis.url} is configured: loopback only, on a
 * free port, nothing persisted (Redis holds only disposable state). Its pid file lives in
 * {@code <dir>/redis.pid} so that a server left running by a killed engine is found and stopped
 * at the next start.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisServer.class);
  private static final int START_ATTEMPTS = 3;

  private final RedisServer server;
  private final int port;
  private final Path dir;

  private EmbeddedRedisServer(RedisServer server, int port, Path dir) {
    this.server = server;
    this.port = port;
    this.dir = dir;
  }

  /** @param dir directory for the pid file, or null for a temporary one */
  public static EmbeddedRedisServer start(Path dir) {
    try {
      Path home = dir == null ? Files.createTempDirectory("rtx-redis-") : dir.toAbsolutePath();
      Files.createDirectories(home);
      Path pidFile = home.resolve("redis.pid");
      OrphanProcesses.readPid(pidFile)
        .ifPresent(pid -> OrphanProcesses.stopIfOrphan(pid, "redis-server", "embedded Redis"));
      Files.deleteIfExists(pidFile);
      // The free port is found before Redis binds it: another process may take it in between, so a
      // failed start is retried on a fresh port a few times before giving up.
      IOException last = null;
      for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
        int port = freePort();
        RedisServer server = RedisServer.newRedisServer()
          .bind("127.0.0.1")
          .port(port)
          .setting("pidfile " + pidFile)
          .setting("dir " + home)
          .setting("save \"\"")
          .setting("appendonly no")
          .setting("protected-mode yes")
          .build();
        try {
          server.start();
          LOG.info("started embedded Redis on 127.0.0.1:{}", port);
          return new EmbeddedRedisServer(server, port, home);
        } catch (IOException e) {
          last = e;
          LOG.warn("embedded Redis did not start on port {} (attempt {} of {}): {}", port, attempt, START_ATTEMPTS,
            e.getMessage());
          try {
            server.stop();
          } catch (IOException ignored) {
            // it never ran
          }
        }
      }
      throw last;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded Redis: " + e.getMessage(), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      server.stop();
      Files.deleteIfExists(dir.resolve("redis.pid"));
      LOG.info("stopped embedded Redis on 127.0.0.1:{}", port);
    } catch (IOException e) {
      LOG.warn("embedded Redis did not stop cleanly: {}", e.getMessage());
    }
  }
}
