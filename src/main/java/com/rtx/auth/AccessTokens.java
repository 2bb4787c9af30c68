package com.rtx.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.security.SignatureException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Issues and verifies traders' access tokens (vertx-auth-jwt): signed with the active key (its
 * {@code kid} in the header), verified with any configured key, so rotating the active key keeps
 * earlier tokens valid until they expire. Claims: {@code iss} {@value #ISSUER}, {@code aud}
 * {@value #AUDIENCE} for traders, {@value #STAFF_AUDIENCE} for staff (each instance issues and
 * accepts one audience only, so a trader token never passes the admin API nor the reverse),
 * {@code sub} the trader or staff id, {@code name} the username, {@code sid} the login session, {@code iat},
 * {@code exp}, {@code jti}.
 *
 * <p>vertx-auth-jwt only checks the signature here; time claims are checked against the engine's
 * {@link Clock} (which tests move) instead of the system clock the library reads. Signing and
 * verifying run on the caller's thread. Verifying an ECDSA P-256 signature costs about a millisecond
 * of CPU, which on every API request was more than half of the engine's CPU per order
 * (scripts/bench/abook), so a token whose signature verified is remembered, by its exact text, with
 * its payload ({@value #VERIFIED_MAX} at most, then forgotten all at once): the claims (issuer,
 * audience, expiry, issue time) are still checked on every call against the engine's clock, and
 * any other text, a single character changed, is verified afresh.
 */
public final class AccessTokens {

  public static final String ISSUER = "rtx";
  public static final String AUDIENCE = "rtx-trader";
  /** Staff (admin API) tokens: same keys, another audience, so neither API accepts the other's. */
  public static final String STAFF_AUDIENCE = "rtx-staff";
  /** Tolerated clock difference between nodes for {@code iat}. */
  private static final long LEEWAY_S = 30;
  /** Tokens whose signature verified, remembered at most (a few MB). */
  static final int VERIFIED_MAX = 10_000;

  private final JWTAuth signer;
  private final JWTAuth verifier;
  private final JWTOptions signing;
  private final Clock clock;
  private final long ttlSeconds;
  private final String audience;
  private final Map<String, JsonObject> verified = new ConcurrentHashMap<>();

  public AccessTokens(Vertx vertx, SigningKeys keys, Clock clock, long ttlSeconds) {
    this(vertx, keys, clock, ttlSeconds, AUDIENCE);
  }

  /** Tokens for {@code audience} ({@link #AUDIENCE} traders, {@link #STAFF_AUDIENCE} staff). */
  public AccessTokens(Vertx vertx, SigningKeys keys, Clock clock, long ttlSeconds, String audience) {
    this.audience = audience;
    SigningKeys.Key active = keys.active();
    this.signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
      .setAlgorithm(active.alg()).setId(active.kid()).setBuffer(active.privatePem().orElseThrow())));
    JWTAuthOptions verifying = new JWTAuthOptions().setJWTOptions(new JWTOptions().setIgnoreExpiration(true));
    for (SigningKeys.Key key : keys.all()) {
      verifying.addPubSecKey(new PubSecKeyOptions().setAlgorithm(key.alg()).setId(key.kid()).setBuffer(key.publicPem()));
    }
    this.verifier = JWTAuth.create(vertx, verifying);
    this.signing = new JWTOptions().setAlgorithm(active.alg()).setNoTimestamp(true);
    this.clock = clock;
    this.ttlSeconds = ttlSeconds;
  }

  public String audience() {
    return audience;
  }

  public long ttlSeconds() {
    return ttlSeconds;
  }

  /** A new access token for the trader's session, valid for the configured lifetime from now. */
  public String issue(long traderId, String username, UUID sessionId) {
    long now = clock.instant().getEpochSecond();
    return signer.generateToken(new JsonObject().put("iss", ISSUER).put("aud", audience)
      .put("sub", Long.toString(traderId)).put("name", username).put("sid", sessionId.toString())
      .put("iat", now).put("exp", now + ttlSeconds).put("jti", UUID.randomUUID().toString()), signing);
  }

  /** The token's claims, or a failed future with {@link TokenRejected} saying why. */
  public Future<AccessClaims> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(new TokenRejected("a Bearer access token is required"));
    }
    JsonObject known = verified.get(token);
    if (known != null) {
      return claims(known);
    }
    return verifier.authenticate(new TokenCredentials(token))
      .recover(e -> Future.failedFuture(new TokenRejected(reason(e))))
      .compose(user -> {
        JsonObject jwt = user.attributes().getJsonObject("accessToken");
        Future<AccessClaims> claims = claims(jwt);
        if (claims.succeeded()) {
          if (verified.size() >= VERIFIED_MAX) {
            verified.clear();
          }
          verified.put(token, jwt.copy());
        }
        return claims;
      });
  }

  private Future<AccessClaims> claims(JsonObject jwt) {
    try {
      if (!ISSUER.equals(jwt.getValue("iss"))) {
        return Future.failedFuture(new TokenRejected("access token has the wrong issuer"));
      }
      Object aud = jwt.getValue("aud");
      boolean forUs = aud instanceof String s ? s.equals(audience) : aud instanceof JsonArray a && a.contains(audience);
      if (!forUs) {
        return Future.failedFuture(new TokenRejected("access token is not for this API (audience " + audience + ")"));
      }
      long now = clock.instant().getEpochSecond();
      if (!(jwt.getValue("exp") instanceof Number exp) || exp.longValue() <= now) {
        return Future.failedFuture(new TokenRejected("access token expired; refresh it or log in again"));
      }
      if (!(jwt.getValue("iat") instanceof Number iat) || iat.longValue() > now + LEEWAY_S) {
        return Future.failedFuture(new TokenRejected("access token is not valid yet"));
      }
      return Future.succeededFuture(new AccessClaims(Long.parseLong(jwt.getString("sub")), jwt.getString("name"),
        UUID.fromString(jwt.getString("sid")), Instant.ofEpochSecond(exp.longValue())));
    } catch (RuntimeException malformed) {
      return Future.failedFuture(new TokenRejected("access token lacks required claims"));
    }
  }

  private static String reason(Throwable e) {
    if (e instanceof NoSuchKeyIdException) {
      return "access token is signed with an unknown key";
    }
    if (e instanceof SignatureException) {
      return "access token signature is invalid";
    }
    return "access token is malformed";
  }
}
