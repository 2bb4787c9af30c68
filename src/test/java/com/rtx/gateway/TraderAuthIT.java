package com.rtx.gateway;

import com.rtx.auth.SigningKeys;
import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Http;
import com.rtx.support.MutableClock;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Traders' login, tokens and accounts through the real port, against the demo traders (trader1:
 * accounts 100001 and 100002; trader2: 100003) with the demo password from RTX_DEMO_PASSWORD and
 * two configured signing keys: "old" (retired, verify only) and "new" (active).
 */
@Timeout(120)
class TraderAuthIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static final JsonObject OLD = SigningKeys.generateEs256().put("kid", "old");
  private static final JsonObject NEW = SigningKeys.generateEs256().put("kid", "new");

  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static final MutableClock CLOCK = new MutableClock();

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    JsonArray keys = new JsonArray()
      .add(new JsonObject().put("kid", "old").put("public-key", OLD.getString("public-key")))
      .add(new JsonObject().put("kid", "new").put("private-key", NEW.getString("private-key"))
        .put("public-key", NEW.getString("public-key")));
    TestEngine test = TestEngine.on(database).env("RTX_DEMO_ENABLED", "true").env("RTX_DEMO_PASSWORD", PASSWORD)
      .env("RTX_AUTH_JWT_KEYS", keys.encode()).env("RTX_AUTH_JWT_ACTIVE_KID", "new");
    port = test.httpPort();
    engine = test.start(CLOCK);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  private static HttpResponse<String> post(String path, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    return Http.send(request, headers);
  }

  private static HttpResponse<String> login(String username, String password) {
    return post("/api/v1/auth/login", new JsonObject().put("username", username).put("password", password).encode());
  }

  private static JsonObject session(String username) {
    HttpResponse<String> response = login(username, PASSWORD);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response);
  }

  private static HttpResponse<String> accounts(String accessToken) {
    return Http.get(port, "/api/v1/accounts", "Authorization", "Bearer " + accessToken);
  }

  private static HttpResponse<String> refresh(String refreshToken) {
    return post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", refreshToken).encode());
  }

  private static JsonObject error(HttpResponse<String> response) {
    return Http.json(response).getJsonObject("error");
  }

  @Test
  void demoTraderLogsInWithTheDemoPasswordAndGetsBothTokens() throws Exception {
    JsonObject session = session("trader1");

    assertThat(session.getString("tokenType")).isEqualTo("Bearer");
    assertThat(session.getLong("expiresIn")).isEqualTo(900);
    assertThat(session.getLong("traderId")).isEqualTo(1);
    assertThat(session.getString("username")).isEqualTo("trader1");
    assertThat(session.getString("refreshToken")).matches("[A-Za-z0-9_-]{43}");
    assertThat(session.getString("accessToken").split("\\.")).hasSize(3);
    try (Connection c = TestInfra.connect(database);
         ResultSet rs = c.createStatement().executeQuery("SELECT password_hash FROM trader WHERE username = 'trader1'")) {
      rs.next();
      assertThat(rs.getString(1)).startsWith("$argon2id$");
    }
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameAnswer() {
    HttpResponse<String> wrong = login("trader1", "not-the-password");
    HttpResponse<String> unknown = login("nobody", "not-the-password");

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo(unknown.body());
    assertThat(error(wrong).getString("code")).isEqualTo("INVALID_CREDENTIALS");
  }

  @Test
  void repeatedFailuresThrottleTheUsernameEvenForTheRightPassword() {
    for (int i = 0; i < 5; i++) {
      assertThat(login("trader2", "wrong-" + i).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> throttled = login("trader2", PASSWORD);

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(error(throttled).getString("code")).isEqualTo("LOGIN_THROTTLED");
    long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 300L);
  }

  @Test
  void refreshRotatesTheRefreshToken() {
    JsonObject first = session("trader1");

    HttpResponse<String> response = refresh(first.getString("refreshToken"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject second = Http.json(response);
    assertThat(second.getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
    assertThat(accounts(second.getString("accessToken")).statusCode()).isEqualTo(200);
    assertThat(refresh(second.getString("refreshToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void reusingARotatedRefreshTokenRevokesTheWholeSession() {
    JsonObject first = session("trader1");
    String successor = Http.json(refresh(first.getString("refreshToken"))).getString("refreshToken");

    HttpResponse<String> reuse = refresh(first.getString("refreshToken"));

    assertThat(reuse.statusCode()).isEqualTo(401);
    assertThat(error(reuse).getString("code")).isEqualTo("REFRESH_TOKEN_REUSED");
    HttpResponse<String> afterwards = refresh(successor);
    assertThat(afterwards.statusCode()).isEqualTo(401);
    assertThat(error(afterwards).getString("code")).isEqualTo("INVALID_REFRESH_TOKEN");
  }

  @Test
  void logoutWithTheAccessTokenEndsTheSession() {
    JsonObject session = session("trader1");

    HttpResponse<String> logout = post("/api/v1/auth/logout", "", "Authorization",
      "Bearer " + session.getString("accessToken"));

    assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
    HttpResponse<String> refreshed = refresh(session.getString("refreshToken"));
    assertThat(refreshed.statusCode()).isEqualTo(401);
    assertThat(error(refreshed).getString("code")).isEqualTo("INVALID_REFRESH_TOKEN");
  }

  @Test
  void logoutWithTheRefreshTokenAlone() {
    JsonObject session = session("trader1");

    HttpResponse<String> logout = post("/api/v1/auth/logout",
      new JsonObject().put("refreshToken", session.getString("refreshToken")).encode());

    assertThat(logout.statusCode()).isEqualTo(204);
    assertThat(refresh(session.getString("refreshToken")).statusCode()).isEqualTo(401);
    assertThat(error(post("/api/v1/auth/logout", "{}")).getString("code")).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void accountsListOnlyTheCallersOwnAccounts() {
    JsonArray trader1 = Http.json(accounts(session("trader1").getString("accessToken"))).getJsonArray("accounts");

    assertThat(trader1).hasSize(2);
    assertThat(trader1.getJsonObject(0)).isEqualTo(new JsonObject().put("id", 100001).put("group", "retail-hedging")
      .put("currency", "USD").put("leverage", 100).put("mode", "HEDGING").put("status", "ACTIVE"));
    assertThat(trader1.getJsonObject(1).getLong("id")).isEqualTo(100002);
    assertThat(trader1.getJsonObject(1).getString("mode")).isEqualTo("NETTING");
  }

  @Test
  void accountAccessAnswers404ForAnotherTradersOrAMissingAccount() throws Exception {
    Pool pool = PgBuilder.pool().connectingTo(database.connectOptions()).using(engine.vertx()).build();
    try {
      AccountAccess access = new AccountAccess(pool);
      TraderPrincipal trader1 = new TraderPrincipal(1, "trader1", UUID.randomUUID());

      assertThat(access.check(trader1, 100002).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isEqualTo(100002);
      for (long other : new long[] {100003, 999999}) {
        assertThatThrownBy(() -> access.check(trader1, other).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ApiException.class)
          .satisfies(e -> {
            ApiError error = ((ApiException) e.getCause()).error();
            assertThat(error.status()).isEqualTo(404);
            assertThat(error.code()).isEqualTo("ACCOUNT_NOT_FOUND");
          });
      }
    } finally {
      pool.close();
    }
  }

  @Test
  void missingBearerTokenIsUnauthenticated() {
    HttpResponse<String> response = Http.get(port, "/api/v1/accounts");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(error(response)).isEqualTo(new JsonObject().put("code", "UNAUTHENTICATED")
      .put("message", "a Bearer access token is required").putNull("field"));
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(accounts("not a token").statusCode()).isEqualTo(401);
    assertThat(error(accounts("a.b.c.d")).getString("code")).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void expiredAccessTokenIsUnauthenticated() {
    String token = session("trader1").getString("accessToken");
    assertThat(accounts(token).statusCode()).isEqualTo(200);

    CLOCK.advanceTo(CLOCK.millis() + 901_000);

    HttpResponse<String> response = accounts(token);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(error(response).getString("code")).isEqualTo("UNAUTHENTICATED");
    assertThat(error(response).getString("message")).contains("expired");
  }

  @Test
  void forgedTokenIsUnauthenticated() {
    JsonObject forger = SigningKeys.generateEs256().put("kid", "new");
    String forged = sign(forger, "rtx-trader");

    HttpResponse<String> response = accounts(forged);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(error(response).getString("message")).isEqualTo("access token signature is invalid");
    assertThat(error(accounts(sign(SigningKeys.generateEs256().put("kid", "other"), "rtx-trader"))).getString("message"))
      .isEqualTo("access token is signed with an unknown key");
  }

  @Test
  void tokenForAnotherAudienceIsUnauthenticated() {
    HttpResponse<String> response = accounts(sign(NEW, "rtx-staff"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(error(response).getString("message")).contains("audience");
  }

  @Test
  void tokenSignedByTheRetiredKeyStillVerifies() {
    assertThat(accounts(sign(OLD, "rtx-trader")).statusCode()).isEqualTo(200);
  }

  @Test
  void jwksListsEveryConfiguredKey() {
    HttpResponse<String> response = Http.get(port, "/api/v1/auth/jwks");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray keys = Http.json(response).getJsonArray("keys");
    assertThat(keys.stream().map(k -> ((JsonObject) k).getString("kid"))).containsExactly("old", "new");
    assertThat(keys.getJsonObject(1).getString("kty")).isEqualTo("EC");
    assertThat(keys.getJsonObject(1).containsKey("d")).isFalse();
  }

  @Test
  void invalidBodiesAre400NamingTheField() {
    HttpResponse<String> malformed = post("/api/v1/auth/login", "{\"username\": \"trader1\", ");
    HttpResponse<String> missing = post("/api/v1/auth/login", "{\"username\":\"trader1\"}");
    HttpResponse<String> unknown = post("/api/v1/auth/login", "{\"username\":\"trader1\",\"password\":\"x\",\"totp\":\"1\"}");
    HttpResponse<String> empty = post("/api/v1/auth/login", "");
    HttpResponse<String> pattern = post("/api/v1/auth/refresh", "{\"refreshToken\":\"short\"}");

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(error(malformed).getString("code")).isEqualTo("VALIDATION_MALFORMED_BODY");
    assertThat(error(malformed).getString("field")).isEqualTo("body");
    assertThat(error(missing).getString("code")).isEqualTo("VALIDATION_MISSING_FIELD");
    assertThat(error(missing).getString("field")).isEqualTo("password");
    assertThat(error(unknown).getString("code")).isEqualTo("VALIDATION_UNKNOWN_FIELD");
    assertThat(error(unknown).getString("field")).isEqualTo("totp");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(error(empty).getString("field")).isEqualTo("body");
    assertThat(error(pattern).getString("code")).isEqualTo("VALIDATION_INVALID_VALUE");
    assertThat(error(pattern).getString("field")).isEqualTo("refreshToken");
  }

  /** A token with the engine's claims for trader1, signed with {@code key}. */
  private static String sign(JsonObject key, String audience) {
    JWTAuth signer = JWTAuth.create(engine.vertx(), new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
      .setAlgorithm("ES256").setId(key.getString("kid")).setBuffer(key.getString("private-key"))));
    long now = CLOCK.instant().getEpochSecond();
    return signer.generateToken(new JsonObject().put("iss", "rtx").put("aud", audience).put("sub", "1")
      .put("name", "trader1").put("sid", UUID.randomUUID().toString()).put("iat", now).put("exp", now + 900),
      new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true));
  }
}
