package com.rtx.platform.config;

import java.util.Optional;

/**
 * PostgreSQL; an empty {@code url} means "start the embedded server". {@code migrationUser} (with
 * {@code migrationPassword}) is the schema owner Liquibase runs as; unset, migrations use the
 * run-time user. The run-time user should then be a login role granted {@code rtx_app}.
 */
public record PgConfig(Optional<String> url, Optional<String> user, Optional<String> password,
                       Optional<String> migrationUser, Optional<String> migrationPassword,
                       int poolSize, int connectTimeoutMs) {

  static PgConfig parse(ConfigReader in) {
    return new PgConfig(in.url("pg.url", "postgresql", "postgres"), Optional.ofNullable(in.optionalString("pg.user")),
      Optional.ofNullable(in.optionalString("pg.password")),
      Optional.ofNullable(in.optionalString("pg.migration-user")),
      Optional.ofNullable(in.optionalString("pg.migration-password")), in.intValue("pg.pool-size", 1, 500),
      in.intValue("pg.connect-timeout-ms", 1, 600_000));
  }
}
