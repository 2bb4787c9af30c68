package com.rtx.gateway;

import com.rtx.support.Http;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Raw requests to the trader API of an engine under test: bodies as given, so malformed ones too. */
final class TraderClient {

  private final int port;

  TraderClient(int port) {
    this.port = port;
  }

  int port() {
    return port;
  }

  /** The access token of {@code username}; fails the test when the login does not answer 200. */
  String login(String username, String password) {
    HttpResponse<String> response = send("POST", "/api/v1/auth/login",
      new JsonObject().put("username", username).put("password", password).encode(), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response).getString("accessToken");
  }

  HttpResponse<String> get(String path, String token) {
    return send("GET", path, null, token);
  }

  /** {@code body} is sent as raw JSON text (null: none); {@code token} null: no Authorization. */
  HttpResponse<String> send(String method, String path, String body, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return token == null ? Http.send(request) : Http.send(request, "Authorization", "Bearer " + token);
  }
}
