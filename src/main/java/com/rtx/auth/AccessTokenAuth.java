package com.rtx.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;

/**
 * {@link AccessTokens} as a vertx-auth {@link JWTAuth}, so Vert.x Web's {@code JWTAuthHandler}
 * (and the OpenAPI routers' bearer schemes) authenticate with the engine's keys and clock: traders
 * ({@link #traders}, principal {@code {"traderId","username","sessionId","expiresAt","mustChangePassword"}},
 * refused once the session is revoked: {@link SessionRevocations}) and staff
 * ({@link #staff}, {@code "staffId"} instead; this only proves who the caller is: the admin role
 * checks the session, the staff member and the permission on every request). A refusal fails with
 * {@link TokenRejected}. Tokens are issued through {@link AccessTokens#issue} only.
 */
public final class AccessTokenAuth implements JWTAuth {

  private final AccessTokens tokens;
  private final String idField;
  private final SessionRevocations revocations;

  private AccessTokenAuth(AccessTokens tokens, String idField, SessionRevocations revocations) {
    this.tokens = tokens;
    this.idField = idField;
    this.revocations = revocations;
  }

  /** Traders' tokens, refused as soon as their session is revoked (checked on every request). */
  public static AccessTokenAuth traders(AccessTokens tokens, SessionRevocations revocations) {
    return new AccessTokenAuth(tokens, "traderId", revocations);
  }

  public static AccessTokenAuth staff(AccessTokens tokens) {
    if (!AccessTokens.STAFF_AUDIENCE.equals(tokens.audience())) {
      throw new IllegalArgumentException("staff tokens need audience " + AccessTokens.STAFF_AUDIENCE);
    }
    return new AccessTokenAuth(tokens, "staffId", null);
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    if (!(credentials instanceof TokenCredentials token)) {
      return Future.failedFuture(new TokenRejected("a Bearer access token is required"));
    }
    // expiresAt, not exp: User.expired() would compare exp with the system clock, not the engine's.
    Future<AccessClaims> verified = tokens.verify(token.getToken());
    if (revocations != null) {
      verified = verified.compose(revocations::live);
    }
    return verified.map(claims -> User.create(new JsonObject()
      .put(idField, claims.traderId()).put("username", claims.username())
      .put("sessionId", claims.sessionId().toString()).put("expiresAt", claims.expiresAt().getEpochSecond())
      .put("mustChangePassword", claims.mustChangePassword())));
  }

  @Override
  public String generateToken(JsonObject claims, JWTOptions options) {
    throw new UnsupportedOperationException("access tokens are issued by AccessTokens.issue");
  }

  @Override
  public String generateToken(JsonObject claims) {
    throw new UnsupportedOperationException("access tokens are issued by AccessTokens.issue");
  }
}
