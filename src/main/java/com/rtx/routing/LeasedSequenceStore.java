package com.rtx.routing;

import quickfix.MessageStore;

import java.io.IOException;
import java.util.Collection;
import java.util.Date;
import java.util.function.LongSupplier;

/**
 * An LP trade session's sequence numbers kept durable in {@code durable} (QuickFIX/J's JdbcStore
 * in PostgreSQL) without a database commit per FIX message. JdbcStore alone commits an UPDATE for
 * every message sent and received — four commits per A-Book order (NewOrderSingle, its INSERT,
 * the LP's ack and fill), serially on the session's thread ahead of the next report, which made
 * the FIX leg of an order cost more than its dealing.
 *
 * <p>Both numbers may be read back lower or higher than the last one used, but only in the
 * directions FIX recovers from on its own:
 * <ul>
 *   <li>Outgoing: the stored number is a lease, {@link #LEASE} above the next one to use, renewed
 *       (synchronously, before the number is used) when the session reaches it. A holder that dies
 *       leaves the next one starting at the lease: never a number the LP has seen (which it would
 *       refuse with "MsgSeqNum too low" and a logout), only a gap, which the LP answers with a
 *       ResendRequest that the session fills with a SequenceReset-GapFill (trade sessions keep no
 *       messages to resend: see {@link FixSessionStore}).</li>
 *   <li>Incoming: written behind, on the first message at least {@code targetFlushMs} after the
 *       last write (and whenever QuickFIX/J sets it outright), so a quiet session's is at most a
 *       heartbeat old. After a crash the session expects a number the LP
 *       already used and asks for those messages again; reports come back PossDup and are dropped
 *       by ExecID where already booked (the dealing shard keeps every LP ExecID), so nothing is
 *       applied twice — and a report the engine died before booking is recovered, not lost.</li>
 * </ul>
 *
 * <p>Synchronized: QuickFIX/J increments the outgoing number on the sending thread and the
 * incoming one on its processing thread.
 */
final class LeasedSequenceStore implements MessageStore {

  /** Outgoing numbers reserved per durable write: one commit per this many messages sent. */
  static final int LEASE = 1_000;

  private final MessageStore durable;
  private final long targetFlushMs;
  private final LongSupplier clockMs;
  private int nextSender;
  private int nextTarget;
  /** The outgoing number the durable store holds: every number below it may have been used. */
  private int leasedUpTo;
  private long targetStoredAt;

  LeasedSequenceStore(MessageStore durable, long targetFlushMs, LongSupplier clockMs) throws IOException {
    this.durable = durable;
    this.targetFlushMs = targetFlushMs;
    this.clockMs = clockMs;
    load();
  }

  private void load() throws IOException {
    // What is stored is a lease (or an exact number, written before this class): start at it, never below.
    nextSender = durable.getNextSenderMsgSeqNum();
    nextTarget = durable.getNextTargetMsgSeqNum();
    targetStoredAt = clockMs.getAsLong();
    lease();
  }

  private void lease() throws IOException {
    leasedUpTo = nextSender + LEASE;
    durable.setNextSenderMsgSeqNum(leasedUpTo);
  }

  private void storeTarget() throws IOException {
    durable.setNextTargetMsgSeqNum(nextTarget);
    targetStoredAt = clockMs.getAsLong();
  }

  @Override
  public synchronized int getNextSenderMsgSeqNum() {
    return nextSender;
  }

  @Override
  public synchronized int getNextTargetMsgSeqNum() {
    return nextTarget;
  }

  @Override
  public synchronized void incrNextSenderMsgSeqNum() throws IOException {
    nextSender++;
    if (nextSender >= leasedUpTo) {
      lease();
    }
  }

  @Override
  public synchronized void setNextSenderMsgSeqNum(int next) throws IOException {
    nextSender = next;
    lease();
  }

  @Override
  public synchronized void incrNextTargetMsgSeqNum() throws IOException {
    nextTarget++;
    if (clockMs.getAsLong() - targetStoredAt >= targetFlushMs) {
      storeTarget();
    }
  }

  @Override
  public synchronized void setNextTargetMsgSeqNum(int next) throws IOException {
    nextTarget = next;
    storeTarget();
  }

  @Override
  public synchronized void reset() throws IOException {
    durable.reset();
    load();
  }

  @Override
  public synchronized void refresh() throws IOException {
    durable.refresh();
    load();
  }

  @Override
  public boolean set(int sequence, String message) throws IOException {
    return durable.set(sequence, message);
  }

  @Override
  public void get(int startSequence, int endSequence, Collection<String> messages) throws IOException {
    durable.get(startSequence, endSequence, messages);
  }

  @Override
  public Date getCreationTime() throws IOException {
    return durable.getCreationTime();
  }
}
