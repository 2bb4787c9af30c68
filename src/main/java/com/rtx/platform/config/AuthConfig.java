package com.rtx.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Traders' authentication: access-token signing keys (empty = a development key generated once
 * under {@code data-dir/keys/}), token lifetimes, login throttling, and the demo users' password
 * (empty = generated once under {@code data-dir}).
 */
public record AuthConfig(List<JwtKey> jwtKeys, Optional<String> activeKid, long accessTokenTtlS, long refreshTokenTtlS,
                         int loginMaxFailures, int loginMaxFailuresPerIp, long loginWindowS,
                         Optional<String> demoPassword, JwtKeySource keySource) {
  @Override
  public String toString() {
    return "Auth[keys=" + jwtKeys.stream().map(JwtKey::kid).toList() + ", activeKid=" + activeKid
      + ", accessTokenTtlS=" + accessTokenTtlS + ", refreshTokenTtlS=" + refreshTokenTtlS + "]";
  }

  /**
   * Where access-token keys come from besides {@code auth.jwt.keys}.
   *
   * @param keysDir a directory (the mounted Secret) of {@code <kid>.pub.pem} files, {@code <kid>.key.pem}
   *     for the signing key and a file {@code active-kid}; read at start
   * @param devKeys allow a generated development key outside embedded mode (never in production:
   *     every replica would sign with its own key)
   */
  public record JwtKeySource(Optional<String> keysDir, boolean devKeys) {
  }

  /**
   * One access-token key: PEM text (or a path to a PEM file) of the PKCS#8 private key, needed only
   * by the active key, and of the public key. {@code alg} is ES256 or RS256.
   */
  public record JwtKey(String kid, String alg, Optional<String> privateKey, String publicKey) {
    @Override
    public String toString() {
      return "JwtKey[kid=" + kid + ", alg=" + alg + "]";
    }
  }

  static AuthConfig parse(ConfigReader in) {
    List<JwtKey> keys = jwtKeys(in);
    Optional<String> activeKid = Optional.ofNullable(in.optionalString("auth.jwt.active-kid"));
    if (keys.isEmpty() && activeKid.isPresent()) {
      in.problem("auth.jwt.active-kid", "is set but auth.jwt.keys is empty");
    } else if (!keys.isEmpty()) {
      String active = activeKid.orElse(keys.size() == 1 ? keys.get(0).kid() : null);
      JwtKey key = keys.stream().filter(k -> k.kid().equals(active)).findFirst().orElse(null);
      if (key == null) {
        in.problem("auth.jwt.active-kid", active == null ? "must name one of auth.jwt.keys when there are several"
          : "names no key of auth.jwt.keys: " + active);
      } else if (key.privateKey().isEmpty()) {
        in.problem("auth.jwt.keys", "the active key " + active + " needs its private-key");
      }
      activeKid = Optional.ofNullable(active);
    }
    String demoPassword = in.optionalString("demo.password");
    if (demoPassword != null && demoPassword.length() < 8) {
      in.problem("demo.password", "must be at least 8 characters");
    }
    return new AuthConfig(keys, activeKid, in.longValue("auth.access-token-ttl-s", 30, 86_400),
      in.longValue("auth.refresh-token-ttl-s", 60, 366L * 86_400), in.intValue("auth.login.max-failures", 1, 1000),
      in.intValue("auth.login.max-failures-per-ip", 1, 1_000_000), in.longValue("auth.login.window-s", 1, 86_400),
      Optional.ofNullable(demoPassword), new JwtKeySource(Optional.ofNullable(in.optionalString("auth.jwt.keys-dir"))
        .filter(d -> !d.isBlank()), in.bool("auth.jwt.dev-keys")));
  }

  private static List<JwtKey> jwtKeys(ConfigReader in) {
    List<JwtKey> keys = new ArrayList<>();
    JsonArray array = in.array("auth.jwt.keys");
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject key) || key.getString("kid") == null
        || !key.getString("kid").matches("[A-Za-z0-9._-]{1,64}") || key.getString("public-key") == null) {
        in.problem("auth.jwt.keys", "entry " + i + " needs a kid (letters, digits, . _ -) and a public-key");
        continue;
      }
      String alg = key.getString("alg", "ES256");
      if (!alg.equals("ES256") && !alg.equals("RS256")) {
        in.problem("auth.jwt.keys", "entry " + key.getString("kid") + ": alg must be ES256 or RS256, got " + alg);
        continue;
      }
      if (keys.stream().anyMatch(k -> k.kid().equals(key.getString("kid")))) {
        in.problem("auth.jwt.keys", "kid " + key.getString("kid") + " appears twice");
        continue;
      }
      keys.add(new JwtKey(key.getString("kid"), alg, Optional.ofNullable(key.getString("private-key")),
        key.getString("public-key")));
    }
    return List.copyOf(keys);
  }
}
