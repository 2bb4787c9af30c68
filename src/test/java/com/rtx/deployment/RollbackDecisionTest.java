package com.rtx.deployment;

import com.rtx.support.ExternalCommand;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline's failure handler (scripts/deploy/on-failure.sh → rollback.sh) against a fake
 * kubectl holding a blue-green namespace (src/test/resources/deploy/fake-kubectl): a failure before
 * the switch rolls nothing back — it never puts the failed colour live — and a failure after it
 * goes back to the colour recorded as live before, whatever serves now.
 */
class RollbackDecisionTest {

  @TempDir
  Path state;
  private Path stateFile;

  @BeforeEach
  void namespace() throws Exception {
    stateFile = state.resolve("blue-green.state");
    Files.writeString(state.resolve("ready-blue"), "3");
    Files.writeString(state.resolve("ready-green"), "3");
  }

  private void live(String service, String config) throws Exception {
    Files.writeString(state.resolve("service"), service);
    Files.writeString(state.resolve("config"), config);
  }

  private void recorded(String previous, int switched) throws Exception {
    Files.writeString(stateFile, "namespace=rtx-prod\nprevious_live=" + previous + "\nswitched=" + switched + "\n");
  }

  private String read(String name) throws Exception {
    Path file = state.resolve(name);
    return Files.exists(file) ? Files.readString(file).strip() : "";
  }

  private Result onFailure() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("KUBECTL", Path.of("src/test/resources/deploy/fake-kubectl").toAbsolutePath().toString());
    env.put("FAKE_STATE", state.toString());
    env.put("SWITCH_TIMEOUT_S", "30");
    ExternalCommand.Outcome outcome = ExternalCommand.run(Duration.ofSeconds(120), env,
      List.of("scripts/deploy/on-failure.sh", stateFile.toString()));
    assertThat(outcome.exitCode()).as("on-failure.sh finished: %s", outcome.combined()).isNotEqualTo(-1);
    return new Result(outcome.exitCode(), outcome.combined());
  }

  private record Result(int exit, String output) {
  }

  @Test
  void noDeployStateMeansNothingToRollBack() throws Exception {
    live("blue", "blue");
    Result r = onFailure();
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("nothing to roll back");
    assertThat(read("calls")).isEmpty();
  }

  @Test
  void aFailureBeforeTheSwitchLeavesThePreviousColourLive() throws Exception {
    // e.g. the idle colour's smoke test failed: green (the new release) must not go live
    live("blue", "blue");
    recorded("blue", 0);
    Result r = onFailure();
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("no switch happened");
    assertThat(read("calls")).isEmpty();
    assertThat(read("service")).isEqualTo("blue");
  }

  @Test
  void aFailureAfterTheSwitchGoesBackToTheColourLiveBefore() throws Exception {
    // the switch to green finished, then the smoke test through the Ingress failed
    live("green", "green");
    recorded("blue", 1);
    Result r = onFailure();
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(read("service")).isEqualTo("blue");
    assertThat(read("config")).isEqualTo("blue");
    assertThat(read("calls")).contains("RTX_LIVE_COLOUR", "patch service rtx-http ", "patch service rtx-fix ");
  }

  @Test
  void aSwitchInterruptedBeforeTheTrafficMovedFinishesBackOnThePreviousColour() throws Exception {
    // RTX_LIVE_COLOUR already green, the Services still on blue (the job was cancelled mid-switch)
    live("blue", "green");
    recorded("blue", 1);
    Result r = onFailure();
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(read("config")).isEqualTo("blue");
    assertThat(read("service")).isEqualTo("blue");
    assertThat(read("calls")).doesNotContain("patch service");
  }

  @Test
  void whenThePreviousColourIsLiveAlreadyNothingIsTouched() throws Exception {
    live("blue", "blue");
    recorded("blue", 1);
    Result r = onFailure();
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("live already");
    assertThat(read("calls")).isEmpty();
  }
}
