package com.rtx.platform;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deploys the configured roles one after another in {@link Role} order, and undeploys them in
 * reverse. Thread-safe for the readiness check, which reads the deployed set from any thread.
 */
public final class RoleDeployer {

  private static final Logger LOG = LoggerFactory.getLogger(RoleDeployer.class);

  private final Vertx vertx;
  private final Platform platform;
  private final RoleCatalog catalog;
  private final Set<Role> configured;
  private final Map<Role, String> deployed = new EnumMap<>(Role.class);
  private final Deque<Role> order = new ArrayDeque<>();

  public RoleDeployer(Vertx vertx, Platform platform, RoleCatalog catalog, Set<Role> configured) {
    this.vertx = vertx;
    this.platform = platform;
    this.catalog = catalog;
    this.configured = Set.copyOf(configured);
  }

  public Future<Void> deployAll() {
    Future<Void> chain = Future.succeededFuture();
    for (Role role : Role.values()) {
      if (configured.contains(role)) {
        chain = chain.compose(v -> deploy(role));
      }
    }
    return chain;
  }

  private Future<Void> deploy(Role role) {
    // The gateway scales over event loops (instances share its port); every other role is one
    // instance, a single writer of what it owns.
    int instances = role == Role.GATEWAY ? platform.config().httpInstances() : 1;
    return vertx.deployVerticle(() -> catalog.create(role, platform), new DeploymentOptions().setInstances(instances))
      .onSuccess(id -> {
        synchronized (this) {
          deployed.put(role, id);
          order.push(role);
        }
        LOG.info("role {} deployed ({} instance{})", role, instances, instances == 1 ? "" : "s");
      })
      .mapEmpty();
  }

  /** Undeploys in reverse order; a failing undeploy is logged and the rest still run. */
  public Future<Void> undeployAll() {
    Future<Void> chain = Future.succeededFuture();
    while (true) {
      Role role;
      String id;
      synchronized (this) {
        if (order.isEmpty()) {
          break;
        }
        role = order.pop();
        id = deployed.remove(role);
      }
      chain = chain.compose(v -> vertx.undeploy(id)
        .onSuccess(x -> LOG.info("role {} undeployed", role))
        .recover(e -> {
          LOG.warn("role {} did not undeploy cleanly: {}", role, e.getMessage());
          return Future.succeededFuture();
        }));
    }
    return chain;
  }

  public synchronized boolean allDeployed() {
    return deployed.keySet().containsAll(configured);
  }

  public synchronized JsonObject describe() {
    Set<String> up = new TreeSet<>();
    deployed.keySet().forEach(r -> up.add(r.id()));
    Set<String> wanted = new TreeSet<>();
    configured.forEach(r -> wanted.add(r.id()));
    return new JsonObject().put("configured", String.join(",", wanted)).put("deployed", String.join(",", up));
  }
}
