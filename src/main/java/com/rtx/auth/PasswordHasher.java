package com.rtx.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Argon2id password hashes (password4j), stored as PHC strings
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}).
 *
 * <p>Parameters: 19 MiB memory, 2 iterations, 1 lane, 16-byte random salt, 32-byte output — the
 * OWASP Password Storage Cheat Sheet's first Argon2id configuration. A verify costs a few tens of
 * milliseconds of one core, so both methods run on a worker thread ({@code executeBlocking},
 * unordered so logins do not queue behind each other) and never on an event loop. Verification
 * reads the parameters from the stored hash, so raising them later keeps old hashes valid.
 *
 * <p>Unknown users are verified against a fixed dummy hash with the same parameters: a login for
 * a name that does not exist costs the same time as a wrong password (no user enumeration by
 * timing). password4j compares the digests in constant time.
 */
public final class PasswordHasher {

  static final int MEMORY_KIB = 19_456;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  static final int OUTPUT_BYTES = 32;
  static final int SALT_BYTES = 16;

  private static final Argon2Function ARGON2 =
    Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, OUTPUT_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);
  /** Hash of a random string nobody knows; only its cost matters. */
  private static final String DUMMY_HASH = hashNow(java.util.UUID.randomUUID().toString());

  private final Vertx vertx;

  public PasswordHasher(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The PHC string of {@code password} with a fresh salt. */
  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hashNow(password), false);
  }

  /**
   * True when {@code password} matches {@code storedHash}; with a null hash (unknown user, or a
   * user whose password is not set) a dummy verify runs and the answer is false.
   */
  public Future<Boolean> verify(String password, String storedHash) {
    return vertx.executeBlocking(() -> verifyNow(password, storedHash), false);
  }

  static String hashNow(String password) {
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(ARGON2).getResult();
  }

  static boolean verifyNow(String password, String storedHash) {
    if (storedHash == null || !storedHash.startsWith("$argon2")) {
      Password.check(password, DUMMY_HASH).with(ARGON2);
      return false;
    }
    return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
  }
}
