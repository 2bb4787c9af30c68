package com.rtx.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code target/rtx-engine.jar} in a child process, as an operator runs it: its own
 * environment and working directory, output captured to a file.
 */
public final class EngineProcess implements AutoCloseable {

  private final Process process;
  private final Path output;

  private EngineProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  public static Path jar() {
    Path jar = Path.of(System.getProperty("rtx.engine.jar", "target/rtx-engine.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run the tests through `./mvnw verify`, which packages it first");
    }
    return jar.toAbsolutePath();
  }

  public static EngineProcess start(Path workDir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(
      Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(workDir);
      Path output = Files.createTempFile(workDir, "engine-", ".log");
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile());
      Map<String, String> environment = builder.environment();
      environment.keySet().removeIf(k -> k.startsWith("RTX_"));
      // Tests run against an external PostgreSQL without a key Secret: allow the generated key unless told not to.
      environment.put("RTX_AUTH_JWT_DEV_KEYS", "true");
      // Every engine opens a management port (default 9090): never the fixed one in tests.
      environment.put("RTX_MANAGEMENT_PORT", String.valueOf(Ports.free()));
      environment.putAll(env);
      return new EngineProcess(builder.start(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a command to completion and returns its exit code. */
  public static EngineProcess run(Path workDir, Map<String, String> env, String... args) {
    EngineProcess process = start(workDir, env, args);
    process.exitCode(Duration.ofSeconds(120));
    return process;
  }

  public static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public int exitCode(Duration deadline) {
    try {
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("engine did not exit within " + deadline + "; output:\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public int exitCode() {
    return exitCode(Duration.ofSeconds(120));
  }

  /** Waits until {@code /health/ready} answers 200, failing early if the process dies. */
  public void awaitReady(int httpPort) {
    Eventually.await("engine ready on port " + httpPort, Duration.ofSeconds(120), () -> {
      if (!process.isAlive()) {
        throw new AssertionError("engine exited with " + process.exitValue() + " before ready:\n" + output());
      }
      return Http.status(httpPort, "/health/ready") == 200;
    });
  }

  /** SIGTERM. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL: the engine gets no chance to clean up. */
  public void kill9() {
    process.destroyForcibly();
    exitCode();
  }

  public String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
