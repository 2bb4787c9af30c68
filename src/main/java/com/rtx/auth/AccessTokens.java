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
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and verifies traders' access tokens (vertx-auth-jwt): signed with the active key (its
 * {@code kid} in the header), verified with any configured key, so rotating the active key keeps
 * earlier tokens valid until they expire. Claims: {@code iss} {@value #ISSUER}, {@code aud}
 * {@value #AUDIENCE} for traders, {@value #STAFF_AUDIENCE} for staff (each instance issues and
 * accepts one audience only, so a trader token never passes the admin API nor the reverse),
 * {@code sub} the trader or staff id, {@code name} the username, {@code sid} the login session, {@code iat},
 * {@code exp}, {@code jti}. A time claim that is not a number, a {@code nbf} in the future, or a
 * missing or malformed {@code sub}/{@code name}/{@code sid} is a {@link TokenRejected}, never an
 * exception reaching the caller.
 *
 * <p>vertx-auth-jwt only checks the signature here; time claims are checked against the engine's
 * {@link Clock} (which tests move) instead of the system clock the library reads. Signing and
 * verifying run on the caller's thread. An ECDSA P-256 verification costs about a millisecond of
 * CPU on a small machine (measured by scripts/bench/orders: most of an order request's CPU when
 * done per request), so the payload of a token whose signature verified is remembered by the
 * token's exact text: the same bytes under the same key set verify the same way, so a repeat
 * skips only the signature check; issuer, audience, expiry and not-before are checked on every
 * use against the engine's clock.
 */
public final class AccessTokens {

  public static final String ISSUER = "rtx";
  public static final String AUDIENCE = "rtx-trader";
  /** Staff (admin API) tokens: same keys, another audience, so neither API accepts the other's. */
  public static final String STAFF_AUDIENCE = "rtx-staff";
  /** Tolerated clock difference between nodes for {@code iat}. */
  private static final long LEEWAY_S = 30;
  /** Most verified tokens remembered; beyond it the expired ones are dropped, then all of them. */
  private static final int VERIFIED_LIMIT = 20_000;

  private final JWTAuth signer;
  private final JWTAuth verifier;
  private final JWTOptions signing;
  private final Clock clock;
  private final long ttlSeconds;
  private final String audience;
  /** Payloads of tokens whose signature verified with this instance's (fixed) keys, by token text. */
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
    return issue(traderId, username, sessionId, false);
  }

  /**
   * As {@link #issue(long, String, UUID)}; with {@code mustChangePassword} the token carries
   * {@code "pwc": true} and the trader API answers only the password change with it.
   */
  public String issue(long traderId, String username, UUID sessionId, boolean mustChangePassword) {
    long now = clock.instant().getEpochSecond();
    JsonObject claims = new JsonObject().put("iss", ISSUER).put("aud", audience)
      .put("sub", Long.toString(traderId)).put("name", username).put("sid", sessionId.toString())
      .put("iat", now).put("exp", now + ttlSeconds).put("jti", UUID.randomUUID().toString());
    if (mustChangePassword) {
      claims.put("pwc", true);
    }
    return signer.generateToken(claims, signing);
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
    Future<io.vertx.ext.auth.User> checked;
    try {
      checked = verifier.authenticate(new TokenCredentials(token));
    } catch (RuntimeException malformed) {
      // vertx-auth-jwt reads exp/iat/nbf as numbers outside its future (User.expired): a token
      // whose time claims are strings or objects throws here instead of failing the future.
      checked = Future.failedFuture(malformed);
    }
    return checked
      .recover(e -> Future.failedFuture(new TokenRejected(reason(e))))
      .compose(user -> {
        JsonObject jwt = user.attributes().getJsonObject("accessToken").copy();
        Future<AccessClaims> claims = claims(jwt);
        if (claims.succeeded()) {
          remember(token, jwt);
        }
        return claims;
      });
  }

  private void remember(String token, JsonObject jwt) {
    if (verified.size() >= VERIFIED_LIMIT) {
      long now = clock.instant().getEpochSecond();
      verified.values().removeIf(j -> !(j.getValue("exp") instanceof Number exp) || exp.longValue() <= now);
      if (verified.size() >= VERIFIED_LIMIT) {
        verified.clear();
      }
    }
    verified.put(token, jwt);
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
      // nbf is optional (the engine does not issue it), but when present it must be a number in the past.
      Object nbf = jwt.getValue("nbf");
      if (nbf != null && (!(nbf instanceof Number notBefore) || notBefore.longValue() > now + LEEWAY_S)) {
        return Future.failedFuture(new TokenRejected("access token is not valid yet"));
      }
      if (!(jwt.getValue("sub") instanceof String) || !(jwt.getValue("name") instanceof String)
        || !(jwt.getValue("sid") instanceof String)) {
        return Future.failedFuture(new TokenRejected("access token lacks required claims"));
      }
      return Future.succeededFuture(new AccessClaims(Long.parseLong(jwt.getString("sub")), jwt.getString("name"),
        UUID.fromString(jwt.getString("sid")), Instant.ofEpochSecond(exp.longValue()), Boolean.TRUE.equals(jwt.getValue("pwc"))));
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
