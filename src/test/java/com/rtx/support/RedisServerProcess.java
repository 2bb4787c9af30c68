package com.rtx.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the machine (Debian package) as a child process on a free loopback
 * port, protected by {@code requirepass}, persisting nothing: for tests of the engine against a
 * Redis that demands a password, as the cluster's does. Killed on {@link #close()}.
 */
public final class RedisServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private RedisServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Whether {@code redis-server} runs here; tests that need it are skipped otherwise. */
  public static boolean available() {
    return ExternalCommand.run(Duration.ofSeconds(10), "redis-server", "--version").succeeded();
  }

  public static RedisServerProcess start(String password) {
    int port = Ports.free();
    try {
      Path log = Files.createTempFile("rtx-redis-", ".log");
      Process process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port),
        "--bind", "127.0.0.1", "--requirepass", password, "--save", "", "--appendonly", "no",
        "--daemonize", "no", "--dir", System.getProperty("java.io.tmpdir")))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      RedisServerProcess server = new RedisServerProcess(process, port, log);
      Eventually.await("redis-server on port " + port, Duration.ofSeconds(20), () -> {
        if (!process.isAlive()) {
          throw new AssertionError("redis-server exited: " + server.output());
        }
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
          return true;
        } catch (IOException e) {
          return false;
        }
      });
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  public int port() {
    return port;
  }

  /** The URL without the password (the engine gets the password separately). */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Files.deleteIfExists(log);
      } catch (IOException ignored) {
        // a temp log left behind is harmless
      }
    }
  }
}
