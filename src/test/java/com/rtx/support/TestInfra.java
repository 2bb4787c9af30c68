package com.rtx.support;

import com.rtx.platform.db.Migrator;
import com.rtx.platform.db.PgTarget;
import com.rtx.platform.embedded.EmbeddedPostgresServer;
import com.rtx.platform.embedded.EmbeddedRedisServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place tests get PostgreSQL and Redis from: {@code RTX_TEST_PG_URL} /
 * {@code RTX_TEST_REDIS_URL} first, Testcontainers when a Docker engine answers, embedded servers
 * last. Every test class gets its own database, copied from a template migrated once per test run,
 * so classes run in any order and the suite stays fast as the schema grows.
 *
 * <p>Database names carry the test JVM's pid; databases of test runs that died are dropped at
 * the next run.
 */
public final class TestInfra {

  private static final Logger LOG = LoggerFactory.getLogger(TestInfra.class);
  private static final long PID = ProcessHandle.current().pid();
  private static final String PREFIX = "rtx_t_";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private static PgTarget server;
  private static String redisUrl;
  private static String template;

  private TestInfra() {
  }

  /** The PostgreSQL server, as its maintenance database ({@code postgres}). */
  public static synchronized PgTarget pgServer() {
    if (server == null) {
      server = resolvePg();
      dropDatabasesOfDeadRuns();
    }
    return server;
  }

  public static synchronized String redisUrl() {
    if (redisUrl == null) {
      redisUrl = resolveRedis();
    }
    return redisUrl;
  }

  /** The Redis URL with logical database {@code index} selected (its keys flushed first). */
  public static String redisUrl(int index) {
    String base = redisUrl().replaceAll("/\\d+$", "");
    String url = base + "/" + index;
    try (java.net.Socket socket = new java.net.Socket(java.net.URI.create(base).getHost(), java.net.URI.create(base).getPort())) {
      socket.getOutputStream().write(("SELECT " + index + "\r\nFLUSHDB\r\nQUIT\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      socket.getInputStream().readAllBytes();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot reach Redis at " + base + ": " + e.getMessage(), e);
    }
    return url;
  }

  /** Sends one command to the Redis at {@code url} (its database selected) and waits for the reply. */
  public static void redisCommand(String url, String... args) {
    java.net.URI uri = java.net.URI.create(url);
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "0" : uri.getPath().substring(1);
    StringBuilder resp = new StringBuilder(encode("SELECT", db)).append(encode(args)).append(encode("QUIT"));
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket.getOutputStream().write(resp.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      socket.getInputStream().readAllBytes();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Redis command failed at " + url + ": " + e.getMessage(), e);
    }
  }

  private static String encode(String... args) {
    StringBuilder out = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      out.append("$").append(arg.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append("\r\n")
        .append(arg).append("\r\n");
    }
    return out.toString();
  }

  /** A new database holding the current schema; drop it with {@link #drop}. */
  public static PgTarget migratedDatabase() {
    return createDatabase("TEMPLATE " + template());
  }

  /** A new empty database (no schema), for migration tests. */
  public static PgTarget emptyDatabase() {
    return createDatabase("");
  }

  public static void drop(PgTarget database) {
    execute(pgServer(), "DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
  }

  /** {@code postgresql://} URL of a database, as the engine's {@code pg.url} takes it. */
  public static String url(PgTarget target) {
    return "postgresql://" + target.user() + (target.password() == null ? "" : ":" + target.password())
      + "@" + target.host() + ":" + target.port() + "/" + target.database();
  }

  private static synchronized String template() {
    if (template == null) {
      String name = PREFIX + PID + "_template";
      execute(pgServer(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      execute(pgServer(), "CREATE DATABASE " + name);
      new Migrator(pgServer().withDatabase(name), true).update();
      template = name;
      Runtime.getRuntime().addShutdownHook(new Thread(() ->
        execute(pgServer(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
    }
    return template;
  }

  private static PgTarget createDatabase(String clause) {
    String name = PREFIX + PID + "_" + COUNTER.incrementAndGet();
    execute(pgServer(), "CREATE DATABASE " + name + " " + clause);
    return pgServer().withDatabase(name);
  }

  private static PgTarget resolvePg() {
    String url = System.getenv("RTX_TEST_PG_URL");
    if (url != null && !url.isBlank()) {
      LOG.info("tests use PostgreSQL from RTX_TEST_PG_URL");
      return PgTarget.fromUrl(url, null, null).withDatabase("postgres");
    }
    if (dockerAvailable()) {
      PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:15-alpine");
      pg.start();
      LOG.info("tests use PostgreSQL from Testcontainers");
      return new PgTarget(pg.getHost(), pg.getFirstMappedPort(), "postgres", pg.getUsername(), pg.getPassword());
    }
    EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(null);
    Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
    LOG.info("tests use embedded PostgreSQL");
    return embedded.target().withDatabase("postgres");
  }

  private static String resolveRedis() {
    String url = System.getenv("RTX_TEST_REDIS_URL");
    if (url != null && !url.isBlank()) {
      return url;
    }
    if (dockerAvailable()) {
      GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
      redis.start();
      return "redis://" + redis.getHost() + ":" + redis.getFirstMappedPort();
    }
    EmbeddedRedisServer embedded = EmbeddedRedisServer.start(null);
    Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
    return embedded.url();
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  private static void dropDatabasesOfDeadRuns() {
    List<String> stale = new ArrayList<>();
    try (Connection c = connect(server); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
      while (rs.next()) {
        String name = rs.getString(1);
        String[] parts = name.substring(PREFIX.length()).split("_");
        boolean alive = parts[0].matches("\\d+")
          && ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
          stale.add(name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list databases on " + server + ": " + e.getMessage(), e);
    }
    stale.forEach(name -> execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
  }

  public static void execute(PgTarget target, String sql) {
    try (Connection c = connect(target); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + target + ": " + e.getMessage(), e);
    }
  }

  public static Connection connect(PgTarget target) throws SQLException {
    return DriverManager.getConnection(target.jdbcUrl(), target.jdbcProperties());
  }
}
