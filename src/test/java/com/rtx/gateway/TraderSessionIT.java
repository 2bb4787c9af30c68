package com.rtx.gateway;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Http;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access tokens die with their session (SECURITY.md invariant 6), through the real port with the
 * admin role beside the gateway: after a logout, a refresh-token reuse, a staff password reset or a
 * trader's password change, the session's access token is refused (401) on the very next REST
 * call and WebSocket upgrade, and the session's open WebSockets are closed with 1008.
 */
@Timeout(120)
class TraderSessionIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static Vertx client;

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_ROLES", "admin,gateway").env("RTX_DEMO_ENABLED", "true")
      .env("RTX_DEMO_PASSWORD", PASSWORD);
    port = test.httpPort();
    engine = test.start();
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

  @Test
  void logoutRefusesTheAccessTokenAtOnceAndClosesTheSessionsWebSocket() throws Exception {
    JsonObject session = login("trader1", PASSWORD);
    String token = session.getString("accessToken");
    Socket socket = connect(token);
    JsonObject other = login("trader1", PASSWORD);

    assertThat(post("/api/v1/auth/logout", new JsonObject(), token).statusCode()).isEqualTo(204);

    assertRefused(token);
    assertThat(socket.closedWith()).isEqualTo(1008);
    assertThat(accounts(other.getString("accessToken")).statusCode()).as("another session lives on").isEqualTo(200);
  }

  @Test
  void reusingARefreshTokenRefusesEveryAccessTokenOfItsSession() throws Exception {
    JsonObject first = login("trader1", PASSWORD);
    HttpResponse<String> refreshed = post("/api/v1/auth/refresh",
      new JsonObject().put("refreshToken", first.getString("refreshToken")), null);
    assertThat(refreshed.statusCode()).isEqualTo(200);
    String second = Http.json(refreshed).getString("accessToken");
    Socket socket = connect(second);

    HttpResponse<String> reuse = post("/api/v1/auth/refresh",
      new JsonObject().put("refreshToken", first.getString("refreshToken")), null);

    assertThat(reuse.statusCode()).isEqualTo(401);
    assertRefused(first.getString("accessToken"));
    assertRefused(second);
    assertThat(socket.closedWith()).isEqualTo(1008);
  }

  @Test
  void aStaffPasswordResetEndsEverySessionOfTheTrader() throws Exception {
    String admin = staffLogin();
    String username = "reset-" + System.nanoTime() % 1_000_000;
    HttpResponse<String> created = post("/api/admin/v1/traders", new JsonObject().put("username", username)
      .put("password", "initial-Pa55word").put("group", "retail-hedging").put("mode", "HEDGING"), admin);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long traderId = Http.json(created).getLong("traderId");
    settleTemporaryPassword(username);
    String one = login(username, "initial-Pa55word").getString("accessToken");
    String two = login(username, "initial-Pa55word").getString("accessToken");
    Socket socket = connect(one);
    assertThat(accounts(two).statusCode()).isEqualTo(200);

    HttpResponse<String> reset = post("/api/admin/v1/traders/" + traderId + "/reset-password", null, admin);

    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
    assertRefused(one);
    assertRefused(two);
    assertThat(socket.closedWith()).isEqualTo(1008);
  }

  @Test
  void aTraderCreatedByStaffMustChangeTheTemporaryPasswordBeforeAnythingElse() throws Exception {
    String username = createTrader("temp-", "initial-Pa55word");
    JsonObject first = login(username, "initial-Pa55word");
    String token = first.getString("accessToken");
    assertThat(first.getBoolean("mustChangePassword")).isTrue();

    HttpResponse<String> blocked = accounts(token);
    assertThat(blocked.statusCode()).isEqualTo(403);
    assertThat(Http.json(blocked).getJsonObject("error").getString("code")).isEqualTo("PASSWORD_CHANGE_REQUIRED");
    assertThat(Http.get(port, "/api/v1/accounts/1/positions", "Authorization", "Bearer " + token).statusCode()).isEqualTo(403);
    assertThatThrownBy(() -> connect(token)).hasMessageContaining("403");
    Socket anonymous = connect(null);
    anonymous.socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", token).encode());
    assertThat(anonymous.next().getString("code")).isEqualTo("PASSWORD_CHANGE_REQUIRED");

    HttpResponse<String> wrong = changePassword(token, "not-the-password", "brand-new-Pa55word");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(Http.json(wrong).getJsonObject("error").getString("code")).isEqualTo("INVALID_CREDENTIALS");
    HttpResponse<String> same = changePassword(token, "initial-Pa55word", "initial-Pa55word");
    assertThat(same.statusCode()).isEqualTo(422);
    assertThat(Http.json(same).getJsonObject("error").getString("code")).isEqualTo("PASSWORD_UNCHANGED");
    assertThat(changePassword(token, "initial-Pa55word", "short").statusCode()).isEqualTo(400);
    HttpResponse<String> changed = changePassword(token, "initial-Pa55word", "brand-new-Pa55word");

    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(accounts(Http.json(changed).getString("accessToken")).statusCode()).isEqualTo(200);
    assertThat(connect(Http.json(changed).getString("accessToken"))).isNotNull();
    assertThat(post("/api/v1/auth/login", new JsonObject().put("username", username).put("password", "initial-Pa55word"), null)
      .statusCode()).isEqualTo(401);
    JsonObject again = login(username, "brand-new-Pa55word");
    assertThat(again.getBoolean("mustChangePassword")).isFalse();
    assertThat(accounts(again.getString("accessToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void aPasswordChangeEndsEveryOtherSessionAtOnce() throws Exception {
    String username = createTrader("changer-", "initial-Pa55word");
    settleTemporaryPassword(username);
    JsonObject mine = login(username, "initial-Pa55word");
    JsonObject other = login(username, "initial-Pa55word");
    Socket otherSocket = connect(other.getString("accessToken"));

    HttpResponse<String> changed = changePassword(mine.getString("accessToken"), "initial-Pa55word", "second-Pa55word");

    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertRefused(other.getString("accessToken"));
    assertThat(otherSocket.closedWith()).isEqualTo(1008);
    assertThat(post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", other.getString("refreshToken")), null)
      .statusCode()).isEqualTo(401);
    assertThat(accounts(mine.getString("accessToken")).statusCode()).as("this session lives on").isEqualTo(200);
    assertThat(post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", mine.getString("refreshToken")), null)
      .statusCode()).isEqualTo(200);
  }

  @Test
  void wrongCurrentPasswordsCountInTheLoginThrottle() throws Exception {
    String username = createTrader("guesser-", "initial-Pa55word");
    settleTemporaryPassword(username);
    String token = login(username, "initial-Pa55word").getString("accessToken");
    for (int i = 0; i < 5; i++) {
      assertThat(changePassword(token, "guess-" + i, "another-Pa55word").statusCode()).isEqualTo(401);
    }

    HttpResponse<String> throttled = changePassword(token, "initial-Pa55word", "another-Pa55word");

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().allValues("Retry-After")).hasSize(1);
    assertThat(Http.json(throttled).getJsonObject("error").getString("code")).isEqualTo("LOGIN_THROTTLED");
  }

  @Test
  void aStaffResetMakesThePasswordTemporaryAgainAndDemoTradersAreNotForced() throws Exception {
    String admin = staffLogin();
    String username = createTrader("forgot-", "initial-Pa55word");
    settleTemporaryPassword(username);
    HttpResponse<String> reset = post("/api/admin/v1/traders/" + traderIdOf(username) + "/reset-password", null, admin);
    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);

    JsonObject session = login(username, Http.json(reset).getString("temporaryPassword"));

    assertThat(session.getBoolean("mustChangePassword")).isTrue();
    assertThat(accounts(session.getString("accessToken")).statusCode()).isEqualTo(403);
    assertThat(login("trader1", PASSWORD).getBoolean("mustChangePassword")).isFalse();
  }

  // ---- helpers ----

  private static String createTrader(String prefix, String password) {
    String username = prefix + System.nanoTime() % 10_000_000;
    HttpResponse<String> created = post("/api/admin/v1/traders", new JsonObject().put("username", username)
      .put("password", password).put("group", "retail-hedging").put("mode", "HEDGING"), staffLogin());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return username;
  }

  private static long traderIdOf(String username) throws Exception {
    try (Connection c = TestInfra.connect(database)) {
      var query = c.prepareStatement("SELECT id FROM trader WHERE username = ?");
      query.setString(1, username);
      var rs = query.executeQuery();
      rs.next();
      return rs.getLong(1);
    }
  }

  private static HttpResponse<String> changePassword(String token, String current, String next) {
    return post("/api/v1/auth/password", new JsonObject().put("currentPassword", current).put("newPassword", next), token);
  }

  /** Refused on REST (401 naming the ended session), on a WebSocket upgrade, and in a WebSocket auth message. */
  private static void assertRefused(String token) throws Exception {
    HttpResponse<String> rest = accounts(token);
    assertThat(rest.statusCode()).as(rest.body()).isEqualTo(401);
    assertThat(Http.json(rest).getJsonObject("error").getString("message")).contains("session");
    assertThatThrownBy(() -> connect(token)).hasMessageContaining("401");
    Socket anonymous = connect(null);
    anonymous.socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", token).encode());
    JsonObject answer = anonymous.next();
    assertThat(answer.getString("type")).isEqualTo("error");
    assertThat(answer.getString("code")).isEqualTo("UNAUTHENTICATED");
  }

  /** Traders created by staff must change their password first (issue 12); this test is not about that. */
  static void settleTemporaryPassword(String username) throws Exception {
    try (Connection c = TestInfra.connect(database)) {
      var update = c.prepareStatement("UPDATE trader SET must_change_password = false WHERE username = ?");
      update.setString(1, username);
      update.executeUpdate();
    } catch (java.sql.SQLException e) {
      if (!e.getMessage().contains("must_change_password")) {
        throw e;
      }
    }
  }

  private static String staffLogin() {
    HttpResponse<String> response = post("/api/admin/v1/auth/login",
      new JsonObject().put("username", "admin").put("password", PASSWORD), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response).getString("accessToken");
  }

  private static JsonObject login(String username, String password) {
    HttpResponse<String> response = post("/api/v1/auth/login",
      new JsonObject().put("username", username).put("password", password), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response);
  }

  private static HttpResponse<String> accounts(String token) {
    return Http.get(port, "/api/v1/accounts", "Authorization", "Bearer " + token);
  }

  private static HttpResponse<String> post(String path, JsonObject body, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return token == null ? Http.send(request) : Http.send(request, "Authorization", "Bearer " + token);
  }

  private record Socket(WebSocket socket, LinkedBlockingQueue<JsonObject> frames, CompletableFuture<Short> closed) {
    JsonObject next() throws InterruptedException {
      JsonObject frame = frames.poll(30, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within 30 s").isNotNull();
      return frame;
    }

    int closedWith() throws Exception {
      return closed.get(30, TimeUnit.SECONDS);
    }
  }

  /** A WebSocket; with a token, authenticated by its upgrade request (the "authenticated" frame is awaited). */
  private static Socket connect(String bearer) throws Exception {
    LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    CompletableFuture<Short> closed = new CompletableFuture<>();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws");
    if (bearer != null) {
      options.addHeader("Authorization", "Bearer " + bearer);
    }
    WebSocket socket = client.createWebSocketClient().connect(options).map(s -> {
      s.textMessageHandler(text -> frames.add(new JsonObject(text)));
      s.closeHandler(v -> closed.complete(s.closeStatusCode()));
      return s;
    }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Socket result = new Socket(socket, frames, closed);
    if (bearer != null) {
      assertThat(result.next().getString("type")).isEqualTo("authenticated");
    }
    return result;
  }
}
