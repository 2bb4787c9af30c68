package com.rtx.platform.config;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataPolicyTest {

  private static final Optional<String> NO_KUBERNETES = Optional.empty();
  private static final Optional<String> STAGING = Optional.of("rtx-staging");

  @Test
  void autoMeansDemoDataExactlyWithTheEmbeddedPostgresOutsideKubernetes() {
    assertThat(DemoDataPolicy.decide(Optional.empty(), false, NO_KUBERNETES, false).enabled()).isTrue();
    assertThat(DemoDataPolicy.decide(Optional.empty(), true, NO_KUBERNETES, false).enabled()).isFalse();
  }

  @Test
  void explicitSettingWinsOutsideKubernetes() {
    assertThat(DemoDataPolicy.decide(Optional.of(true), true, NO_KUBERNETES, false))
      .isEqualTo(new DemoDataPolicy.Decision(true, Optional.empty()));
    assertThat(DemoDataPolicy.decide(Optional.of(false), false, NO_KUBERNETES, false))
      .isEqualTo(new DemoDataPolicy.Decision(false, Optional.empty()));
  }

  @Test
  void refusedInKubernetesWhenAskedForExplicitlyOrByAuto() {
    DemoDataPolicy.Decision explicit = DemoDataPolicy.decide(Optional.of(true), true, STAGING, false);
    DemoDataPolicy.Decision auto = DemoDataPolicy.decide(Optional.empty(), false, STAGING, false);

    assertThat(explicit.enabled()).isFalse();
    assertThat(explicit.refusal()).hasValueSatisfying(reason -> assertThat(reason)
      .contains("refused in Kubernetes").contains("rtx-staging").contains("demo.force-in-kubernetes"));
    assertThat(auto.enabled()).isFalse();
    assertThat(auto.refusal()).isPresent();
  }

  @Test
  void kubernetesWithoutDemoDataIsFine() {
    assertThat(DemoDataPolicy.decide(Optional.of(false), true, STAGING, false))
      .isEqualTo(new DemoDataPolicy.Decision(false, Optional.empty()));
    assertThat(DemoDataPolicy.decide(Optional.empty(), true, STAGING, false))
      .isEqualTo(new DemoDataPolicy.Decision(false, Optional.empty()));
  }

  @Test
  void forcedInKubernetesLoadsDemoData() {
    assertThat(DemoDataPolicy.decide(Optional.of(true), true, STAGING, true))
      .isEqualTo(new DemoDataPolicy.Decision(true, Optional.empty()));
  }
}
