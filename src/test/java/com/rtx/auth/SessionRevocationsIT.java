package com.rtx.auth;

import com.rtx.platform.db.PgTarget;
import com.rtx.support.MutableClock;
import com.rtx.support.Ports;
import com.rtx.support.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revocation set against real Redis and PostgreSQL: a revoked session is found in Redis with
 * the access-token lifetime as its expiry, and, when Redis does not answer, in PostgreSQL (a
 * session with no unrevoked refresh token has ended), on a node that never heard of it.
 */
@Timeout(60)
class SessionRevocationsIT {

  private static final Duration TTL = Duration.ofSeconds(900);
  private static PgTarget database;
  private static Vertx vertx;
  private static Pool pool;
  private static long traderId;
  private final MutableClock clock = new MutableClock();

  @BeforeAll
  static void start() throws Exception {
    database = TestInfra.migratedDatabase();
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().connectingTo(database.connectOptions()).using(vertx).build();
    try (Connection c = TestInfra.connect(database);
         ResultSet rs = c.createStatement().executeQuery(
           "INSERT INTO trader (username, password_hash) VALUES ('revoked-sessions', 'x') RETURNING id")) {
      rs.next();
      traderId = rs.getLong(1);
    }
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close();
    }
    TestInfra.drop(database);
  }

  private static RedisAPI redis(String url) {
    return RedisAPI.api(Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
      .setNetClientOptions(new NetClientOptions().setConnectTimeout(500))));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void aRevokedSessionIsInRedisForTheAccessTokenLifetime() throws Exception {
    RedisAPI redis = redis(TestInfra.redisUrl(13));
    SessionRevocations revocations = new SessionRevocations(vertx, redis, pool, clock, TTL);
    RefreshTokens refresh = new RefreshTokens(pool, revocations);
    UUID live = await(refresh.issue(traderId, Instant.now(), Instant.now().plusSeconds(3600))).familyId();
    UUID ended = await(refresh.issue(traderId, Instant.now(), Instant.now().plusSeconds(3600))).familyId();

    await(refresh.revokeFamily(ended, Instant.now()));

    assertThat(await(revocations.revoked(ended))).isTrue();
    assertThat(await(revocations.revoked(live))).isFalse();
    long ttl = await(redis.pttl("rtx:auth:revoked:" + ended)).toLong();
    assertThat(ttl).isBetween(1L, TTL.toMillis());
    SessionRevocations otherNode = new SessionRevocations(vertx, redis, pool, clock, TTL);
    assertThat(await(otherNode.revoked(ended))).as("another node reads it from Redis").isTrue();
  }

  @Test
  void withoutRedisPostgreSqlDecides() throws Exception {
    SessionRevocations up = new SessionRevocations(vertx, redis(TestInfra.redisUrl(13)), pool, clock, TTL);
    RefreshTokens refresh = new RefreshTokens(pool, up);
    UUID live = await(refresh.issue(traderId, Instant.now(), Instant.now().plusSeconds(3600))).familyId();
    UUID ended = await(refresh.issue(traderId, Instant.now(), Instant.now().plusSeconds(3600))).familyId();
    await(pool.withConnection(conn -> RefreshTokens.revokeTraderSessions(conn, traderId, live, Instant.now())));

    SessionRevocations redisDown = new SessionRevocations(vertx, redis("redis://127.0.0.1:" + Ports.free()), pool, clock, TTL);

    assertThat(await(redisDown.revoked(ended))).isTrue();
    assertThat(await(redisDown.revoked(live))).isFalse();
    assertThat(await(redisDown.revoked(UUID.randomUUID()))).as("an unknown session is no session").isTrue();
  }

  @Test
  void aRevocationHeardOnTheBusHoldsWithoutRedisUntilTheTokensExpire() throws Exception {
    SessionRevocations redisDown = new SessionRevocations(vertx, redis("redis://127.0.0.1:" + Ports.free()), pool, clock, TTL);
    RefreshTokens refresh = new RefreshTokens(pool, redisDown);
    UUID session = await(refresh.issue(traderId, Instant.now(), Instant.now().plusSeconds(3600))).familyId();

    redisDown.remember(List.of(session));

    assertThat(await(redisDown.revoked(session))).isTrue();
    clock.advanceTo(clock.millis() + TTL.toMillis() + 1);
    assertThat(await(redisDown.revoked(session))).as("after the lifetime PostgreSQL decides: still live there").isFalse();
  }

  /** A gateway that starts after a logout refuses its token even when Redis lost the key (eviction, failed write). */
  @Test
  void aNodeStartedAfterARevocationKnowsItWithoutRedisKeepingIt() throws Exception {
    RedisAPI redis = redis(TestInfra.redisUrl(13));
    SessionRevocations running = new SessionRevocations(vertx, redis, pool, clock, TTL);
    RefreshTokens refresh = new RefreshTokens(pool, running);
    RefreshTokens.Issued rotating = await(refresh.issue(traderId, Instant.now(), Instant.now().plusSeconds(3600)));
    UUID ended = await(refresh.issue(traderId, Instant.now(), Instant.now().plusSeconds(3600))).familyId();
    await(refresh.rotate(rotating.token(), Instant.now()));
    await(refresh.revokeFamily(ended, Instant.now()));
    await(redis.del(List.of("rtx:auth:revoked:" + ended)));

    SessionRevocations started = new SessionRevocations(vertx, redis, pool, clock, TTL);
    assertThat(await(started.loadRecent())).isPositive();

    assertThat(await(started.revoked(ended))).as("remembered from PostgreSQL").isTrue();
    assertThat(await(started.revoked(rotating.familyId()))).as("a rotation is no revocation").isFalse();
  }

  /**
   * A password change that passed the gateway's session check while a staff reset (or a logout)
   * committed must not overwrite it: the change applies only to a live session and the very hash
   * its current password was checked against.
   */
  @Test
  void aPasswordChangeLosesToARevocationThatCommittedFirst() throws Exception {
    RedisAPI redis = redis(TestInfra.redisUrl(13));
    SessionRevocations revocations = new SessionRevocations(vertx, redis, pool, clock, TTL);
    RefreshTokens refresh = new RefreshTokens(pool, revocations);
    PasswordHasher hasher = new PasswordHasher(vertx);
    String hash = await(hasher.hash("old-Pa55word"));
    long trader;
    try (Connection c = TestInfra.connect(database);
         ResultSet rs = c.createStatement().executeQuery("INSERT INTO trader (username, password_hash) VALUES "
           + "('racing-change', '" + hash + "') RETURNING id")) {
      rs.next();
      trader = rs.getLong(1);
    }
    io.vertx.core.json.JsonObject key = SigningKeys.generateEs256().put("kid", "k1");
    AccessTokens tokens = new AccessTokens(vertx, new SigningKeys(List.of(new SigningKeys.Key("k1", "ES256",
      java.util.Optional.of(key.getString("private-key")), key.getString("public-key"))), "k1"), clock, 900);
    LoginThrottle throttle = new LoginThrottle(redis, new LoginThrottle.Limits(5, 50, Duration.ofMinutes(5)), clock,
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    TraderAuth auth = new TraderAuth(pool, hasher, tokens, refresh, throttle, clock, Duration.ofDays(1), revocations);
    UUID session = await(refresh.issue(trader, Instant.now(), Instant.now().plusSeconds(3600))).familyId();
    await(refresh.revokeFamily(session, Instant.now()));

    Throwable refused = auth.changePassword(trader, "racing-change", session, "old-Pa55word", "new-Pa55word", "10.1.2.3")
      .toCompletionStage().toCompletableFuture().handle((ok, e) -> e).get(20, TimeUnit.SECONDS);

    assertThat(refused).isInstanceOf(AuthFailure.class);
    try (Connection c = TestInfra.connect(database);
         ResultSet rs = c.createStatement().executeQuery("SELECT password_hash FROM trader WHERE id = " + trader)) {
      rs.next();
      assertThat(rs.getString(1)).as("the password stays as it was").isEqualTo(hash);
    }
  }
}
