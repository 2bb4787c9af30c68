package com.rtx.admin;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.ApiClient;
import com.rtx.support.TestInfra;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The shared {@link ApiClient} of one engine plus what only the admin ITs need: a staff login sent
 * from another loopback address, and counts of rows (the audit log's above all) in its database.
 */
final class AdminClient extends ApiClient {

  private final PgTarget database;

  AdminClient(int port, PgTarget database) {
    super(port);
    this.database = database;
  }

  PgTarget database() {
    return database;
  }

  /** A raw HTTP/1.1 answer: status, headers (names lower-cased, every value kept) and body. */
  record Raw(int status, java.util.Map<String, List<String>> headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  /**
   * A staff login sent from another loopback address ({@code 127.0.0.x}: the server on 127.0.0.1
   * sees it as the client's address), for tests about per-address counting.
   */
  Raw loginFrom(String localAddress, String username, String password) {
    String body = new JsonObject().put("username", username).put("password", password).encode();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "POST /api/admin/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\n"
      + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port()), 5000);
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = response.indexOf("\r\n\r\n");
      String[] lines = response.substring(0, split).split("\r\n");
      java.util.Map<String, List<String>> headers = new java.util.HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
          k -> new java.util.ArrayList<>()).add(lines[i].substring(colon + 1).trim());
      }
      return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, response.substring(split + 4));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
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
