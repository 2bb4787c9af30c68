package com.rtx.platform;

import com.rtx.admin.AdminVerticle;
import com.rtx.dealing.DealingVerticle;
import com.rtx.gateway.GatewayVerticle;
import com.rtx.hedging.HedgerVerticle;
import com.rtx.lpsim.LpSimVerticle;
import com.rtx.pricing.PricingVerticle;
import com.rtx.routing.RouterVerticle;
import io.vertx.core.Deployable;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The roles this build can deploy and the verticle behind each. A role appears here only when its
 * verticle does real work; the others are refused at start-up with a clear message rather than
 * deployed as placeholders.
 */
public final class RoleCatalog {

  private static final Map<Role, Function<Platform, Deployable>> VERTICLES = new EnumMap<>(Role.class);

  static {
    VERTICLES.put(Role.LP_SIM, LpSimVerticle::new);
    VERTICLES.put(Role.PRICING, PricingVerticle::new);
    // The dealing role runs the shards and, next to them, the hedger and toxicity monitor.
    VERTICLES.put(Role.DEALING, p -> new VerticleChain(p, List.of(DealingVerticle::new, HedgerVerticle::new)));
    VERTICLES.put(Role.ROUTER, RouterVerticle::new);
    VERTICLES.put(Role.ADMIN, AdminVerticle::new);
    VERTICLES.put(Role.GATEWAY, GatewayVerticle::new);
  }

  private RoleCatalog() {
  }

  public static Set<Role> available() {
    return Collections.unmodifiableSet(VERTICLES.keySet());
  }

  static Deployable create(Role role, Platform platform) {
    Function<Platform, Deployable> factory = VERTICLES.get(role);
    if (factory == null) {
      throw new IllegalArgumentException("role " + role + " is not available in this build");
    }
    return factory.apply(platform);
  }
}
