package com.rtx.platform;

import io.vertx.core.Deployable;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The roles this build can deploy and the verticle behind each, as the composition root
 * ({@code com.rtx.app}) assembles them: platform code knows a role by its {@link Role} name only,
 * never by its classes (ArchitectureTest). A role appears here only when its verticle does real
 * work; the others are refused at start-up with a clear message rather than deployed as
 * placeholders. Immutable.
 */
public final class RoleCatalog {

  private final Map<Role, Function<Platform, Deployable>> verticles;

  /** @param verticles the factory of each available role's verticle, called once per instance deployed */
  public RoleCatalog(Map<Role, Function<Platform, Deployable>> verticles) {
    Map<Role, Function<Platform, Deployable>> copy = new EnumMap<>(Role.class);
    copy.putAll(verticles);
    this.verticles = Collections.unmodifiableMap(copy);
  }

  public Set<Role> available() {
    return verticles.keySet();
  }

  Deployable create(Role role, Platform platform) {
    Function<Platform, Deployable> factory = verticles.get(role);
    if (factory == null) {
      throw new IllegalArgumentException("role " + role + " is not available in this build");
    }
    return factory.apply(platform);
  }
}
