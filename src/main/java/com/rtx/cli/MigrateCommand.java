package com.rtx.cli;

import com.rtx.app.RtxAssembly;
import com.rtx.platform.config.ConfigException;
import com.rtx.platform.config.ConfigLoader;
import com.rtx.platform.config.RtxConfig;
import com.rtx.platform.db.Migrator;
import com.rtx.platform.db.PgTarget;
import com.rtx.platform.embedded.EmbeddedPostgresServer;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rtx migrate update|rollback --count N|status}: schema migrations against the configured
 * PostgreSQL ({@code pg.url}), or the embedded one under the data directory when none is set.
 */
@Command(name = "migrate", description = "Apply, roll back or show database migrations.")
final class MigrateCommand implements Callable<Integer> {

  enum Action { update, rollback, status }

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions config = new ConfigOptions();

  @Parameters(index = "0", paramLabel = "update|rollback|status", description = "What to do: ${COMPLETION-CANDIDATES}.")
  Action action;

  @Option(names = "--count", paramLabel = "N", description = "Changesets to roll back (rollback only).")
  Integer count;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (action == Action.rollback && (count == null || count < 1)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "rollback needs --count N with N >= 1");
    }
    if (action != Action.rollback && count != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--count only applies to rollback");
    }
    RtxConfig rtx;
    try {
      rtx = RtxConfig.parse(new ConfigLoader(null, config.sources(new JsonObject())).loadLocalLayers(),
        RtxAssembly.roles().available());
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("rtx: " + e.getMessage());
      return RtxCommand.USAGE;
    }
    EmbeddedPostgresServer embedded = rtx.pg().url().isPresent() ? null
      : EmbeddedPostgresServer.start(rtx.dataDir().resolve("pg"));
    try {
      PgTarget target = embedded != null ? embedded.target()
        : PgTarget.fromUrl(rtx.pg().url().get(), rtx.pg().user().orElse(null), rtx.pg().password().orElse(null))
          .forMigrations(rtx.pg().migrationUser(), rtx.pg().migrationPassword());
      Migrator migrator = new Migrator(target, rtx.demoData());
      switch (action) {
        case update -> out.println("applied " + migrator.update() + " changesets to " + target.describe());
        case rollback -> {
          migrator.rollback(count);
          out.println("rolled back " + count + " changesets on " + target.describe());
        }
        case status -> {
          List<String> pending = migrator.pending();
          out.println(target.describe() + ": " + migrator.appliedCount() + " applied, " + pending.size()
            + " pending" + (pending.isEmpty() ? "" : " " + pending));
        }
      }
      out.flush();
      return RtxCommand.OK;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
