package com.rtx.gateway;

import com.rtx.platform.Engine;
import com.rtx.platform.db.PgTarget;
import com.rtx.support.Http;
import com.rtx.support.TestEngine;
import com.rtx.support.TestInfra;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traders' login under abuse through the real port: parallel wrong passwords are each counted
 * (Redis, increment then decide) and only the limit of them reaches the password check; behind a
 * trusted proxy (127.0.0.2 here) each forwarded client is throttled on its own address, and a
 * forwarded address from anyone else is ignored.
 */
@Timeout(120)
class LoginAbuseIT {

  private static final String PASSWORD = "demo-Pa55word";
  private static final java.net.http.HttpClient PARALLEL = java.net.http.HttpClient.newBuilder()
    .version(java.net.http.HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(5)).build();
  private static PgTarget database;
  private static Engine engine;
  private static int port;
  private static String redisUrl;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    database = TestInfra.migratedDatabase();
    TestEngine test = TestEngine.on(database).env("RTX_DEMO_ENABLED", "true").env("RTX_DEMO_PASSWORD", PASSWORD)
      .env("RTX_AUTH_LOGIN_MAX_FAILURES", "5").env("RTX_AUTH_LOGIN_MAX_FAILURES_PER_IP", "50")
      // The "ingress": connections from 127.0.0.2 forward their client's address; 127.0.0.1 is anyone.
      .env("RTX_HTTP_TRUSTED_PROXIES", "127.0.0.2/32");
    port = test.httpPort();
    redisUrl = test.redisUrl();
    engine = test.start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close();
    }
    if (engine != null) {
      engine.stop();
    }
    TestInfra.drop(database);
  }

  @Test
  void thirtyParallelWrongPasswordsCountAsThirtyAndOnlyTheLimitReachesThePasswordCheck() throws Exception {
    RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, redisUrl));
    await(redis.del(List.of("rtx:auth:fail:u:trader2")).toCompletionStage().toCompletableFuture());

    List<CompletableFuture<HttpResponse<String>>> logins = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      logins.add(PARALLEL.sendAsync(login("trader2", "wrong-" + i).build(), HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    List<HttpResponse<String>> responses = logins.stream().map(CompletableFuture::join).toList();
    assertThat(responses.stream().filter(r -> r.statusCode() == 401).count()).isEqualTo(5);
    List<HttpResponse<String>> throttled = responses.stream().filter(r -> r.statusCode() == 429).toList();
    assertThat(throttled).hasSize(25);
    for (HttpResponse<String> response : throttled) {
      assertThat(response.headers().allValues("Retry-After")).hasSize(1);
      assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
      assertThat(Http.json(response).getJsonObject("error").getString("code")).isEqualTo("LOGIN_THROTTLED");
    }
    var count = await(redis.get("rtx:auth:fail:u:trader2").toCompletionStage().toCompletableFuture());
    assertThat(count.toLong()).isEqualTo(30);
    assertThat(Http.send(login("trader2", PASSWORD)).statusCode()).isEqualTo(429);
  }

  @Test
  void behindATrustedProxyOneClientsFailuresDoNotBlockAnother() throws Exception {
    HttpClient proxy = vertx.createHttpClient(new HttpClientOptions().setLocalAddress("127.0.0.2"));
    RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, redisUrl));
    await(redis.del(List.of("rtx:auth:fail:ip:203.0.113.10", "rtx:auth:fail:ip:203.0.113.11", "rtx:auth:fail:ip:127.0.0.2"))
      .toCompletionStage().toCompletableFuture());
    for (int i = 0; i < 50; i++) {
      assertThat(viaProxy(proxy, "attacker-" + i, "wrong", "198.51.100.1, 203.0.113.10")).isEqualTo(401);
    }
    assertThat(viaProxy(proxy, "attacker-50", "wrong", "203.0.113.10")).isEqualTo(429);

    assertThat(viaProxy(proxy, "trader1", PASSWORD, "203.0.113.11")).isEqualTo(200);
    assertThat(await(redis.get("rtx:auth:fail:ip:203.0.113.10").toCompletionStage().toCompletableFuture()).toLong())
      .isEqualTo(51);
    assertThat(await(redis.exists(List.of("rtx:auth:fail:ip:127.0.0.2")).toCompletionStage().toCompletableFuture()).toLong())
      .isZero();
  }

  @Test
  void aForwardedAddressFromAnUntrustedPeerIsIgnored() throws Exception {
    HttpClient direct = vertx.createHttpClient(new HttpClientOptions().setLocalAddress("127.0.0.1"));
    RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, redisUrl));
    await(redis.del(List.of("rtx:auth:fail:ip:203.0.113.77")).toCompletionStage().toCompletableFuture());
    long before = count(redis, "rtx:auth:fail:ip:127.0.0.1");

    assertThat(viaProxy(direct, "spoofer", "wrong", "203.0.113.77")).isEqualTo(401);

    assertThat(count(redis, "rtx:auth:fail:ip:127.0.0.1")).isEqualTo(before + 1);
    assertThat(await(redis.exists(List.of("rtx:auth:fail:ip:203.0.113.77")).toCompletionStage().toCompletableFuture()).toLong())
      .isZero();
  }

  private static long count(RedisAPI redis, String key) throws Exception {
    var value = await(redis.get(key).toCompletionStage().toCompletableFuture());
    return value == null ? 0 : value.toLong();
  }

  /** A login through {@code client} with {@code forwardedFor} as its X-Forwarded-For; the status. */
  private static int viaProxy(HttpClient client, String username, String password, String forwardedFor) throws Exception {
    return await(client.request(HttpMethod.POST, port, "127.0.0.1", "/api/v1/auth/login")
      .compose(request -> request.putHeader("Content-Type", "application/json").putHeader("X-Forwarded-For", forwardedFor)
        .send(new JsonObject().put("username", username).put("password", password).encode()))
      .compose(response -> response.body().map(body -> response.statusCode()))
      .toCompletionStage().toCompletableFuture());
  }

  private static HttpRequest.Builder login(String username, String password) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
      .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
      .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", username).put("password", password).encode()));
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }
}
