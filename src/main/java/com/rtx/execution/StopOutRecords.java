package com.rtx.execution;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * An account's stop-outs with the evidence packet dealing stored with each (table
 * {@code stop_out}, written in the transaction that closed the positions): the group and its
 * version, the stop-out level, the quotes used, the account before, after each closed position
 * and at the end. Newest first, keyset-paged by id ({@code before} = the previous page's
 * {@code nextBefore}). Safe on any thread: it only reads.
 */
public final class StopOutRecords {

  private final Pool pool;

  public StopOutRecords(Pool pool) {
    this.pool = pool;
  }

  /**
   * One page of the account's stop-outs, {@code {"stopOuts": [...], "nextBefore"?}}; nextBefore is
   * present when the page is full (there may be older ones).
   *
   * @param before only ids below this, or null for the newest
   * @param limit  at most this many (the contracts bound it to 1..500)
   */
  public Future<JsonObject> list(long accountId, Long before, int limit) {
    return pool.preparedQuery("SELECT id, time, group_version, evidence FROM stop_out WHERE account_id = $1 AND id < $2 "
        + "ORDER BY id DESC LIMIT $3")
      .execute(Tuple.of(accountId, before == null ? Long.MAX_VALUE : before, limit))
      .map(rows -> {
        JsonArray list = new JsonArray();
        long last = 0;
        for (Row r : rows) {
          last = r.getLong("id");
          list.add(new JsonObject().put("stopOutId", last).put("accountId", accountId)
            .put("time", ExecutionRecords.time(r.getOffsetDateTime("time"))).put("groupVersion", r.getLong("group_version"))
            .put("evidence", r.getValue("evidence")));
        }
        JsonObject page = new JsonObject().put("stopOuts", list);
        if (list.size() == limit) {
          page.put("nextBefore", last);
        }
        return page;
      });
  }
}
