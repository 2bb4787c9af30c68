package com.rtx.platform.metrics;

import com.rtx.platform.BuildInfo;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.EnumSet;

/**
 * The engine's one Prometheus registry: Vert.x metrics (HTTP server, pools, event bus), JVM
 * metrics and {@code rtx_build_info}. Scraped at {@code /metrics} by the gateway.
 */
public final class EngineMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public EngineMetrics(BuildInfo build) {
    // An Info metric of the Prometheus client itself: Micrometer strips the "_info" suffix from
    // gauge names, and dashboards expect rtx_build_info{version,commit} 1.
    Info.builder().name("rtx_build").help("Build of the running engine")
      .labelNames("version", "commit")
      .register(registry.getPrometheusRegistry())
      .setLabelValues(build.version(), build.commit());
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Options that make a Vertx instance report into this registry. */
  public VertxOptions applyTo(VertxOptions options) {
    return options.setMetricsOptions(new MicrometerMetricsOptions()
      .setEnabled(true)
      .setJvmMetricsEnabled(true)
      .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE,
        Label.POOL_NAME, Label.EB_ADDRESS, Label.EB_SIDE, Label.EB_FAILURE))
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
  }

  public MicrometerMetricsFactory factory() {
    return new MicrometerMetricsFactory(registry);
  }
}
