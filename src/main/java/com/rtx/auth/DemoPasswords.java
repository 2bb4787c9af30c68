package com.rtx.auth;

import com.rtx.platform.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Demo mode only: gives demo users whose {@code password_hash} is still NULL the demo password —
 * {@code demo.password} ({@code RTX_DEMO_PASSWORD}) when set, otherwise one generated once and
 * kept in {@code <data-dir>/demo-password} (0600), printed in the log when it is generated, and
 * then only in embedded mode (a developer's machine): against a configured PostgreSQL the log may
 * be shipped anywhere, so it names only the file.
 * Users who already have a password are never touched, so it runs safely at every start.
 *
 * <p>Reusable for any users table with {@code id}, {@code username} and {@code password_hash}
 * columns (staff come later): call {@link #apply} once per table.
 */
public final class DemoPasswords {

  private static final Logger LOG = LoggerFactory.getLogger(DemoPasswords.class);
  static final String FILE = "demo-password";
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final Vertx vertx;
  private final Pool pool;
  private final Path dataDir;
  private final AuthConfig auth;
  private final boolean embedded;

  /** @param embedded the engine runs its own embedded PostgreSQL: a generated password may be logged */
  public DemoPasswords(Vertx vertx, Pool pool, Path dataDir, AuthConfig auth, boolean embedded) {
    this.vertx = vertx;
    this.pool = pool;
    this.dataDir = dataDir;
    this.auth = auth;
    this.embedded = embedded;
  }

  /** Sets the demo password for the users of {@code table} that have none; their names. */
  public Future<List<String>> apply(String table) {
    if (!table.matches("[a-z_]+")) {
      throw new IllegalArgumentException("table " + table);
    }
    return pool.query("SELECT id, username FROM " + table + " WHERE password_hash IS NULL AND status <> 'DISABLED' ORDER BY id").execute()
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.succeededFuture(List.<String>of());
        }
        List<Row> users = new ArrayList<>();
        rows.forEach(users::add);
        return vertx.executeBlocking(() -> password(users), false)
          .compose(password -> vertx.executeBlocking(() -> users.stream()
            .map(u -> Tuple.of(PasswordHasher.hashNow(password), u.getLong("id"))).toList(), false))
          .compose(updates -> pool.preparedQuery("UPDATE " + table + " SET password_hash = $1 "
            + "WHERE id = $2 AND password_hash IS NULL").executeBatch(updates))
          .map(v -> users.stream().map(u -> u.getString("username")).toList());
      });
  }

  /** The demo password; logs it when it was generated just now (the only time it is shown). */
  private String password(List<Row> users) {
    List<String> names = users.stream().map(u -> u.getString("username")).toList();
    if (auth.demoPassword().isPresent()) {
      LOG.info("demo password for {} set from demo.password (RTX_DEMO_PASSWORD)", String.join(", ", names));
      return auth.demoPassword().get();
    }
    Path file = dataDir.resolve(FILE);
    SecretFiles.Result stored = SecretFiles.readOrCreate(file, DemoPasswords::generate);
    String password = stored.content().trim();
    if (stored.created() && !embedded) {
      LOG.info("demo password for {} generated once into {} (read it there; it is logged only in embedded mode)",
        String.join(", ", names), file.toAbsolutePath());
    } else if (stored.created()) {
      LOG.info("demo password for {}: {} (generated once, kept in {}; set RTX_DEMO_PASSWORD to choose it)",
        String.join(", ", names), password, file.toAbsolutePath());
    } else {
      LOG.info("demo password for {} set from {}", String.join(", ", names), file.toAbsolutePath());
    }
    return password;
  }

  /** 16 characters from an alphabet without look-alikes (about 93 bits). */
  static String generate() {
    SecureRandom random = new SecureRandom();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
