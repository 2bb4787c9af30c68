package com.rtx.platform;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * One role made of several verticles: deploys them one after another (each starts once the one
 * before it has), and undeploys them in reverse. Each keeps its own event loop.
 */
public final class VerticleChain extends VerticleBase {

  private final Platform platform;
  private final List<Function<Platform, Deployable>> parts;
  private final Deque<String> deployed = new ArrayDeque<>();

  public VerticleChain(Platform platform, List<Function<Platform, Deployable>> parts) {
    this.platform = platform;
    this.parts = List.copyOf(parts);
  }

  @Override
  public Future<?> start() {
    Future<Void> chain = Future.succeededFuture();
    for (Function<Platform, Deployable> part : parts) {
      chain = chain.compose(v -> vertx.deployVerticle(part.apply(platform)).map(id -> {
        deployed.push(id);
        return null;
      }));
    }
    return chain;
  }

  @Override
  public Future<?> stop() {
    Future<Void> chain = Future.succeededFuture();
    while (!deployed.isEmpty()) {
      String id = deployed.pop();
      chain = chain.compose(v -> vertx.undeploy(id).recover(e -> Future.succeededFuture()));
    }
    return chain;
  }
}
