package com.rtx.platform.db;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.changelog.ChangeSetStatus;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.Liquibase;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Applies and rolls back the Liquibase changelog over JDBC. Blocking: call from a worker thread or
 * the command line, never from an event loop.
 *
 * <p>Several nodes may start at once against an empty database. Liquibase's own lock table is
 * created by the first migration and so cannot protect that first run; every operation here first
 * takes a PostgreSQL advisory lock on its JDBC connection, so nodes migrate one after another and
 * the later ones find nothing left to do.
 */
public final class Migrator {

  public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";
  /** Advisory lock key for migrations ("RTXMIGR" in ASCII, to stay clear of other lock users). */
  static final long MIGRATION_LOCK_KEY = 0x5254584d49475200L;

  static {
    // Liquibase would otherwise look up config.liquibase.com on every run.
    System.setProperty("liquibase.analytics.enabled", "false");
    System.setProperty("liquibase.showBanner", "false");
  }

  /** Context of every changeset that is not demo data. */
  public static final String MAIN = "main";
  /** Context of the demo data of the embedded/development default. */
  public static final String DEMO = "demo";

  private final PgTarget target;
  private final String contexts;

  /**
   * @param demoData whether changesets of context {@code demo} apply. Contexts are always passed
   *                 explicitly: Liquibase without contexts would run every changeset, demo included.
   */
  public Migrator(PgTarget target, boolean demoData) {
    this.target = target;
    this.contexts = demoData ? MAIN + "," + DEMO : MAIN;
  }

  /** Applies every pending changeset; returns how many were applied. */
  public int update() {
    return withLock(database -> {
      int pending = pendingChangeSets(database).size();
      run(database, new CommandScope(UpdateCommandStep.COMMAND_NAME)
        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
        .addArgumentValue(UpdateCommandStep.CONTEXTS_ARG, contexts));
      return pending;
    });
  }

  /** Rolls back the last {@code count} applied changesets. */
  public void rollback(int count) {
    withLock(database -> {
      run(database, new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
        .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count));
      return null;
    });
  }

  /** Rolls back everything this changelog applied. */
  public int rollbackAll() {
    int applied = appliedCount();
    if (applied > 0) {
      rollback(applied);
    }
    return applied;
  }

  /** Identifiers of changesets not yet applied, in changelog order. */
  public List<String> pending() {
    return withLock(this::pendingChangeSets);
  }

  public int appliedCount() {
    return withLock(database -> {
      return (int) statuses(database).stream().filter(ChangeSetStatus::getPreviouslyRan).count();
    });
  }

  private List<String> pendingChangeSets(Database database) throws Exception {
    // statuses() filters by this migrator's contexts: demo data is never "pending" without demo.
    return statuses(database).stream()
      .filter(ChangeSetStatus::getWillRun)
      .map(s -> s.getChangeSet().getId())
      .toList();
  }

  /** Not closed: closing a Liquibase object closes the connection that holds the advisory lock. */
  @SuppressWarnings("resource")
  private List<ChangeSetStatus> statuses(Database database) throws Exception {
    return new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)
      .getChangeSetStatuses(new Contexts(contexts), new LabelExpression());
  }

  private static void run(Database database, CommandScope command) throws Exception {
    command.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database);
    ByteArrayOutputStream ignored = new ByteArrayOutputStream();
    // Liquibase prints summaries to the output stream; the engine logs its own summary instead.
    command.setOutput(new PrintStream(ignored, true, StandardCharsets.UTF_8));
    command.execute();
  }

  private interface DatabaseWork<T> {
    T apply(Database database) throws Exception;
  }

  private <T> T withLock(DatabaseWork<T> work) {
    try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.jdbcProperties())) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK_KEY + ")");
      }
      try {
        Database database = DatabaseFactory.getInstance()
          .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        // LoggerUIService: Liquibase's progress goes to the log, not to the engine's stdout.
        return Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(),
          Scope.Attr.ui.name(), new LoggerUIService()), () -> work.apply(database));
      } finally {
        // The lock is a session lock: closing the connection releases it as well.
        if (!connection.isClosed()) {
          try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK_KEY + ")");
          }
        }
      }
    } catch (SQLException e) {
      throw new MigrationException("cannot migrate " + target.describe() + ": " + e.getMessage(), e);
    } catch (MigrationException e) {
      throw e;
    } catch (Exception e) {
      throw new MigrationException("migration failed on " + target.describe() + ": " + e.getMessage(), e);
    }
  }

  /** A migration that could not run or failed part-way; Liquibase rolled back its transaction. */
  public static final class MigrationException extends RuntimeException {
    MigrationException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
