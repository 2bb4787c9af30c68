package com.rtx.admin;

import io.vertx.core.Future;

/** One admin operation: runs only after {@link StaffGuard} allowed {@code actor}. */
@FunctionalInterface
interface AdminHandler {

  Future<AdminReply> handle(AdminRequest req, Actor actor);
}
