package com.rtx.cli;

import com.rtx.app.RtxAssembly;
import com.rtx.platform.Engine;
import com.rtx.platform.PortInUseException;
import com.rtx.platform.Role;
import com.rtx.platform.config.ConfigException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code rtx run}: starts the engine and keeps it running until SIGTERM or SIGINT, which stop it
 * gracefully and exit 0.
 */
@Command(name = "run", description = "Run the engine.")
final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOptions config = new ConfigOptions();

  @Option(names = "--roles", paramLabel = "ROLE[,ROLE...]", split = ",",
    description = "Roles to run (default: every role this build has). Roles: lp-sim, pricing, dealing, "
      + "router, fixapi, admin, backup, gateway.")
  List<String> roles;

  @Option(names = "--ephemeral",
    description = "Keep embedded PostgreSQL and Redis data in a temporary directory, removed on exit.")
  boolean ephemeral;

  @Override
  public Integer call() {
    JsonObject overrides = new JsonObject();
    if (roles != null) {
      overrides.put("roles", String.join(",", validatedRoles()));
    }
    Engine engine;
    try {
      engine = RtxAssembly.start(config.sources(overrides), ephemeral);
    } catch (ConfigException e) {
      return fail(e.getMessage());
    } catch (PortInUseException e) {
      return fail(e.getMessage());
    }
    Runnable stopAndExit = () -> {
      engine.stop();
      System.exit(RtxCommand.OK);
    };
    Signal.handle(new Signal("TERM"), signal -> new Thread(stopAndExit, "rtx-shutdown").start());
    Signal.handle(new Signal("INT"), signal -> new Thread(stopAndExit, "rtx-shutdown").start());
    // Any other way out of the JVM (System.exit elsewhere, SIGHUP) still stops the engine.
    Runtime.getRuntime().addShutdownHook(new Thread(engine::stop, "rtx-shutdown-hook"));
    return RtxCommand.KEEP_RUNNING;
  }

  private List<String> validatedRoles() {
    for (String name : roles) {
      if (name.equals("all")) {
        continue;
      }
      if (Role.fromId(name).isEmpty()) {
        throw new ParameterException(spec.commandLine(), "Unknown role: '" + name + "' (roles: "
          + Arrays.stream(Role.values()).map(Role::id).collect(Collectors.joining(", ")) + ")");
      }
      if (!RtxAssembly.roles().available().contains(Role.fromId(name).get())) {
        throw new ParameterException(spec.commandLine(), "Role '" + name + "' is not available in this build "
          + "(available: " + RtxAssembly.roles().available().stream().map(Role::id).collect(Collectors.joining(", ")) + ")");
      }
    }
    return roles;
  }

  private int fail(String message) {
    LOG.error(message);
    spec.commandLine().getErr().println("rtx: " + message);
    spec.commandLine().getErr().flush();
    return RtxCommand.USAGE;
  }
}
