package com.rtx.cli;

import com.rtx.platform.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code rtx version}: prints version and commit. */
@Command(name = "version", description = "Print the engine's version and commit.")
final class VersionCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    BuildInfo build = BuildInfo.current();
    spec.commandLine().getOut().println("rtx-engine " + build.version() + " (commit " + build.commit() + ")");
    spec.commandLine().getOut().flush();
    return RtxCommand.OK;
  }

  /** Same text for {@code rtx --version}. */
  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      BuildInfo build = BuildInfo.current();
      return new String[] {"rtx-engine " + build.version() + " (commit " + build.commit() + ")"};
    }
  }
}
