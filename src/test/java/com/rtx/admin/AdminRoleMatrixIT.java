package com.rtx.admin;

import com.rtx.admin.AdminContract.Op;
import com.rtx.admin.AdminContract.Sample;
import com.rtx.support.Http;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static com.rtx.admin.AdminContract.contractOperations;
import static com.rtx.admin.AdminContract.samples;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API against its contract: the role × operation matrix built from the OpenAPI file and the
 * database's role mapping, and every operation with a body refusing a malformed one.
 * Engine and demo data: {@link AdminApiFixture}.
 */
@Timeout(300)
class AdminRoleMatrixIT extends AdminApiFixture {

  private static final AtomicLong SEQUENCE = new AtomicLong();

  /**
   * Every operation of the contract × every role: allowed (per the database's mapping) is never
   * 403, denied is 403 PERMISSION_DENIED with one DENIED audit row (also with a body of {@code {}}
   * that the contract refuses: authorization comes first), a trader token and no token are
   * 401; each successful change leaves exactly one audit row carrying the request id.
   */
  @Test
  void roleMatrixFollowsTheContractAndTheDatabaseMapping() throws Exception {
    Map<String, Op> ops = contractOperations();
    Map<String, Sample> samples = samples();
    assertThat(samples.keySet()).as("every operationId needs a matrix row").containsAll(ops.keySet());
    JsonObject roles = Http.json(call("GET", "/api/admin/v1/roles", null, admin)).getJsonObject("roles");
    assertThat(roles.fieldNames()).containsExactlyInAnyOrder("SUPER_ADMIN", "ADMIN", "DEALER", "RISK_MANAGER",
      "SUPPORT", "COMPLIANCE", "READ_ONLY");
    String trader = Http.json(call("POST", "/api/v1/auth/login",
      new JsonObject().put("username", "trader2").put("password", PASSWORD), null)).getString("accessToken");

    List<String> order = new ArrayList<>(ops.keySet());
    order.remove("staffLogout");
    order.add("staffLogout");
    order.remove("staffLogin");
    for (String role : roles.fieldNames()) {
      String username = "m-" + role.toLowerCase().replace('_', '-');
      HttpResponse<String> created = call("POST", "/api/admin/v1/staff", new JsonObject().put("username", username)
        .put("password", STAFF_PASSWORD).put("role", role), admin);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String token = login(username, STAFF_PASSWORD);
      Set<String> granted = Set.copyOf(roles.getJsonArray(role).getList());
      for (String id : order) {
        Op op = ops.get(id);
        Sample sample = samples.get(id);
        String path = op.path(sample.params());
        String requestId = "m-" + UUID.randomUUID();
        JsonObject body = id.equals("createStaff") ? new JsonObject().put("username", "s-" + SEQUENCE.incrementAndGet())
          .put("password", STAFF_PASSWORD).put("role", "READ_ONLY") : sample.body();
        HttpResponse<String> response = call(op.method(), path, body, token, requestId);
        boolean allowed = op.permission().equals("authenticated") || granted.contains(op.permission());
        String what = role + " " + id + " -> " + response.statusCode() + " " + response.body();
        if (allowed) {
          assertThat(response.statusCode()).as(what).isNotEqualTo(403).isLessThan(500);
          if (response.statusCode() < 300 && !op.method().equals("GET")) {
            assertThat(auditRows("request_id = '" + requestId + "'")).as("audit rows of " + what).isEqualTo(1);
          }
        } else {
          assertThat(response.statusCode()).as(what).isEqualTo(403);
          assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("PERMISSION_DENIED");
          assertThat(auditRows("request_id = '" + requestId + "' AND outcome = 'DENIED'")).as(what).isEqualTo(1);
          // Authorization before validation: a body the contract refuses tells the caller nothing either.
          HttpResponse<String> empty = call(op.method(), path, new JsonObject(), token);
          assertThat(empty.statusCode()).as(role + " " + id + " with {} -> " + empty.body()).isEqualTo(403);
          assertThat(Http.json(empty).getJsonObject("error").getString("code")).isEqualTo("PERMISSION_DENIED");
        }
        if (!id.equals("staffLogout")) {
          assertThat(call(op.method(), path, body, trader).statusCode()).as("trader token " + id).isEqualTo(401);
          assertThat(call(op.method(), path, body, null).statusCode()).as("no token " + id).isEqualTo(401);
        }
      }
      assertThat(call("GET", "/api/admin/v1/auth/me", null, token).statusCode()).as("logged out").isEqualTo(401);
    }
  }

  /**
   * Every operation that takes a body refuses a malformed one with 400 naming the field: broken JSON
   * names {@code body}; a field of the wrong type names that field. Sent as SUPER_ADMIN, so it is the
   * contract, not a permission, that refuses it; nothing is changed (no audit row).
   */
  @Test
  void everyOperationWithABodyRefusesAMalformedOneNamingTheField() throws Exception {
    Map<String, Op> ops = contractOperations();
    Map<String, Sample> samples = samples();
    int checked = 0;
    for (Map.Entry<String, Op> e : ops.entrySet()) {
      Sample sample = samples.get(e.getKey());
      if (sample == null || sample.body() == null || sample.body().isEmpty() || e.getKey().equals("staffLogout")) {
        continue;
      }
      Op op = e.getValue();
      String path = op.path(sample.params());
      String requestId = "bad-" + UUID.randomUUID();
      HttpResponse<String> broken = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(op.method(), HttpRequest.BodyPublishers.ofString("{\"oops\": ")).header("Content-Type", "application/json")
        .header("X-Request-Id", requestId), "Authorization", "Bearer " + admin);
      assertThat(broken.statusCode()).as(e.getKey() + " broken JSON: " + broken.body()).isEqualTo(400);
      assertThat(Http.json(broken).getJsonObject("error").getString("field")).as(e.getKey()).isEqualTo("body");

      String field = sample.body().fieldNames().iterator().next();
      Object value = sample.body().getValue(field);
      JsonObject wrongType = sample.body().copy().put(field, value instanceof String ? (Object) 12345 : (Object) "not-valid");
      HttpResponse<String> typed = call(op.method(), path, wrongType, admin, requestId);
      assertThat(typed.statusCode()).as(e.getKey() + " wrong type of " + field + ": " + typed.body()).isEqualTo(400);
      assertThat(Http.json(typed).getJsonObject("error").getString("field")).as(e.getKey()).isEqualTo(field);
      assertThat(auditRows("request_id = '" + requestId + "'")).as("no change, no audit row: " + e.getKey()).isZero();
      checked++;
    }
    assertThat(checked).isGreaterThan(10);
  }
}
