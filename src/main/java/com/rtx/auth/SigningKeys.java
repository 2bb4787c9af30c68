package com.rtx.auth;

import com.rtx.platform.config.AuthConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The access-token keys: every configured key verifies, the active one signs. With no key
 * configured (development, embedded mode) one EC P-256 key is generated the first time and kept
 * in {@code <data-dir>/keys/jwt-dev.json} (0600), so restarts keep sessions valid.
 *
 * <p>Loading reads files and may generate a key: call from a worker thread.
 */
public final class SigningKeys {

  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
  static final String DEV_KEY_FILE = "keys/jwt-dev.json";

  /** One key with its PEM texts; {@code privatePem} empty for a verify-only (retired) key. */
  public record Key(String kid, String alg, Optional<String> privatePem, String publicPem) {
    @Override
    public String toString() {
      return "Key[kid=" + kid + ", alg=" + alg + "]";
    }
  }

  private final List<Key> keys;
  private final Key active;

  SigningKeys(List<Key> keys, String activeKid) {
    this.keys = List.copyOf(keys);
    this.active = keys.stream().filter(k -> k.kid().equals(activeKid)).findFirst()
      .orElseThrow(() -> new IllegalArgumentException("no key " + activeKid));
    if (active.privatePem().isEmpty()) {
      throw new IllegalArgumentException("the active key " + activeKid + " has no private key");
    }
  }

  /**
   * The configured keys ({@code auth.jwt.keys} plus those in {@code auth.jwt.keys-dir}), or the
   * development key (created on first use) — which only embedded mode or {@code auth.jwt.dev-keys}
   * may use: replicas that each generate a key refuse each other's tokens.
   *
   * @param embedded whether the engine runs its own PostgreSQL (nothing external configured)
   * @throws IllegalStateException when no key is configured and generated keys are not allowed, or
   *     the key directory is unreadable or inconsistent
   */
  public static SigningKeys load(AuthConfig auth, Path dataDir, boolean embedded) {
    List<Key> keys = new java.util.ArrayList<>(auth.jwtKeys().stream()
      .map(k -> new Key(k.kid(), k.alg(), k.privateKey().map(SigningKeys::pem), pem(k.publicKey())))
      .toList());
    Optional<String> activeKid = auth.activeKid();
    if (auth.keySource().keysDir().isPresent()) {
      KeyDirectory dir = KeyDirectory.read(Path.of(auth.keySource().keysDir().get()));
      for (Key key : dir.keys()) {
        if (keys.stream().anyMatch(k -> k.kid().equals(key.kid()))) {
          throw new IllegalStateException("auth.jwt.keys-dir: kid " + key.kid() + " is also in auth.jwt.keys");
        }
        keys.add(key);
      }
      activeKid = activeKid.or(dir::activeKid);
    }
    if (keys.isEmpty()) {
      if (!embedded && !auth.keySource().devKeys()) {
        throw new IllegalStateException("no access-token keys: set auth.jwt.keys-dir (the mounted rtx-jwt-keys Secret) "
          + "or auth.jwt.keys; a generated key is for embedded mode only (auth.jwt.dev-keys=true allows it for tests)");
      }
      return development(dataDir);
    }
    String active = activeKid.orElseThrow(() -> new IllegalStateException("no active access-token key: set "
      + "auth.jwt.active-kid or the active-kid file of auth.jwt.keys-dir"));
    return new SigningKeys(keys, active);
  }

  static SigningKeys development(Path dataDir) {
    Path file = dataDir.resolve(DEV_KEY_FILE);
    SecretFiles.Result stored = SecretFiles.readOrCreate(file, () -> generateEs256().encode());
    JsonObject json = new JsonObject(stored.content());
    if (stored.created()) {
      LOG.info("no auth.jwt.keys configured: generated development signing key {} in {} (kept for restarts; "
        + "configure auth.jwt.keys in production)", json.getString("kid"), file.toAbsolutePath());
    } else {
      LOG.info("no auth.jwt.keys configured: using development signing key {} from {}", json.getString("kid"),
        file.toAbsolutePath());
    }
    Key key = new Key(json.getString("kid"), json.getString("alg"), Optional.of(json.getString("private-key")),
      json.getString("public-key"));
    return new SigningKeys(List.of(key), key.kid());
  }

  /** A new EC P-256 key as {@code {"kid","alg":"ES256","private-key","public-key"}} (PEM texts). */
  public static JsonObject generateEs256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      String publicPem = toPem("PUBLIC KEY", pair.getPublic().getEncoded());
      return new JsonObject().put("kid", "dev-" + thumbprint(pair.getPublic())).put("alg", "ES256")
        .put("private-key", toPem("PRIVATE KEY", pair.getPrivate().getEncoded())).put("public-key", publicPem);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an EC P-256 key", e);
    }
  }

  public List<Key> all() {
    return keys;
  }

  public Key active() {
    return active;
  }

  /** The public keys as a JSON Web Key Set ({@code {"keys":[...]}}, RFC 7517). */
  public JsonObject jwks() {
    JsonArray list = new JsonArray();
    for (Key key : keys) {
      PublicKey publicKey = publicKey(key);
      JsonObject jwk = new JsonObject().put("kid", key.kid()).put("alg", key.alg()).put("use", "sig");
      if (publicKey instanceof ECPublicKey ec) {
        jwk.put("kty", "EC").put("crv", "P-256")
          .put("x", base64Url(unsigned(ec.getW().getAffineX(), 32)))
          .put("y", base64Url(unsigned(ec.getW().getAffineY(), 32)));
      } else if (publicKey instanceof RSAPublicKey rsa) {
        jwk.put("kty", "RSA").put("n", base64Url(unsigned(rsa.getModulus(), 0)))
          .put("e", base64Url(unsigned(rsa.getPublicExponent(), 0)));
      }
      list.add(jwk);
    }
    return new JsonObject().put("keys", list);
  }

  static PublicKey publicKey(Key key) {
    try {
      return KeyFactory.getInstance(key.alg().startsWith("ES") ? "EC" : "RSA")
        .generatePublic(new X509EncodedKeySpec(der(key.publicPem())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("auth.jwt.keys: public-key of " + key.kid() + " is not a "
        + key.alg() + " public key in PEM (SubjectPublicKeyInfo): " + e.getMessage(), e);
    }
  }

  /** PEM text as given, or read from the file it names. */
  private static String pem(String valueOrPath) {
    if (valueOrPath.contains("-----BEGIN")) {
      return valueOrPath;
    }
    try {
      return Files.readString(Path.of(valueOrPath), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("auth.jwt.keys: cannot read key file " + valueOrPath, e);
    }
  }

  private static byte[] der(String pem) {
    String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(base64);
  }

  static String toPem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
      .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private static String thumbprint(PublicKey key) throws GeneralSecurityException {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    return HexFormat.of().formatHex(digest, 0, 6);
  }

  /** Big-endian magnitude without the sign byte, left-padded to {@code length} when given. */
  private static byte[] unsigned(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    if (length > bytes.length) {
      byte[] padded = new byte[length];
      System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
      return padded;
    }
    return bytes;
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
