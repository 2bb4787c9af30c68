package com.rtx.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;

/**
 * Staff access tokens ({@link AccessTokens} built for {@link AccessTokens#STAFF_AUDIENCE}) as a
 * vertx-auth {@link JWTAuth} for the admin API's {@code staffBearer} scheme. The principal is
 * {@code {"staffId","username","sessionId","expiresAt"}}. This only proves who the caller is; the
 * admin role checks on every request that the session is live, the staff member active and the
 * role holds the operation's permission.
 */
public final class StaffJwtAuth implements JWTAuth {

  private final AccessTokens tokens;

  public StaffJwtAuth(AccessTokens tokens) {
    if (!AccessTokens.STAFF_AUDIENCE.equals(tokens.audience())) {
      throw new IllegalArgumentException("staff tokens need audience " + AccessTokens.STAFF_AUDIENCE);
    }
    this.tokens = tokens;
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    if (!(credentials instanceof TokenCredentials token)) {
      return Future.failedFuture(new TokenRejected("a Bearer access token is required"));
    }
    return tokens.verify(token.getToken()).map(claims -> User.create(new JsonObject()
      .put("staffId", claims.traderId()).put("username", claims.username())
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
