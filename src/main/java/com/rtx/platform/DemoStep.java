package com.rtx.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A demo-mode step that needs role or library code the platform must not import — giving the
 * demo users their password needs auth's hashing. The engine runs the steps of its
 * {@link Assembly} in order, after the migrations and before any role deploys, only when demo
 * data is on and the schema is up to date. Runs on the calling thread's context: block nothing.
 */
@FunctionalInterface
public interface DemoStep {

  /** @param embeddedPostgres the engine runs its own embedded PostgreSQL (a developer's machine) */
  Future<Void> run(Vertx vertx, Platform platform, boolean embeddedPostgres);
}
