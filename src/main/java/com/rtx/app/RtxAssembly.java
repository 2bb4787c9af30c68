package com.rtx.app;

import com.rtx.admin.AdminVerticle;
import com.rtx.auth.DemoPasswords;
import com.rtx.dealing.DealingVerticle;
import com.rtx.gateway.GatewayVerticle;
import com.rtx.hedging.HedgerVerticle;
import com.rtx.lpsim.LpSimVerticle;
import com.rtx.platform.Assembly;
import com.rtx.platform.DemoStep;
import com.rtx.platform.Engine;
import com.rtx.platform.Platform;
import com.rtx.platform.Role;
import com.rtx.platform.RoleCatalog;
import com.rtx.platform.VerticleChain;
import com.rtx.platform.config.ConfigSources;
import com.rtx.pricing.PricingVerticle;
import com.rtx.routing.RouterVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The composition root: the one place that names every role's verticle and hands them to the
 * platform's {@link Engine}. The platform knows roles only by {@link Role} name, and roles know
 * each other only through the bus contract ({@code com.rtx.bus}); the command line and the tests
 * start the engine through here.
 */
public final class RtxAssembly {

  private static final RoleCatalog ROLES = new RoleCatalog(verticles());
  private static final Assembly ASSEMBLY = new Assembly(ROLES, List.of(demoPasswords("trader"), demoPasswords("staff")));

  private RtxAssembly() {
  }

  /** The roles this build can run, with their verticles, and the demo steps. */
  public static Assembly assembly() {
    return ASSEMBLY;
  }

  /** The roles this build can run. */
  public static RoleCatalog roles() {
    return ROLES;
  }

  /** Starts an engine with every role of this build available; see {@link Engine#start}. */
  public static Engine start(ConfigSources sources, boolean ephemeral) {
    return start(sources, ephemeral, Clock.systemUTC());
  }

  /** @param clock the time every role's time-dependent behaviour reads (tests move it) */
  public static Engine start(ConfigSources sources, boolean ephemeral, Clock clock) {
    return Engine.start(sources, ephemeral, clock, ASSEMBLY);
  }

  private static Map<Role, Function<Platform, Deployable>> verticles() {
    Map<Role, Function<Platform, Deployable>> verticles = new EnumMap<>(Role.class);
    verticles.put(Role.LP_SIM, LpSimVerticle::new);
    verticles.put(Role.PRICING, PricingVerticle::new);
    // The dealing role runs the shards and, next to them, the hedger and toxicity monitor.
    verticles.put(Role.DEALING, p -> new VerticleChain(p, List.of(DealingVerticle::new, HedgerVerticle::new)));
    verticles.put(Role.ROUTER, RouterVerticle::new);
    verticles.put(Role.ADMIN, AdminVerticle::new);
    verticles.put(Role.GATEWAY, GatewayVerticle::new);
    return verticles;
  }

  /** Demo mode: the users of {@code table} without a password get the demo password. */
  private static DemoStep demoPasswords(String table) {
    return (vertx, platform, embeddedPostgres) -> new DemoPasswords(vertx, platform.pool(),
      platform.config().dataDir(), platform.config().auth(), embeddedPostgres).apply(table).mapEmpty();
  }
}
