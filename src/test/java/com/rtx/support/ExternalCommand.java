package com.rtx.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external tool (kubectl, shellcheck, promtool, a deploy script) for a test. Its stdout
 * and stderr go to files, never to pipes read one after the other: a tool that writes more than a
 * pipe buffer (64 KiB) to one stream while the test reads the other blocks for ever (a rendered
 * overlay is larger than that). The timeout really bounds the run: the process tree is killed
 * when it is exceeded.
 */
public final class ExternalCommand {

  /** What a finished (or killed) command left: exit code (-1 when killed), stdout, stderr. */
  public record Outcome(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** stdout followed by stderr, for assertion messages. */
    public String combined() {
      return stdout + stderr;
    }
  }

  private ExternalCommand() {
  }

  public static Outcome run(Duration timeout, Map<String, String> env, List<String> command) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("rtx-cmd", ".out");
      err = Files.createTempFile("rtx-cmd", ".err");
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      pb.environment().putAll(env);
      Process p = pb.start();
      int exit;
      if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        exit = p.exitValue();
      } else {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        exit = -1;
      }
      return new Outcome(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Outcome(127, "", String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted running " + command, e));
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  public static Outcome run(Duration timeout, String... command) {
    return run(timeout, Map.of(), List.of(command));
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }
}
