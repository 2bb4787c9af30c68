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
}
