package com.rtx.lpsim;

import com.rtx.platform.Platform;
import com.rtx.platform.config.LpSimConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.stream.Collectors;

/**
 * The {@code lp-sim} role: the {@link LpSimulator}'s FIX acceptor on {@code lpsim.host:lpsim.port}
 * and its {@link ControlApi} on {@code lpsim.host:lpsim.control-port}. Uses only
 * {@code platform.config().lpsim()}: no database, Redis or event bus, so it also runs alone.
 *
 * <p>A standard verticle: the simulator's state lives on this verticle's event loop. If either
 * listener cannot start, whatever did start is stopped again and deployment fails.
 */
public final class LpSimVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LpSimVerticle.class);

  private final Platform platform;
  private LpSimulator simulator;
  private HttpServer control;

  public LpSimVerticle(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Future<?> start() {
    LpSimConfig config = platform.config().lpsim();
    return vertx.executeBlocking(SimInstruments::load, false)
      .compose(instruments -> {
        simulator = new LpSimulator(vertx, context, config, instruments, Clock.systemUTC(),
          platform.config().dataDir().resolve("fix").resolve("lpsim"));
        return simulator.start();
      })
      .compose(v -> {
        control = vertx.createHttpServer(new HttpServerOptions().setHost(config.fix().host())
          .setPort(config.controlPort()));
        return control.requestHandler(ControlApi.router(vertx, simulator)).listen()
          .recover(e -> Future.failedFuture(new IllegalStateException("LP simulator control endpoint cannot listen on "
            + config.fix().host() + ":" + config.controlPort() + " (lpsim.control-port): " + e.getMessage(), e)));
      })
      .onSuccess(server -> LOG.info("LP simulator: FIX 4.4 acceptor on {}:{} (sessions {}; TargetCompID {}), "
          + "control http://{}:{}, seed {}", config.fix().host(), config.fix().port(),
        config.lps().stream().map(LpSimConfig.SimulatedLp::name).collect(Collectors.joining(",")),
        AcceptorSettings.CLIENT_COMP_ID, config.fix().host(), server.actualPort(), config.seed()))
      .recover(e -> stop().transform(stopped -> Future.failedFuture(e)));
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = control == null ? Future.succeededFuture() : control.close();
    return closed.eventually(() -> simulator == null ? Future.succeededFuture() : simulator.stop());
  }
}
