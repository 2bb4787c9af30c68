package com.rtx.platform.db;

import io.vertx.pgclient.PgConnectOptions;

/**
 * Which statements the engine's pool keeps prepared per connection. Without a cache, PostgreSQL
 * parses and plans every statement on every execution: on the order path (some fifteen statements
 * per dealing batch, the widest with 24 parameters) that was 40 % of PostgreSQL's CPU in
 * {@code scripts/bench/abook}, and the A-Book path fell behind at 500 orders/s.
 *
 * <p>A statement whose text holds {@code *} ({@code SELECT *}, {@code o.*}) is never cached: an
 * expand migration adding a column changes its result type, and PostgreSQL refuses to run such a
 * prepared statement again ("cached plan must not change result type") for as long as the
 * connection lives — an engine still running the previous release during a rolling upgrade would
 * fail every such query. A statement naming its columns, and every INSERT/UPDATE without
 * {@code RETURNING *}, is re-planned by PostgreSQL itself after a schema change.
 */
public final class StatementCache {

  /** Longest statement text cached (the widest dealing statement is about 1 KB). */
  static final int MAX_SQL_LENGTH = 8_192;
  /** Distinct statements kept per connection (least recently used closed first). */
  static final int MAX_STATEMENTS = 512;

  private StatementCache() {
  }

  /** Whether {@code sql} may stay prepared on a connection. */
  public static boolean cacheable(String sql) {
    return sql.length() <= MAX_SQL_LENGTH && sql.indexOf('*') < 0;
  }

  /** {@code options} with the cache turned on under {@link #cacheable}. */
  public static PgConnectOptions apply(PgConnectOptions options) {
    options.setCachePreparedStatements(true);
    options.setPreparedStatementCacheMaxSize(MAX_STATEMENTS);
    options.setPreparedStatementCacheSqlFilter(StatementCache::cacheable);
    return options;
  }
}
