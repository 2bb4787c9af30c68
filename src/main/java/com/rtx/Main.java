package com.rtx;

import com.rtx.cli.RtxCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/** Entry point of {@code rtx-engine.jar}: {@code rtx run|migrate|version}; no arguments is {@code run}. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    // Liquibase and some drivers log through java.util.logging; send that to logback.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    int exit = RtxCommand.commandLine().execute(args);
    if (exit != RtxCommand.KEEP_RUNNING) {
      System.exit(exit);
    }
  }
}
