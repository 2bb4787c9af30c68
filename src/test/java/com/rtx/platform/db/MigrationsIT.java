package com.rtx.platform.db;

import com.rtx.support.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The Liquibase changelog against a real, initially empty PostgreSQL database. */
class MigrationsIT {

  private PgTarget database;

  @BeforeEach
  void createEmptyDatabase() {
    database = TestInfra.emptyDatabase();
  }

  @AfterEach
  void dropDatabase() {
    TestInfra.drop(database);
  }

  @Test
  void updateThenRollbackEverythingThenUpdateAgain() throws SQLException {
    Migrator migrator = new Migrator(database, true);
    int changeSets = migrator.pending().size();
    assertThat(changeSets).isPositive();

    assertThat(migrator.update()).isEqualTo(changeSets);
    assertThat(migrator.pending()).isEmpty();
    assertThat(tables()).contains("engine_instance");

    assertThat(migrator.rollbackAll()).isEqualTo(changeSets);
    assertThat(migrator.appliedCount()).isZero();
    assertThat(tables()).doesNotContain("engine_instance");

    assertThat(migrator.update()).isEqualTo(changeSets);
    assertThat(migrator.pending()).isEmpty();
    assertThat(tables()).contains("engine_instance");
  }

  @Test
  void updateIsANoOpWhenTheSchemaIsCurrent() {
    Migrator migrator = new Migrator(database, true);
    migrator.update();

    assertThat(migrator.update()).isZero();
  }

  @Test
  void rollbackByCountUndoesTheLastChangeSets() throws SQLException {
    Migrator migrator = new Migrator(database, true);
    int changeSets = migrator.update();

    migrator.rollback(1);

    assertThat(migrator.appliedCount()).isEqualTo(changeSets - 1);
    assertThat(migrator.pending()).hasSize(1);
  }

  @Test
  void nodesStartingAtOnceMigrateOneAfterAnother() throws Exception {
    ExecutorService nodes = Executors.newFixedThreadPool(3);
    try {
      Callable<Integer> node = () -> new Migrator(database, true).update();
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        results.add(nodes.submit(node));
      }
      List<Integer> applied = new ArrayList<>();
      for (Future<Integer> result : results) {
        applied.add(result.get());
      }

      int changeSets = new Migrator(database, true).appliedCount();
      assertThat(applied).containsExactlyInAnyOrder(changeSets, 0, 0);
    } finally {
      nodes.shutdownNow();
    }
  }

  private List<String> tables() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection c = TestInfra.connect(database);
         ResultSet rs = c.createStatement().executeQuery(
           "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }
}
