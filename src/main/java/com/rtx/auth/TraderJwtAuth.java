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
 * (and the OpenAPI router's {@code bearerAuth} scheme) authenticate traders with the engine's
 * keys and clock. The resulting {@link User}'s principal is
 * {@code {"traderId","username","sessionId","expiresAt"}}; a refusal fails with
 * {@link TokenRejected}. Tokens are issued through {@link AccessTokens#issue} only.
 */
public final class TraderJwtAuth implements JWTAuth {

  private final AccessTokens tokens;

  public TraderJwtAuth(AccessTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    if (!(credentials instanceof TokenCredentials token)) {
      return Future.failedFuture(new TokenRejected("a Bearer access token is required"));
    }
    // expiresAt, not exp: User.expired() would compare exp with the system clock, not the engine's.
    return tokens.verify(token.getToken()).map(claims -> User.create(new JsonObject()
      .put("traderId", claims.traderId()).put("username", claims.username())
      .put("sessionId", claims.sessionId().toString()).put("expiresAt", claims.expiresAt().getEpochSecond())));
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
