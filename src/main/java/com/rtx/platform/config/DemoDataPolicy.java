package com.rtx.platform.config;

import java.util.Optional;

/**
 * Whether the engine loads demo data (demo users with a known or logged password, a SUPER_ADMIN
 * without 2FA). Demo data belongs to a developer's machine: in Kubernetes (a namespace is set) it
 * is refused, even when asked for, unless {@code demo.force-in-kubernetes} says someone means it.
 */
public final class DemoDataPolicy {

  /** {@code enabled} when demo data loads; {@code refusal} explains why the configuration is refused. */
  public record Decision(boolean enabled, Optional<String> refusal) {
  }

  private DemoDataPolicy() {
  }

  /**
   * @param setting   {@code demo.enabled}; empty for {@code auto} (demo data exactly with the embedded PostgreSQL)
   * @param pgUrlSet  whether {@code pg.url} names an external PostgreSQL
   * @param namespace {@code kubernetes.namespace} ({@code RTX_K8S_NAMESPACE}), set in Kubernetes
   * @param forced    {@code demo.force-in-kubernetes}
   */
  public static Decision decide(Optional<Boolean> setting, boolean pgUrlSet, Optional<String> namespace, boolean forced) {
    boolean wanted = setting.orElse(!pgUrlSet);
    if (!wanted) {
      return new Decision(false, Optional.empty());
    }
    if (namespace.isPresent() && !forced) {
      return new Decision(false, Optional.of("demo data is refused in Kubernetes (kubernetes.namespace is "
        + namespace.get() + "): it creates users with a shared password and staff without 2FA; set "
        + "demo.enabled=false, or demo.force-in-kubernetes=true for a throw-away cluster"));
    }
    return new Decision(true, Optional.empty());
  }
}
