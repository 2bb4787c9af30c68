package com.rtx.auth;

import com.rtx.support.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokensTest {

  private static Vertx vertx;
  private static final JsonObject OLD = SigningKeys.generateEs256().put("kid", "k2026-01");
  private static final JsonObject NEW = SigningKeys.generateEs256().put("kid", "k2026-02");
  private final MutableClock clock = MutableClock.frozenAt(java.time.Instant.parse("2026-11-25T12:00:00.500Z"));

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  private static SigningKeys.Key key(JsonObject json) {
    return new SigningKeys.Key(json.getString("kid"), "ES256", Optional.of(json.getString("private-key")),
      json.getString("public-key"));
  }

  private AccessTokens tokens(String activeKid, JsonObject... keys) {
    List<SigningKeys.Key> list = java.util.Arrays.stream(keys).map(AccessTokensTest::key).toList();
    return new AccessTokens(vertx, new SigningKeys(list, activeKid), clock, 900);
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  @Test
  void issuedTokenVerifiesWithItsClaims() throws Exception {
    AccessTokens tokens = tokens("k2026-01", OLD);
    UUID session = UUID.randomUUID();

    String token = tokens.issue(7, "trader7", session);
    AccessClaims claims = await(tokens.verify(token));

    assertThat(claims.traderId()).isEqualTo(7);
    assertThat(claims.username()).isEqualTo("trader7");
    assertThat(claims.sessionId()).isEqualTo(session);
    assertThat(claims.expiresAt().getEpochSecond()).isEqualTo(clock.instant().getEpochSecond() + 900);
    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0])));
    assertThat(header.getString("kid")).isEqualTo("k2026-01");
    assertThat(header.getString("alg")).isEqualTo("ES256");
  }

  @Test
  void tokenOfTheOldKeyStillVerifiesAfterTheActiveKeyChanged() throws Exception {
    String before = tokens("k2026-01", OLD).issue(1, "trader1", UUID.randomUUID());

    AccessTokens rotated = tokens("k2026-02", OLD, NEW);
    String after = rotated.issue(1, "trader1", UUID.randomUUID());

    assertThat(await(rotated.verify(before)).traderId()).isEqualTo(1);
    assertThat(await(rotated.verify(after)).traderId()).isEqualTo(1);
    assertThat(new String(Base64.getUrlDecoder().decode(after.split("\\.")[0]))).contains("\"kid\":\"k2026-02\"");
  }

  @Test
  void tokenOfARemovedKeyIsRefused() {
    String old = tokens("k2026-01", OLD).issue(1, "trader1", UUID.randomUUID());

    assertThatThrownBy(() -> await(tokens("k2026-02", NEW).verify(old)))
      .isInstanceOf(TokenRejected.class).hasMessage("access token is signed with an unknown key");
  }

  @Test
  void tokenForgedWithAnotherKeyUnderAKnownKidIsRefused() {
    JsonObject forger = SigningKeys.generateEs256().put("kid", "k2026-01");
    String forged = tokens("k2026-01", forger).issue(2, "trader2", UUID.randomUUID());

    assertThatThrownBy(() -> await(tokens("k2026-01", OLD).verify(forged)))
      .isInstanceOf(TokenRejected.class).hasMessage("access token signature is invalid");
  }

  @Test
  void aRememberedTokenWithItsSignatureChangedIsVerifiedAfreshAndRefused() throws Exception {
    AccessTokens tokens = tokens("k2026-01", OLD);
    String token = tokens.issue(3, "trader3", UUID.randomUUID());
    assertThat(await(tokens.verify(token)).traderId()).isEqualTo(3);
    assertThat(await(tokens.verify(token)).traderId()).isEqualTo(3);

    JsonObject forger = SigningKeys.generateEs256().put("kid", "k2026-01");
    String forged = tokens("k2026-01", forger).issue(3, "trader3", UUID.randomUUID());
    String spliced = token.substring(0, token.lastIndexOf('.')) + forged.substring(forged.lastIndexOf('.'));

    assertThatThrownBy(() -> await(tokens.verify(spliced)))
      .isInstanceOf(TokenRejected.class).hasMessage("access token signature is invalid");
  }

  @Test
  void expiresAfterItsLifetimeOnTheEngineClock() throws Exception {
    AccessTokens tokens = tokens("k2026-01", OLD);
    String token = tokens.issue(1, "trader1", UUID.randomUUID());
    clock.advanceTo(clock.millis() + 899_000);
    assertThat(await(tokens.verify(token)).traderId()).isEqualTo(1);

    clock.advanceTo(clock.millis() + 2_000);

    assertThatThrownBy(() -> await(tokens.verify(token)))
      .isInstanceOf(TokenRejected.class).hasMessageContaining("expired");
  }

  @Test
  void aVerifiedTokenWithItsPayloadAlteredIsStillRefused() throws Exception {
    AccessTokens tokens = tokens("k2026-01", OLD);
    String token = tokens.issue(1, "trader1", UUID.randomUUID());
    assertThat(await(tokens.verify(token)).traderId()).isEqualTo(1);
    String[] parts = token.split("\\.");
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1])));
    String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
      .encodeToString(payload.put("sub", "2").encode().getBytes()) + "." + parts[2];

    assertThatThrownBy(() -> await(tokens.verify(altered)))
      .isInstanceOf(TokenRejected.class).hasMessage("access token signature is invalid");
    assertThat(await(tokens.verify(token)).traderId()).isEqualTo(1);
  }

  @Test
  void tokenForAnotherAudienceIsRefused() {
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
      .setAlgorithm("ES256").setId("k2026-01").setBuffer(OLD.getString("private-key"))));
    long now = clock.instant().getEpochSecond();
    String staff = signer.generateToken(new JsonObject().put("iss", "rtx").put("aud", "rtx-staff").put("sub", "1")
      .put("name", "admin").put("sid", UUID.randomUUID().toString()).put("iat", now).put("exp", now + 900),
      new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true));

    assertThatThrownBy(() -> await(tokens("k2026-01", OLD).verify(staff)))
      .isInstanceOf(TokenRejected.class).hasMessageContaining("audience");
  }

  @Test
  void garbageIsRefusedAsMalformed() {
    assertThatThrownBy(() -> await(tokens("k2026-01", OLD).verify("abc.def.ghi")))
      .isInstanceOf(TokenRejected.class).hasMessage("access token is malformed");
  }

  @Test
  void jwksListsEveryKeyWithItsPublicPartOnly() {
    SigningKeys keys = new SigningKeys(List.of(key(OLD), key(NEW)), "k2026-02");

    JsonObject jwks = keys.jwks();

    assertThat(jwks.getJsonArray("keys")).hasSize(2);
    JsonObject first = jwks.getJsonArray("keys").getJsonObject(0);
    assertThat(first.getString("kid")).isEqualTo("k2026-01");
    assertThat(first.getString("kty")).isEqualTo("EC");
    assertThat(first.getString("crv")).isEqualTo("P-256");
    assertThat(Base64.getUrlDecoder().decode(first.getString("x"))).hasSize(32);
    assertThat(first.containsKey("d")).isFalse();
  }

  /** Signs {@code claims} with the engine's key, as only the engine could (the claims are what is wrong). */
  private String signedByUs(JsonObject claims) {
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
      .setAlgorithm("ES256").setId(NEW.getString("kid")).setBuffer(NEW.getString("private-key"))));
    return signer.generateToken(claims, new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true));
  }

  private JsonObject validClaims() {
    long now = clock.instant().getEpochSecond();
    return new JsonObject().put("iss", "rtx").put("aud", "rtx-trader").put("sub", "1").put("name", "trader1")
      .put("sid", UUID.randomUUID().toString()).put("iat", now).put("exp", now + 900);
  }

  @Test
  void malformedTimeClaimsAreRejectedAsAFailedFutureNeverThrown() throws Exception {
    AccessTokens tokens = tokens("k2026-02", NEW);
    long now = clock.instant().getEpochSecond();
    assertThat(await(tokens.verify(signedByUs(validClaims()))).traderId()).isEqualTo(1);

    for (JsonObject claims : List.of(validClaims().put("exp", "9999999999"), validClaims().put("exp", new JsonObject()),
      validClaims().put("iat", "now"), validClaims().put("nbf", "0"), validClaims().put("nbf", now + 3600),
      validClaims().put("exp", 1e300), validClaims().put("sid", "not-a-uuid"), validClaims().putNull("name"))) {
      Future<AccessClaims> verified = tokens.verify(signedByUs(claims));

      assertThatThrownBy(() -> await(verified)).as(claims.encode()).isInstanceOf(TokenRejected.class);
    }
    assertThat(await(tokens.verify(signedByUs(validClaims().put("nbf", now - 10)))).traderId()).isEqualTo(1);
  }
}
