package com.rtx.platform;

import com.rtx.platform.config.RtxConfig;
import com.rtx.platform.health.EngineHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * What the engine hands to each role's verticle: typed configuration and the shared clients.
 * The pool and Redis client belong to the engine, which closes them after every verticle stopped.
 * Every time that behaviour depends on comes from {@code clock}, so tests can control it.
 * {@code pgConnect} is for the few dedicated connections that must not come from the pool (the
 * dealing shards' advisory locks); {@code node} names this engine process (its instance id).
 */
public record Platform(RtxConfig config, Pool pool, Redis redisClient, RedisAPI redis, EngineHealth health,
                       PrometheusMeterRegistry metrics, BuildInfo build, Clock clock,
                       PgConnectOptions pgConnect, String node) {
}
