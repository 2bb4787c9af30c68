package com.rtx.admin;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.Http;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls to one engine's admin API on 127.0.0.1 and counts of its audit rows, for the admin ITs. */
record AdminClient(int port, PgTarget database) {

  String login(String username, String password) {
    HttpResponse<String> response = call("POST", "/api/admin/v1/auth/login",
      new JsonObject().put("username", username).put("password", password), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response).getString("accessToken");
  }

  HttpResponse<String> call(String method, String path, JsonObject body, String token) {
    return call(method, path, body, token, "t-" + UUID.randomUUID());
  }

  HttpResponse<String> call(String method, String path, JsonObject body, String token, String requestId) {
    return raw(method, path, body == null ? null : body.encode(), token, requestId);
  }

  HttpResponse<String> raw(String method, String path, String body, String token, String requestId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
      .header("X-Request-Id", requestId);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return token == null ? Http.send(request) : Http.send(request, "Authorization", "Bearer " + token);
  }

  /** The error code of a refusal. */
  static String code(HttpResponse<String> response) {
    return Http.json(response).getJsonObject("error").getString("code");
  }

  long count(String sql) {
    try (Connection c = TestInfra.connect(database); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long auditRows(String where) {
    return count("SELECT count(*) FROM audit_log WHERE " + where);
  }
}
