package com.rtx.support;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one client of an engine's REST APIs (trader and admin) on 127.0.0.1 for black-box tests:
 * logs a trader or a staff member in, calls with the bearer token, and sends bodies as given so
 * malformed ones too. Every answer comes back as it is; only the logins assert (a test that needs
 * a token cannot go on without one).
 */
public class ApiClient {

  public static final String TRADER_LOGIN = "/api/v1/auth/login";
  public static final String STAFF_LOGIN = "/api/admin/v1/auth/login";

  private final int port;

  public ApiClient(int port) {
    this.port = port;
  }

  public final int port() {
    return port;
  }

  /** The access token of trader {@code username}; fails the test when the login does not answer 200. */
  public final String loginTrader(String username, String password) {
    return token(call("POST", TRADER_LOGIN, new JsonObject().put("username", username).put("password", password), null));
  }

  /** The access token of staff member {@code username} (no TOTP enrolled); fails the test unless 200. */
  public final String loginStaff(String username, String password) {
    return token(call("POST", STAFF_LOGIN, new JsonObject().put("username", username).put("password", password), null));
  }

  /** The access token of staff member {@code username} with a TOTP code (see {@link #totp}); fails the test unless 200. */
  public final String loginStaff(String username, String password, String totp) {
    return token(call("POST", STAFF_LOGIN, new JsonObject().put("username", username).put("password", password)
      .put("totp", totp), null));
  }

  /** A JSON call with a fresh {@code X-Request-Id}; {@code body} null: none, {@code token} null: no Authorization. */
  public final HttpResponse<String> call(String method, String path, JsonObject body, String token) {
    return call(method, path, body, token, "t-" + UUID.randomUUID());
  }

  /** A JSON call carrying {@code requestId}, for tests that find its audit rows by it. */
  public final HttpResponse<String> call(String method, String path, JsonObject body, String token, String requestId) {
    return raw(method, path, body == null ? null : body.encode(), token, requestId);
  }

  public final HttpResponse<String> post(String path, JsonObject body, String token) {
    return call("POST", path, body, token);
  }

  public final HttpResponse<String> get(String path, String token) {
    return send("GET", path, null, token);
  }

  /** {@code body} is sent as raw JSON text (null: none), with no {@code X-Request-Id}. */
  public final HttpResponse<String> send(String method, String path, String body, String token) {
    return raw(method, path, body, token, null);
  }

  /** {@code body} as raw JSON text (null: none); {@code token} and {@code requestId} null: that header left out. */
  public final HttpResponse<String> raw(String method, String path, String body, String token, String requestId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (requestId != null) {
      request.header("X-Request-Id", requestId);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return token == null ? Http.send(request) : Http.send(request, "Authorization", "Bearer " + token);
  }

  /** The error code of a refusal ({@code error.code}). */
  public static String code(HttpResponse<String> response) {
    return Http.json(response).getJsonObject("error").getString("code");
  }

  /** The TOTP code of {@code secret} for the 30-second step {@code clock} (the engine's clock) is in. */
  public static String totp(String secret, Clock clock) {
    try {
      return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, clock.millis() / 1000 / 30);
    } catch (CodeGenerationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String token(HttpResponse<String> login) {
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return Http.json(login).getString("accessToken");
  }
}
