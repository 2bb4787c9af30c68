package com.rtx.platform;

import java.util.List;

/**
 * What the composition root ({@code com.rtx.app}) hands the {@link Engine}: the verticle behind
 * each role and the demo-mode steps that need code of a role or of {@code auth}. It is how the
 * platform starts roles without importing any of them.
 */
public record Assembly(RoleCatalog roles, List<DemoStep> demoSteps) {

  public Assembly {
    demoSteps = List.copyOf(demoSteps);
  }
}
