package com.rtx.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Trader sessions revoked in PostgreSQL, published on {@link Addresses#SESSIONS_REVOKED} after the
 * commit: {@code {"sessionIds": ["<uuid>", ...]}}. Every gateway refuses their access tokens and
 * closes their WebSockets.
 */
public record SessionsRevoked(List<UUID> sessionIds) {

  public SessionsRevoked {
    sessionIds = List.copyOf(sessionIds);
  }

  public JsonObject toJson() {
    JsonArray ids = new JsonArray();
    sessionIds.forEach(id -> ids.add(id.toString()));
    return new JsonObject().put("sessionIds", ids);
  }

  /** @throws IllegalArgumentException when an id is not a UUID */
  public static SessionsRevoked fromJson(JsonObject json) {
    List<UUID> ids = new ArrayList<>();
    for (Object id : json.getJsonArray("sessionIds", new JsonArray())) {
      ids.add(UUID.fromString(String.valueOf(id)));
    }
    return new SessionsRevoked(ids);
  }
}
