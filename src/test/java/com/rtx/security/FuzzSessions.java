package com.rtx.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who the fuzzer is: the demo traders {@code trader1} and {@code trader2}, one staff user of its
 * own per role (created by the demo {@code admin}, who is used only for that and for
 * housekeeping), and throwaway victims for the operations that reset, disable or move someone.
 * Every real login comes from 127.0.0.1; fuzzed requests come from other loopback addresses, so
 * their failures never throttle these logins. A session whose token stops working is logged in
 * again; a staff user who can no longer log in (a fuzzed TOTP confirmation that happened to hit)
 * is replaced by a new one of the same role.
 */
final class FuzzSessions {

  static final String TRADER1 = "trader1";
  static final String TRADER2 = "trader2";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RawHttp http;
  private final String adminUser;
  private final String demoPassword;
  private final String staffPassword;
  private final String prefix;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Map<String, String> staffNames = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> rolePermissions = new LinkedHashMap<>();
  private final Map<Long, String> accountGroups = new LinkedHashMap<>();
  private final List<Long> victimStaff = new ArrayList<>();
  private final List<Long> victimTraders = new ArrayList<>();
  private final List<Long> victimAccounts = new ArrayList<>();
  private String adminToken;
  private int generation;

  FuzzSessions(String host, int port, String adminUser, String demoPassword, long seed) {
    this.http = new RawHttp(host, port, 60_000);
    this.adminUser = adminUser;
    this.demoPassword = demoPassword;
    this.staffPassword = "fz-Staff-Pa55word-" + Long.toHexString(seed);
    this.prefix = "fz" + Long.toHexString(System.nanoTime() & 0xffffff);
  }

  /** Logs everyone in and creates the fuzzer's staff and victims. */
  synchronized void setUp() {
    adminToken = login(true, adminUser, demoPassword);
    JsonNode roles = call("GET", "/api/admin/v1/roles", null, adminToken).path("roles");
    roles.fields().forEachRemaining(r -> rolePermissions.put(r.getKey(), r.getValue()));
    for (String role : rolePermissions.keySet()) {
      newStaff(role);
    }
    for (int i = 0; i < 2; i++) {
      JsonNode victim = call("POST", "/api/admin/v1/staff", body("username", prefix + "-victim-" + i, "password", staffPassword,
        "role", "READ_ONLY"), adminToken);
      victimStaff.add(victim.path("staffId").asLong());
    }
    JsonNode trader = call("POST", "/api/admin/v1/traders", body("username", prefix + "-victim-t", "password", staffPassword,
      "group", "retail-hedging", "mode", "HEDGING"), adminToken);
    victimTraders.add(trader.path("traderId").asLong());
    JsonNode account = trader.path("account");
    victimAccounts.add(account.has("id") ? account.path("id").asLong() : account.path("accountId").asLong());
    for (String t : List.of(TRADER1, TRADER2)) {
      tokens.put(t, login(false, t, demoPassword));
      for (JsonNode a : call("GET", "/api/v1/accounts", null, tokens.get(t)).path("accounts")) {
        accountGroups.put(a.path("id").asLong(), a.path("group").asText());
      }
    }
  }

  List<Long> accounts() {
    return List.copyOf(accountGroups.keySet());
  }

  List<Long> victimStaff() {
    return victimStaff;
  }

  List<Long> victimTraders() {
    return victimTraders;
  }

  List<Long> victimAccounts() {
    return victimAccounts;
  }

  List<String> roles() {
    return List.copyOf(rolePermissions.keySet());
  }

  /** The access token of {@code who} ({@code trader1}, {@code trader2} or {@code staff:ROLE}). */
  String token(String who) {
    return tokens.get(who);
  }

  /** The demo admin's token, logged in again if it stopped working. */
  synchronized String adminToken() {
    if (status("GET", "/api/admin/v1/auth/me", null, adminToken) == 401) {
      adminToken = login(true, adminUser, demoPassword);
    }
    return adminToken;
  }

  /** Every session of the fuzzer that stopped working is renewed. */
  void renewAll() {
    for (String who : List.copyOf(tokens.keySet())) {
      check(who, tokens.get(who));
    }
  }

  /**
   * Called when a request made as {@code who} answered 401: if the token no longer works, logs in
   * again (or replaces the staff user when that fails).
   */
  synchronized void check(String who, String usedToken) {
    if (!usedToken.equals(tokens.get(who))) {
      return; // already renewed by another worker
    }
    boolean staff = who.startsWith("staff:");
    String probe = staff ? "/api/admin/v1/auth/me" : "/api/v1/accounts";
    if (status("GET", probe, null, usedToken) != 401) {
      return;
    }
    if (staff) {
      String role = who.substring("staff:".length());
      try {
        tokens.put(who, login(true, staffNames.get(role), staffPassword));
      } catch (IllegalStateException e) {
        newStaff(role);
      }
    } else {
      tokens.put(who, login(false, who, demoPassword));
    }
  }

  /**
   * Puts back what fuzzed requests may have switched off so the rest of the run still reaches
   * trading: the kill switch lifted, every role's permissions as they were, the demo accounts
   * ACTIVE and in their groups (a move only succeeds while the account is flat).
   *
   * @return the statuses of these requests (a 5xx among them is a finding too)
   */
  synchronized List<Integer> houseKeeping() {
    List<Integer> statuses = new ArrayList<>();
    adminToken();
    statuses.add(status("PUT", "/api/admin/v1/kill-switch", body("engaged", false, "reason", "fuzzer housekeeping"), adminToken));
    rolePermissions.forEach((role, permissions) -> {
      if (!role.equals("SUPER_ADMIN")) {
        ObjectNode b = JSON.createObjectNode();
        b.set("permissions", permissions);
        statuses.add(status("PUT", "/api/admin/v1/roles/" + role + "/permissions", b, adminToken));
      }
    });
    accountGroups.forEach((id, group) -> {
      statuses.add(status("PUT", "/api/admin/v1/accounts/" + id + "/status", body("status", "ACTIVE", "reason",
        "fuzzer housekeeping"), adminToken));
      statuses.add(status("PUT", "/api/admin/v1/accounts/" + id + "/group", body("group", group, "reason",
        "fuzzer housekeeping"), adminToken));
    });
    return statuses;
  }

  private void newStaff(String role) {
    String username = prefix + "-" + role.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + (generation++);
    call("POST", "/api/admin/v1/staff", body("username", username, "password", staffPassword, "role", role), adminToken);
    staffNames.put(role, username);
    tokens.put("staff:" + role, login(true, username, staffPassword));
  }

  private String login(boolean staff, String username, String password) {
    String path = staff ? "/api/admin/v1/auth/login" : "/api/v1/auth/login";
    JsonNode session = call("POST", path, body("username", username, "password", password), null);
    return session.path("accessToken").asText();
  }

  static ObjectNode body(Object... pairs) {
    ObjectNode b = JSON.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      Object v = pairs[i + 1];
      if (v instanceof Boolean flag) {
        b.put((String) pairs[i], flag);
      } else {
        b.put((String) pairs[i], String.valueOf(v));
      }
    }
    return b;
  }

  /** A request of the fuzzer's own from 127.0.0.1 that must succeed; its JSON answer. */
  JsonNode call(String method, String path, JsonNode body, String token) {
    RawHttp.Response r = send(method, path, body, token);
    if (r.status() >= 300) {
      throw new IllegalStateException(method + " " + path + " answered " + r.status() + ": " + r.body());
    }
    try {
      return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " answered no JSON: " + r.body(), e);
    }
  }

  int status(String method, String path, JsonNode body, String token) {
    return send(method, path, body, token).status();
  }

  private synchronized RawHttp.Response send(String method, String path, JsonNode body, String token) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    try {
      return http.send("127.0.0.1", method, path, headers, body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      http.close();
      throw new IllegalStateException(method + " " + path + " got no answer: " + e.getMessage(), e);
    }
  }

  synchronized void close() {
    http.close();
  }
}
