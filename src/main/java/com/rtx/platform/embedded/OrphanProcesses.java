package com.rtx.platform.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds and stops a server process left behind by an engine that died without stopping it
 * ({@code kill -9}): the pid comes from the server's pid file and is only acted on when that
 * process is alive and runs the expected program, so a recycled pid is never killed.
 */
final class OrphanProcesses {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanProcesses.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private OrphanProcesses() {
  }

  /** The pid on the first line of {@code pidFile}, if the file exists and holds one. */
  static Optional<Long> readPid(Path pidFile) {
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
      return first.matches("\\d+") ? Optional.of(Long.parseLong(first)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Stops the process {@code pid} (SIGTERM, then SIGKILL after a timeout) if it is alive and its
   * command contains {@code program}, and waits until it is gone.
   *
   * @return true when an orphan was found and stopped
   */
  static boolean stopIfOrphan(long pid, String program, String what) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid)
      .filter(ProcessHandle::isAlive)
      .filter(p -> p.info().command().map(c -> c.contains(program)).orElse(false));
    if (process.isEmpty()) {
      return false;
    }
    ProcessHandle orphan = process.get();
    LOG.warn("found {} left running by an earlier engine (pid {}); stopping it before starting afresh", what, pid);
    orphan.destroy();
    try {
      orphan.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("{} (pid {}) did not stop within {}; killing it", what, pid, STOP_TIMEOUT);
      orphan.destroyForcibly();
    } catch (Exception e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + what, e);
    }
    awaitGone(orphan);
    return true;
  }

  /**
   * onExit can complete while the pid is still a zombie; starting again in that window fails.
   * Polls on the caller's thread: only the start-up thread or a worker, before Vert.x exists.
   */
  private static void awaitGone(ProcessHandle process) {
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    while (process.isAlive() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
