package com.rtx.gateway;

import com.rtx.auth.SigningKeys;
import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Http;
import com.rtx.support.MutableClock;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The forged-token matrix (issue 12, "Tests that keep it so"): every token an attacker can make
 * without the engine's private key, or with the engine's key but the wrong claims, is refused with
 * 401 on the trader REST API, on the WebSocket (the upgrade's Authorization header: 401 before any
 * socket opens; an {@code auth} message: an UNAUTHENTICATED error frame) and on the admin API. A
 * correctly made token passes the same paths, so each refusal is the forgery's doing.
 */
@Timeout(120)
class ForgedTokenIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static final JsonObject KEY = SigningKeys.generateEs256().put("kid", "k1");
  private static final MutableClock CLOCK = new MutableClock();
  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static Vertx client;

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    JsonArray keys = new JsonArray().add(KEY.copy());
    TestEngine test = TestEngine.on(database).env("RTX_DEMO_ENABLED", "true").env("RTX_DEMO_PASSWORD", PASSWORD)
      .env("RTX_AUTH_JWT_KEYS", keys.encode()).env("RTX_AUTH_JWT_ACTIVE_KID", "k1").env("RTX_AUTH_JWT_DEV_KEYS", "false");
    port = test.httpPort();
    engine = test.start(CLOCK);
    client = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  /** Each forgery by name; all carry trader1's (or, for the staff audience, staff 1's) claims. */
  private static Map<String, String> forgeries() throws Exception {
    long now = CLOCK.instant().getEpochSecond();
    Map<String, String> forged = new LinkedHashMap<>();
    forged.put("alg none", unsigned(header("none", "k1"), claims(UnaryOperator.identity())));
    forged.put("HS256 keyed with the public key", hs256WithPublicKey(claims(UnaryOperator.identity())));
    JsonObject foreign = SigningKeys.generateEs256().put("kid", "attacker");
    forged.put("foreign kid", sign(foreign, claims(UnaryOperator.identity()), null));
    forged.put("foreign key under our kid", sign(foreign.copy().put("kid", "k1"), claims(UnaryOperator.identity()), null));
    forged.put("embedded jwk header", sign(foreign.copy().put("kid", "k1"), claims(UnaryOperator.identity()),
      new JsonObject().put("jwk", publicJwk(foreign))));
    forged.put("expired", sign(KEY, claims(c -> c.put("iat", now - 1000).put("exp", now - 10)), null));
    forged.put("nbf in the future", sign(KEY, claims(c -> c.put("nbf", now + 3600)), null));
    forged.put("nbf not a number", sign(KEY, claims(c -> c.put("nbf", "0")), null));
    forged.put("exp not a number", sign(KEY, claims(c -> c.put("exp", Long.toString(now + 900))), null));
    forged.put("exp an object", sign(KEY, claims(c -> c.put("exp", new JsonObject().put("n", 1))), null));
    forged.put("exp far beyond any date", sign(KEY, claims(c -> c.put("exp", 1e300)), null));
    forged.put("iat not a number", sign(KEY, claims(c -> c.put("iat", "yesterday")), null));
    forged.put("sub not a number", sign(KEY, claims(c -> c.put("sub", "trader1")), null));
    forged.put("sid not a uuid", sign(KEY, claims(c -> c.put("sid", 42)), null));
    forged.put("no sub", sign(KEY, claims(c -> c.put("sub", null)), null));
    forged.put("wrong issuer", sign(KEY, claims(c -> c.put("iss", "someone")), null));
    forged.put("not a jwt", "a.b.c");
    return forged;
  }

  @Test
  void aWellMadeTokenPassesEveryPath() throws Exception {
    String good = sign(KEY, claims(UnaryOperator.identity()), null);

    assertThat(accounts(good).statusCode()).isEqualTo(200);
    assertThat(connect(good).next().getString("type")).isEqualTo("authenticated");
    assertThat(adminMe(sign(KEY, claims(c -> c.put("aud", "rtx-staff")), null)).statusCode()).isNotEqualTo(401);
  }

  @Test
  void everyForgeryIsRefusedWith401OnTheTraderApi() throws Exception {
    for (Map.Entry<String, String> forged : forgeries().entrySet()) {
      HttpResponse<String> response = accounts(forged.getValue());

      assertThat(response.statusCode()).as(forged.getKey() + ": " + response.body()).isEqualTo(401);
      assertThat(Http.json(response).getJsonObject("error").getString("code")).as(forged.getKey()).isEqualTo("UNAUTHENTICATED");
    }
  }

  @Test
  void everyForgeryIsRefusedWith401OnTheAdminApi() throws Exception {
    for (Map.Entry<String, String> forged : forgeries().entrySet()) {
      String staffVariant = staffAudience(forged.getKey(), forged.getValue());
      assertThat(adminMe(staffVariant).statusCode()).as(forged.getKey()).isEqualTo(401);
    }
  }

  @Test
  void everyForgeryIsRefusedOnTheWebSocket() throws Exception {
    Conn anonymous = connect(null);
    for (Map.Entry<String, String> forged : forgeries().entrySet()) {
      assertThatThrownBy(() -> connect(forged.getValue())).as(forged.getKey()).hasMessageContaining("401");

      anonymous.send(new JsonObject().put("type", "auth").put("token", forged.getValue()));
      JsonObject answer = anonymous.next();
      assertThat(answer.getString("type")).as(forged.getKey()).isEqualTo("error");
      assertThat(answer.getString("code")).as(forged.getKey()).isEqualTo("UNAUTHENTICATED");
    }
  }

  @Test
  void aTraderTokenIsRefusedByTheAdminApiAndAStaffTokenByTheTraderApi() throws Exception {
    HttpResponse<String> login = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
        new JsonObject().put("username", "trader1").put("password", PASSWORD).encode())));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String trader = Http.json(login).getString("accessToken");
    String staff = sign(KEY, claims(c -> c.put("aud", "rtx-staff")), null);

    assertThat(accounts(trader).statusCode()).isEqualTo(200);
    HttpResponse<String> traderOnAdmin = adminMe(trader);
    assertThat(traderOnAdmin.statusCode()).isEqualTo(401);
    assertThat(traderOnAdmin.body()).contains("audience");
    HttpResponse<String> staffOnTrader = accounts(staff);
    assertThat(staffOnTrader.statusCode()).isEqualTo(401);
    assertThat(staffOnTrader.body()).contains("audience");
    assertThatThrownBy(() -> connect(staff)).hasMessageContaining("401");
  }

  // ---- forging ----

  private static JsonObject claims(UnaryOperator<JsonObject> change) {
    long now = CLOCK.instant().getEpochSecond();
    return change.apply(new JsonObject().put("iss", "rtx").put("aud", "rtx-trader").put("sub", "1").put("name", "trader1")
      .put("sid", UUID.randomUUID().toString()).put("iat", now).put("exp", now + 900));
  }

  /** The same forgery for the staff API: its audience, where the forgery is not about the audience. */
  private static String staffAudience(String name, String token) throws Exception {
    if (name.equals("not a jwt")) {
      return token;
    }
    String[] parts = token.split("\\.", -1);
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    payload.put("aud", "rtx-staff");
    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    return switch (name) {
      case "alg none" -> unsigned(header, payload);
      case "HS256 keyed with the public key" -> hs256WithPublicKey(payload);
      case "foreign kid", "foreign key under our kid", "embedded jwk header" ->
        // Re-signed by the same foreign key: still not ours.
        parts[0] + "." + b64(payload.encode()) + "." + parts[2];
      default -> sign(KEY, payload, null);
    };
  }

  private static JsonObject header(String alg, String kid) {
    return new JsonObject().put("alg", alg).put("typ", "JWT").put("kid", kid);
  }

  private static String unsigned(JsonObject header, JsonObject payload) {
    return b64(header.encode()) + "." + b64(payload.encode()) + ".";
  }

  /** The classic key-confusion attack: the public key's PEM text used as an HMAC secret. */
  private static String hs256WithPublicKey(JsonObject payload) throws Exception {
    String input = b64(header("HS256", "k1").encode()) + "." + b64(payload.encode());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.getString("public-key").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String sign(JsonObject key, JsonObject payload, JsonObject extraHeader) {
    JWTAuth signer = JWTAuth.create(client, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
      .setAlgorithm("ES256").setId(key.getString("kid")).setBuffer(key.getString("private-key"))));
    JWTOptions options = new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true);
    if (extraHeader != null) {
      options.setHeader(extraHeader);
    }
    return signer.generateToken(payload, options);
  }

  private static JsonObject publicJwk(JsonObject key) throws Exception {
    String pem = key.getString("public-key").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    ECPublicKey ec = (ECPublicKey) KeyFactory.getInstance("EC")
      .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    return new JsonObject().put("kty", "EC").put("crv", "P-256").put("kid", key.getString("kid"))
      .put("x", coordinate(ec.getW().getAffineX())).put("y", coordinate(ec.getW().getAffineY()));
  }

  private static String coordinate(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[32];
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  // ---- calling ----

  private static HttpResponse<String> accounts(String token) {
    return Http.get(port, "/api/v1/accounts", "Authorization", "Bearer " + token);
  }

  private static HttpResponse<String> adminMe(String token) {
    return Http.get(port, "/api/admin/v1/auth/me", "Authorization", "Bearer " + token);
  }

  private record Conn(WebSocket socket, LinkedBlockingQueue<JsonObject> frames) {
    JsonObject next() throws InterruptedException {
      JsonObject frame = frames.poll(30, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within 30 s").isNotNull();
      return frame;
    }

    void send(JsonObject message) {
      socket.writeTextMessage(message.encode());
    }
  }

  private static Conn connect(String bearer) throws Exception {
    LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    WebSocketClient ws = client.createWebSocketClient();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws");
    if (bearer != null) {
      options.addHeader("Authorization", "Bearer " + bearer);
    }
    WebSocket socket = ws.connect(options).map(s -> s.textMessageHandler(text -> frames.add(new JsonObject(text))))
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new Conn(socket, frames);
  }
}
