package com.rtx.cli;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code rtx}: the engine's command line. Exit codes: 0 success, 1 runtime failure, 2 usage or
 * configuration error (the message names the flag, role, key or port).
 */
@Command(name = "rtx", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
  description = "RTX trading engine.",
  subcommands = {RunCommand.class, MigrateCommand.class, VersionCommand.class})
public final class RtxCommand implements Callable<Integer> {

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  /** Returned by {@code run} once the engine is up: the process lives until a signal stops it. */
  public static final int KEEP_RUNNING = -1;

  public static CommandLine commandLine() {
    return new CommandLine(new RtxCommand())
      .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
        LoggerFactory.getLogger(RtxCommand.class).error("rtx failed", e);
        commandLine.getErr().println("rtx: " + e.getMessage());
        commandLine.getErr().flush();
        return FAILURE;
      });
  }

  /** No subcommand: run with every role and default configuration. */
  @Override
  public Integer call() {
    return commandLine().execute("run");
  }
}
