package com.rtx.dealing;

import com.rtx.bus.DealingReply;
import com.rtx.bus.DealingRequest;
import com.rtx.core.dealing.Command;
import io.vertx.core.Promise;

/**
 * One entry of a dealing shard's queue. A request comes over the bus and its sender waits for the
 * reply; a desk report is an LP's answer the shard's own order desk obtained (nobody waits); an
 * own command is the shard's work: a quote to process, a roll-over, an expiry.
 */
sealed interface ShardInput {

  long accountId();

  /** The request or report, null for the shard's own commands. */
  default DealingRequest request() {
    return null;
  }

  /** Who waits for the reply, null when nobody does; failed with a {@code DealingFailure}. */
  default Promise<DealingReply> reply() {
    return null;
  }

  /** The command of an own command; requests are turned into commands when their batch runs. */
  default Command command() {
    return null;
  }

  default String clientOrderId() {
    DealingRequest request = request();
    return request == null ? null : request.clientOrderId();
  }

  /** Whether a failed batch must run it again: everything but quote processing, which the next quote redoes. */
  default boolean mustRetry() {
    return !(command() instanceof Command.ProcessQuote);
  }

  /** A request over the bus: a trader's or staff member's command, or an LP execution report from the router. */
  record Request(long accountId, DealingRequest request, Promise<DealingReply> reply) implements ShardInput {
  }

  /** An execution report the shard's LP order desk obtained (a status answer): applied, answered to nobody. */
  record DeskReport(long accountId, DealingRequest.LpExecution request) implements ShardInput {
  }

  /** The shard's own command for one account. */
  record Own(long accountId, Command command) implements ShardInput {
  }
}
