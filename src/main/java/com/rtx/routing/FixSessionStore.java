package com.rtx.routing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.pgclient.PgConnectOptions;
import quickfix.JdbcSetting;
import quickfix.JdbcStoreFactory;
import quickfix.MessageStoreFactory;
import quickfix.RuntimeError;
import quickfix.Session;
import quickfix.SessionSettings;

import java.io.IOException;

/**
 * Where the LP trade sessions keep their QuickFIX/J state (next sequence numbers): PostgreSQL
 * table {@code fix_session} (changeset 0045, QuickFIX/J's JdbcStore layout; {@code fix_message}
 * stays empty), so the node that takes an LP's leadership over continues
 * the sequence numbers where the last holder stopped — a pod's disk does not survive a move.
 *
 * <p>Two nodes never use one session's rows at once: a session is only created by the holder of
 * the LP's advisory lock ({@link LpLocks}). JdbcStore is blocking JDBC and runs on QuickFIX/J's
 * threads (and in {@code executeBlocking} at start), never on an event loop; the small pool here
 * is its own, apart from the engine's reactive pool.
 */
final class FixSessionStore implements AutoCloseable {

  static final String SESSIONS_TABLE = "fix_session";
  static final String MESSAGES_TABLE = "fix_message";
  /** How stale a busy session's stored incoming number may get (see {@link LeasedSequenceStore}). */
  private static final long TARGET_FLUSH_MS = 200;

  private final HikariDataSource dataSource;

  FixSessionStore(PgConnectOptions pg, int maxConnections) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("rtx-fix-store");
    config.setJdbcUrl("jdbc:postgresql://" + pg.getHost() + ":" + pg.getPort() + "/" + pg.getDatabase());
    config.setUsername(pg.getUser());
    config.setPassword(pg.getPassword());
    config.setMaximumPoolSize(maxConnections);
    config.setMinimumIdle(0);
    // Connect lazily: the router starts even while PostgreSQL is briefly away; a session needs it to start.
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(5_000);
    dataSource = new HikariDataSource(config);
  }

  /**
   * A store factory for the sessions of {@code settings} (sets the table names on them, and
   * PersistMessages=N). Sequence numbers are leased and written behind ({@link LeasedSequenceStore}).
   * No message is kept for resend: a NewOrderSingle resent after a gap could fill at a price long
   * gone, so a ResendRequest from the LP is answered with a gap fill, and an order the LP never got
   * is settled by its OrderStatusRequest, as any order whose answer is missing.
   */
  MessageStoreFactory factory(SessionSettings settings) {
    settings.setString(JdbcSetting.SETTING_JDBC_STORE_SESSIONS_TABLE_NAME, SESSIONS_TABLE);
    settings.setString(JdbcSetting.SETTING_JDBC_STORE_MESSAGES_TABLE_NAME, MESSAGES_TABLE);
    settings.setBool(Session.SETTING_PERSIST_MESSAGES, false);
    JdbcStoreFactory jdbc = new JdbcStoreFactory(settings);
    jdbc.setDataSource(dataSource);
    return sessionId -> {
      try {
        return new LeasedSequenceStore(jdbc.create(sessionId), TARGET_FLUSH_MS, System::currentTimeMillis);
      } catch (IOException e) {
        throw new RuntimeError(e);
      }
    };
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
