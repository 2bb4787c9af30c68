package com.rtx.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Access-token keys kept as files, the layout of the mounted Secret {@code rtx-jwt-keys}:
 * {@code <kid>.pub.pem} (SubjectPublicKeyInfo) for every key that verifies, {@code <kid>.key.pem}
 * (PKCS#8) for a key that may sign, and a file {@code active-kid} naming the signing key. The
 * algorithm follows the key type (EC P-256 → ES256, RSA → RS256). Kubernetes' own entries of a
 * mounted Secret ({@code ..data}, dot files) are ignored.
 *
 * @param keys every key found, by kid order
 * @param activeKid the content of {@code active-kid}, if present
 */
record KeyDirectory(List<SigningKeys.Key> keys, Optional<String> activeKid) {

  private static final String PUBLIC = ".pub.pem";
  private static final String PRIVATE = ".key.pem";

  static KeyDirectory read(Path dir) {
    TreeMap<String, String> publics = new TreeMap<>();
    TreeMap<String, String> privates = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        if (name.endsWith(PUBLIC)) {
          publics.put(kid(name, PUBLIC), Files.readString(file, StandardCharsets.UTF_8));
        } else if (name.endsWith(PRIVATE)) {
          privates.put(kid(name, PRIVATE), Files.readString(file, StandardCharsets.UTF_8));
        }
      }
      Path activeFile = dir.resolve("active-kid");
      Optional<String> active = Files.isRegularFile(activeFile)
        ? Optional.of(Files.readString(activeFile, StandardCharsets.UTF_8).strip()).filter(k -> !k.isEmpty())
        : Optional.empty();
      for (String kid : privates.keySet()) {
        if (!publics.containsKey(kid)) {
          throw new IllegalStateException("auth.jwt.keys-dir " + dir + ": " + kid + PRIVATE + " has no " + kid + PUBLIC);
        }
      }
      List<SigningKeys.Key> keys = new ArrayList<>();
      publics.forEach((kid, publicPem) -> keys.add(key(kid, publicPem, Optional.ofNullable(privates.get(kid)))));
      return new KeyDirectory(List.copyOf(keys), active);
    } catch (IOException e) {
      throw new UncheckedIOException("auth.jwt.keys-dir: cannot read " + dir, e);
    }
  }

  private static String kid(String fileName, String suffix) {
    String kid = fileName.substring(0, fileName.length() - suffix.length());
    if (!kid.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalStateException("auth.jwt.keys-dir: " + fileName + " does not name a kid (letters, digits, . _ -)");
    }
    return kid;
  }

  private static SigningKeys.Key key(String kid, String publicPem, Optional<String> privatePem) {
    // Read the public key once as EC; an RSA key fails that and is read as RSA.
    SigningKeys.Key ec = new SigningKeys.Key(kid, "ES256", privatePem, publicPem);
    try {
      PublicKey key = SigningKeys.publicKey(ec);
      return key instanceof ECPublicKey ? ec : new SigningKeys.Key(kid, "RS256", privatePem, publicPem);
    } catch (IllegalArgumentException notEc) {
      SigningKeys.Key rsa = new SigningKeys.Key(kid, "RS256", privatePem, publicPem);
      SigningKeys.publicKey(rsa); // throws naming the kid when it is neither
      return rsa;
    }
  }
}
