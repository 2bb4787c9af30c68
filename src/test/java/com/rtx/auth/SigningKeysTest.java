package com.rtx.auth;

import com.rtx.platform.config.AuthConfig;
import com.rtx.support.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access-token keys from the mounted Secret {@code rtx-jwt-keys} (issue 13): every replica reads
 * the same files, so a token one engine signs verifies on another; rotation adds a key and moves
 * {@code active-kid}; without keys, only embedded mode (or the dev flag) may generate one.
 */
class SigningKeysTest {

  private static Vertx vertx;
  private final MutableClock clock = MutableClock.frozenAt(Instant.parse("2026-12-04T12:00:00Z"));
  @TempDir
  Path secret;
  @TempDir
  Path dataDir;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  private static AuthConfig auth(Optional<String> keysDir, boolean devKeys) {
    return new AuthConfig(List.of(), Optional.empty(), 900, 86_400, 5, 50, 300, Optional.empty(),
      new AuthConfig.JwtKeySource(keysDir, devKeys));
  }

  private void writeKey(String kid, boolean withPrivate) throws Exception {
    JsonObject key = SigningKeys.generateEs256();
    Files.writeString(secret.resolve(kid + ".pub.pem"), key.getString("public-key"));
    if (withPrivate) {
      Files.writeString(secret.resolve(kid + ".key.pem"), key.getString("private-key"));
    }
  }

  private AccessTokens engine() {
    SigningKeys keys = SigningKeys.load(auth(Optional.of(secret.toString()), false), dataDir, false);
    return new AccessTokens(vertx, keys, clock, 900);
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aTokenFromOneEngineVerifiesOnAnotherSharingTheSecret() throws Exception {
    writeKey("k2026-11", true);
    Files.writeString(secret.resolve("active-kid"), "k2026-11\n");
    Files.createDirectories(secret.resolve("..2026_12_04_data")); // what a Secret mount also holds
    String token = engine().issue(7, "trader1", UUID.randomUUID());
    assertThat(await(engine().verify(token)).username()).isEqualTo("trader1");
    assertThat(dataDir.resolve(SigningKeys.DEV_KEY_FILE)).doesNotExist();
  }

  @Test
  void rotationSignsWithTheNewKeyWhileTheOldOneStillVerifies() throws Exception {
    writeKey("k2026-11", true);
    Files.writeString(secret.resolve("active-kid"), "k2026-11");
    String before = engine().issue(7, "trader1", UUID.randomUUID());
    writeKey("k2026-12", true);
    Files.writeString(secret.resolve("active-kid"), "k2026-12");
    Files.delete(secret.resolve("k2026-11.key.pem")); // retired: verify only
    AccessTokens rotated = engine();
    String after = rotated.issue(7, "trader1", UUID.randomUUID());
    assertThat(header(after)).contains("\"kid\":\"k2026-12\"");
    assertThat(await(rotated.verify(before)).username()).isEqualTo("trader1");
    Files.delete(secret.resolve("k2026-11.pub.pem"));
    assertThatThrownBy(() -> await(engine().verify(before))).hasRootCauseInstanceOf(TokenRejected.class);
  }

  @Test
  void refusesToGenerateAKeyOutsideEmbeddedModeUnlessTheDevFlagSaysSo() {
    assertThatThrownBy(() -> SigningKeys.load(auth(Optional.empty(), false), dataDir, false))
      .isInstanceOf(IllegalStateException.class).hasMessageContaining("auth.jwt.keys-dir");
    assertThat(SigningKeys.load(auth(Optional.empty(), true), dataDir, false).active().kid()).startsWith("dev-");
    assertThat(SigningKeys.load(auth(Optional.empty(), false), dataDir, true).active().kid()).startsWith("dev-");
  }

  @Test
  void anInconsistentDirectoryIsRefusedWithItsReason() throws Exception {
    writeKey("k1", true);
    assertThatThrownBy(() -> engine()).hasMessageContaining("active-kid");
    Files.writeString(secret.resolve("active-kid"), "k1");
    Files.writeString(secret.resolve("k2.key.pem"), "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> engine()).hasMessageContaining("k2.key.pem has no k2.pub.pem");
  }

  private static String header(String jwt) {
    return new String(java.util.Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))));
  }
}
