package com.rtx.platform;

import com.rtx.bus.Addresses;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import io.micrometer.core.instrument.Counter;
import com.rtx.support.Eventually;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A change of the config file, picked up by the retriever's scan, published on the bus. */
@Timeout(120)
class ConfigChangeIT {

  @TempDir
  Path dir;

  private PgTarget database;
  private Engine engine;
  private Path file;
  private final LinkedBlockingQueue<JsonObject> changes = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    database = TestInfra.migratedDatabase();
    file = dir.resolve("rtx.json");
    write("{\"health\": {\"check-timeout-ms\": 5000}}");
    engine = TestEngine.on(database).configFile(file).env("RTX_CONFIG_SCAN_PERIOD_MS", "50").start();
    engine.vertx().eventBus().<JsonObject>consumer(Addresses.CONFIG_CHANGED, m -> changes.add(m.body()));
  }

  /** Replaces the file atomically, so a scan never reads it half written. */
  private void write(String json) throws Exception {
    Path next = dir.resolve("rtx.json.next");
    Files.writeString(next, json);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private double rejectedReloads() {
    Counter counter = engine.metricsRegistry().find("rtx.config.reloads").tag("result", "rejected").counter();
    return counter == null ? 0 : counter.count();
  }

  @AfterEach
  void stop() {
    engine.stop();
    TestInfra.drop(database);
  }

  @Test
  void validChangeIsPublishedWithTheChangedKeysAndSecretsMasked() throws Exception {
    write("{\"health\": {\"check-timeout-ms\": 7000}, \"pg\": {\"password\": \"hunter2\"}}");

    JsonObject change = changes.poll(30, TimeUnit.SECONDS);

    assertThat(change).isNotNull();
    assertThat(change.getJsonArray("changedKeys").getList()).containsExactly("health.check-timeout-ms", "pg.password");
    // Neither is acted on while running: said so, not silently pretended.
    assertThat(change.getJsonArray("restartNeeded").getList()).containsExactly("health.check-timeout-ms", "pg.password");
    assertThat(engine.metricsRegistry().get("rtx.config.restart.needed").gauge().value()).isEqualTo(2.0);
    assertThat(change.getJsonObject("config").getJsonObject("health").getValue("check-timeout-ms")).isEqualTo(7000);
    assertThat(change.encode()).doesNotContain("hunter2");
  }

  @Test
  void invalidChangeIsIgnoredAndTheNextValidOneStillArrives() throws Exception {
    write("{\"health\": {\"check-timeout-ms\": \"soon\"}}");
    Eventually.await("the invalid change to be rejected", Duration.ofSeconds(30), () -> rejectedReloads() >= 1);
    assertThat(changes).isEmpty();
    // The invalid version was refused; the valid one after it is compared with the last good one.
    write("{\"health\": {\"check-timeout-ms\": 6000}}");

    JsonObject change = changes.poll(30, TimeUnit.SECONDS);

    assertThat(change).isNotNull();
    assertThat(change.getJsonArray("changedKeys").getList()).containsExactly("health.check-timeout-ms");
    assertThat(change.getJsonObject("config").getJsonObject("health").getValue("check-timeout-ms")).isEqualTo(6000);
  }
}
