package com.rtx.platform.db;

import com.rtx.platform.config.SecretMasker;
import io.vertx.pgclient.PgConnectOptions;

import java.util.Properties;

/**
 * One PostgreSQL database to connect to, usable by both the reactive client (run time) and JDBC
 * (Liquibase migrations).
 */
public record PgTarget(String host, int port, String database, String user, String password) {

  /** Parses {@code postgresql://user:password@host:port/database}; explicit user/password win. */
  public static PgTarget fromUrl(String url, String user, String password) {
    PgConnectOptions options = PgConnectOptions.fromUri(url);
    // PgConnectOptions fills in Vert.x's placeholder password when the URL has none; a URL
    // without a password means "no password" (trust, peer or a password from elsewhere).
    String userInfo = java.net.URI.create(url).getRawUserInfo();
    String urlPassword = userInfo != null && userInfo.contains(":") ? options.getPassword() : null;
    return new PgTarget(options.getHost(), options.getPort(), options.getDatabase(),
      user != null ? user : options.getUser(),
      password != null ? password : urlPassword);
  }

  public PgTarget withDatabase(String name) {
    return new PgTarget(host, port, name, user, password);
  }

  /**
   * The target Liquibase runs on: the same database as the schema owner {@code migrationUser}
   * (with {@code migrationPassword}), or this target when no migration user is configured.
   */
  public PgTarget forMigrations(java.util.Optional<String> migrationUser, java.util.Optional<String> migrationPassword) {
    return migrationUser.map(u -> new PgTarget(host, port, database, u, migrationPassword.orElse(null))).orElse(this);
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions()
      .setHost(host).setPort(port).setDatabase(database).setUser(user);
    if (password != null) {
      options.setPassword(password);
    }
    return options;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public Properties jdbcProperties() {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("ApplicationName", "rtx-engine");
    return props;
  }

  /** The URL form, password masked, for logs. */
  public String describe() {
    return SecretMasker.maskUrl("postgresql://" + user + (password == null ? "" : ":" + password) + "@"
      + host + ":" + port + "/" + database);
  }

  @Override
  public String toString() {
    return describe();
  }
}
